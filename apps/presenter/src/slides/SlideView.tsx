// One slide at the deck's size, scaled to fit its frame (letterboxed), with Run, Stop and Copy on its
// code blocks when `actions` is given. Thumbnails (overview, next slide) pass no actions. The slide is
// the deck package's ready `<section>` (slide.sectionHtml) inside the `.dh-deck` wrapper the theme and
// the deck's CSS are scoped to.
import { useLayoutEffect, useRef, useState } from 'react';
import type { Slide } from '@deckhand/deck';
import type { LoadedDeck } from '../deck-access/api';
import { themeOf, themeTone } from '../themes/theme-names';
import '../themes/themes';
import { attachCodeActions, type CodeActions } from './code-actions';
import { autoScale } from './auto-scaling';
import { fitScale } from './fit-scale';
import { firstPaintSlide } from './first-paint-mark';
import { attachRecordedOutputs } from './recorded-outputs';
import { watchSlideOverflow } from './slide-overflow';

export interface SlideViewProps {
  slide: Slide;
  deck: LoadedDeck;
  actions?: CodeActions;
  /** Ids of the blocks running now, shown on their Run buttons. */
  running?: ReadonlySet<string>;
  /** A still picture of the slide (overview, next slide): not focusable, not animated. */
  thumbnail?: boolean;
  /** Show each block's recorded output under it (the offline reader's "All outputs"). */
  outputs?: boolean;
}

export function SlideView({ slide, deck, actions, running, thumbnail, outputs }: SlideViewProps) {
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0);
  const { width, height } = deck.size;
  const theme = themeOf(deck.theme);
  // The slide the offline reader's first paint drew before the app ran is on screen already: it does
  // not fade in; every slide after it does.
  const [drawnBefore, setDrawnBefore] = useState(() => (thumbnail ? null : firstPaintSlide()));
  if (drawnBefore !== null && slide.index !== drawnBefore) setDrawnBefore(null);
  const entering = !thumbnail && drawnBefore === null;

  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const update = (): void => setScale(fitScale(element, { width, height }));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [width, height]);

  // Marp's auto-scaling (`<!-- fit -->` headings, wide code blocks), after layout and when sizes change.
  useLayoutEffect(() => (canvas.current ? autoScale(canvas.current) : undefined), [slide, theme]);

  const controls = useRef<ReturnType<typeof attachCodeActions> | null>(null);
  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || !actions) return;
    controls.current = attachCodeActions(element, slide.blocks, actions);
    return () => {
      controls.current?.detach();
      controls.current = null;
    };
  }, [slide, actions]);
  useLayoutEffect(() => {
    controls.current?.showRunning(running ?? new Set());
  }, [running, slide, actions]);
  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || !outputs || !deck.recordings) return;
    return attachRecordedOutputs(element, deck.recordings);
  }, [slide, outputs, deck.recordings]);
  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || thumbnail) return;
    return watchSlideOverflow(element);
  }, [slide, thumbnail, outputs]);

  return (
    <div className="slide-frame" ref={frame}>
      <div
        // A new element per slide (so the entry animation runs), in a frame that stays: its scale is
        // known, so the new slide is drawn at its size in the same render, not hidden for one.
        key={slide.index}
        ref={canvas}
        data-slide={slide.index}
        className={entering ? 'dh-deck slide-canvas slide-enter' : 'dh-deck slide-canvas'}
        data-theme={theme}
        data-tone={themeTone(theme, deck.directives.class)}
        role="region"
        aria-roledescription="slide"
        aria-label={`Slide ${slide.index} of ${deck.slides.length}`}
        inert={thumbnail}
        style={{ width, height, transform: `translate(-50%, -50%) scale(${scale})`, visibility: scale ? 'visible' : 'hidden' }}
        dangerouslySetInnerHTML={{ __html: slide.sectionHtml }}
      />
    </div>
  );
}
