// One slide at the deck's size, scaled to fit its frame, with Run and Copy on its code blocks.
import { useLayoutEffect, useRef, useState } from 'react';
import type { CodeBlock, Slide } from '@deckhand/deck';
import { deckSize } from './deck-size';

export interface SlideViewProps {
  slide: Slide;
  total: number;
  size: unknown;
  onRun(block: CodeBlock): void;
}

export function SlideView({ slide, total, size, onRun }: SlideViewProps) {
  const frame = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  const { width, height } = deckSize(size);

  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const update = (): void => setScale(Math.min(element.clientWidth / width, element.clientHeight / height) || 1);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [width, height]);

  useLayoutEffect(() => {
    const element = content.current;
    if (!element) return;
    const toolbars: HTMLElement[] = [];
    for (const figure of element.querySelectorAll<HTMLElement>('figure.dh-code')) {
      const block = slide.blocks.find((candidate) => candidate.id === figure.dataset.block);
      if (!block) continue;
      const toolbar = document.createElement('div');
      toolbar.className = 'code-actions';
      if (block.runnable) toolbar.append(actionButton('Run', `Run this block in the terminal`, () => onRun(block)));
      toolbar.append(actionButton('Copy', 'Copy this block', () => void navigator.clipboard?.writeText(copyText(block))));
      figure.append(toolbar);
      toolbars.push(toolbar);
    }
    return () => toolbars.forEach((toolbar) => toolbar.remove());
  }, [slide, onRun]);

  const classes = ['slide', typeof slide.directives.class === 'string' ? slide.directives.class : ''].join(' ').trim();
  return (
    <div className="slide-frame" ref={frame}>
      <section
        className={classes}
        aria-label={`Slide ${slide.index} of ${total}`}
        style={{ width, height, transform: `scale(${scale})` }}
      >
        {typeof slide.directives.header === 'string' && <header>{slide.directives.header}</header>}
        <div className="slide-content" ref={content} dangerouslySetInnerHTML={{ __html: slide.html }} />
        {typeof slide.directives.footer === 'string' && <footer>{slide.directives.footer}</footer>}
        {slide.directives.paginate === true && <span className="page-number">{slide.index}</span>}
      </section>
    </div>
  );
}

function actionButton(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.title = title;
  button.addEventListener('click', onClick);
  return button;
}

function copyText(block: CodeBlock): string {
  return block.runnable ? block.commands.join('\n') : block.code;
}
