// The overview (`o`): every slide as a thumbnail in a grid; click one (or Tab to it and press Enter) to
// go there. Loaded on demand, so the audience view's first load does not carry it.
import { useEffect, useRef } from 'react';
import { SlideView } from '../slides/SlideView';
import type { DeckSession } from '../views/deck-session';

export default function OverviewGrid({ session, onSelect }: { session: DeckSession; onSelect(slide: number): void }) {
  const { deck, current, total } = session;
  const grid = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const button = grid.current?.querySelector<HTMLButtonElement>(`[data-slide="${current}"]`);
    button?.focus();
    button?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  return (
    <div className="overview" role="dialog" aria-modal="true" aria-label="Overview of all slides">
      <div className="overview-head">
        <h2>
          {String(deck.directives.title ?? deck.id)}: {total} slides
        </h2>
        <button type="button" onClick={() => onSelect(current)}>
          Close overview
        </button>
      </div>
      <div className="overview-grid" ref={grid}>
        {deck.slides.map((slide) => (
          <button
            key={slide.index}
            type="button"
            className="overview-item"
            data-slide={slide.index}
            aria-current={slide.index === current ? 'true' : undefined}
            aria-label={`Slide ${slide.index}${slide.title ? `: ${slide.title}` : ''}`}
            onClick={() => onSelect(slide.index)}
          >
            <SlideView slide={slide} deck={deck} thumbnail />
            <span className="overview-number">{slide.index}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
