// Run, Stop and Copy on a slide's code blocks. The slide's HTML comes from the deck package as a string,
// so the buttons are added to its <pre class="dh-code"> elements directly rather than by React, inside
// the block and over it (themes/code-actions.css), so the slide's layout is the theme's alone.
// The buttons are built once per slide and only their state changes afterwards, so keyboard focus
// stays on the button that was pressed.
import type { CodeBlock } from '@deckhand/deck';

export interface CodeActions {
  run(block: CodeBlock): void;
  stop(block: CodeBlock): void;
  /** False on a page with no shell of its own (a follower's): Copy only. */
  canRun?: boolean;
}

interface BlockControls {
  block: CodeBlock;
  pre: HTMLElement;
  run: HTMLButtonElement | null;
  stop: HTMLButtonElement | null;
}

export function attachCodeActions(root: HTMLElement, blocks: CodeBlock[], actions: CodeActions) {
  const attached: Array<{ toolbar: HTMLElement; controls: BlockControls }> = [];
  for (const pre of root.querySelectorAll<HTMLElement>('pre.dh-code')) {
    const block = blocks.find((candidate) => candidate.id === pre.dataset.block);
    if (!block) continue;
    const toolbar = document.createElement('div');
    toolbar.className = 'code-actions';
    const controls: BlockControls = { block, pre, run: null, stop: null };
    if (block.runnable && actions.canRun !== false) {
      const where = block.options.term && block.options.term > 1 ? ` in terminal ${block.options.term}` : ' in the terminal';
      const verb = block.options.type ? 'Type' : 'Run';
      controls.run = button(verb, `${verb} this block${where}`, () => actions.run(block));
      controls.run.classList.add('code-run');
      controls.stop = button('Stop', 'Stop it (sends Ctrl-C)', () => actions.stop(block));
      controls.stop.classList.add('code-stop');
      controls.stop.hidden = true;
      toolbar.append(controls.run, controls.stop);
      pre.dataset.runnable = 'true';
    }
    toolbar.append(button('Copy', 'Copy this block', () => void copy(block, toolbar)));
    pre.append(toolbar);
    attached.push({ toolbar, controls });
  }
  return {
    showRunning(running: ReadonlySet<string>): void {
      for (const { controls } of attached) {
        const isRunning = running.has(controls.block.id);
        controls.pre.classList.toggle('is-running', isRunning);
        if (controls.run) {
          controls.run.textContent = isRunning ? 'Running…' : controls.block.options.type ? 'Type' : 'Run';
          controls.run.setAttribute('aria-busy', String(isRunning));
        }
        if (controls.stop) controls.stop.hidden = !isRunning;
      }
    },
    detach(): void {
      for (const { toolbar } of attached) toolbar.remove();
    },
  };
}

/** The block under keyboard focus, for the run shortcut. */
export function focusedBlockId(): string | null {
  const pre = document.activeElement?.closest<HTMLElement>('pre.dh-code');
  return pre?.dataset.block ?? null;
}

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.title = title;
  element.addEventListener('click', onClick);
  return element;
}

async function copy(block: CodeBlock, toolbar: HTMLElement): Promise<void> {
  const text = block.runnable ? block.commands.join('\n') : block.code;
  const copyButton = toolbar.lastElementChild as HTMLButtonElement;
  try {
    await navigator.clipboard.writeText(text);
    copyButton.textContent = 'Copied';
  } catch {
    copyButton.textContent = 'Copy failed';
  }
  setTimeout(() => (copyButton.textContent = 'Copy'), 1500);
}
