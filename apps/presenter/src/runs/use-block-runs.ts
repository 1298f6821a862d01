// Running a slide's blocks in the terminal, and which blocks are running now. A block runs from its Run
// until the shell shows its prompt again, or until Stop (Ctrl-C). The window that ran a block decides
// when it ends and tells the other views of the deck, so the audience screen shows the same state.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { CodeBlock } from '@deckhand/deck';
import type { RunRequest, TerminalController } from '../terminal/terminal-controller';
import type { SyncChannel } from '../sync/sync-channel';
import { PROMPT_SETTLE_MS, PromptWatch } from './prompt-watch';

export interface BlockRuns {
  running: ReadonlySet<string>;
  run(block: CodeBlock): void;
  stop(block: CodeBlock): void;
}

/** Sees a block's run from Run to its end (the presenter's rehearsal recording). */
export interface RunRecorder {
  start(block: CodeBlock): RunTap;
}

export interface RunTap {
  output(data: Uint8Array): void;
  /** The run ended: its prompt came back, or Stop was pressed. */
  end(): void;
}

export interface BlockRunOptions {
  /** The offline reader: a block's recorded run, replayed instead of typed; the block runs until the
   *  replay shows its closing prompt. */
  replayOf?: (block: CodeBlock) => NonNullable<RunRequest['replay']>;
  recorder?: RunRecorder;
}

export function useBlockRuns(deck: string, sync: SyncChannel, terminal: RefObject<TerminalController | null>, options: BlockRunOptions = {}): BlockRuns {
  const { replayOf, recorder } = options;
  const [running, setRunning] = useState<ReadonlySet<string>>(new Set());
  /** `off(false)` when the page goes away mid-run: a recorder drops what it saw instead of keeping half a run. */
  const watches = useRef(new Map<string, { term: number; off: (keep?: boolean) => void }>());

  const mark = useCallback((id: string, on: boolean) => {
    setRunning((current) => {
      if (current.has(id) === on) return current;
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const finish = useCallback(
    (id: string) => {
      watches.current.get(id)?.off();
      watches.current.delete(id);
      mark(id, false);
      sync.send({ type: 'stop', deck, block: id });
    },
    [deck, mark, sync],
  );

  const run = useCallback(
    (block: CodeBlock) => {
      const controller = terminal.current;
      if (!controller) return;
      // A block still marked as running in the same terminal is over: that shell moved on.
      const term = block.options.term ?? 1;
      for (const [id, watch] of [...watches.current]) if (watch.term === term) finish(id);
      const focused = document.activeElement;
      const replay = replayOf?.(block);
      controller.run({ commands: block.commands, interrupt: block.options.interrupt, typeOnly: block.options.type, term: block.options.term, replay });
      // A typed block waits for the last keystroke in the terminal; after a run the keys belong to the
      // slides again, so → moves on instead of landing in the shell.
      if (!block.options.type) keepFocus(focused);
      if (block.options.type || !controller.onOutput || (replay && !replay.run)) return;
      mark(block.id, true);
      sync.send({ type: 'run', deck, block: block.id });
      const watch = new PromptWatch();
      const tap = recorder?.start(block);
      let settle: ReturnType<typeof setTimeout> | undefined;
      const off = controller.onOutput((data) => {
        tap?.output(data);
        clearTimeout(settle);
        if (watch.push(data)) settle = setTimeout(() => finish(block.id), PROMPT_SETTLE_MS);
      });
      watches.current.set(block.id, {
        term,
        off: (keep = true) => {
          clearTimeout(settle);
          off();
          if (keep) tap?.end();
        },
      });
    },
    [deck, finish, mark, sync, terminal, replayOf, recorder],
  );

  const stop = useCallback(
    (block: CodeBlock) => {
      const focused = document.activeElement;
      terminal.current?.run({ commands: [], interrupt: true, typeOnly: true, term: block.options.term });
      keepFocus(focused);
      finish(block.id);
    },
    [finish, terminal],
  );

  useEffect(
    () =>
      sync.onMessage((message) => {
        if (message.deck !== deck) return;
        if (message.type === 'run') mark(message.block, true);
        else if (message.type === 'stop') mark(message.block, false);
      }),
    [deck, mark, sync],
  );

  useEffect(() => {
    const current = watches.current;
    return () => {
      for (const watch of current.values()) watch.off(false);
      current.clear();
    };
  }, []);

  return { running, run, stop };
}

function keepFocus(element: Element | null): void {
  if (element instanceof HTMLElement && element !== document.body) element.focus();
  else if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
}
