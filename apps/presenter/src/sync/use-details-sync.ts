// Keeps opened tips and solutions in step between the views of a deck: when the trainer opens "Tip 1"
// in the presenter view, the audience screen opens it too (and the other way round), in one browser
// and across devices. A `<details>` is named by the slide and its place among the slide's details;
// thumbnails (next slide, overview) are inert and neither send nor follow.
import { useEffect } from 'react';
import type { SyncChannel } from './sync-channel';

const LIVE_SLIDES = '[aria-roledescription="slide"]:not([inert])';

export function useDetailsSync(sync: SyncChannel, deck: string): void {
  useEffect(() => {
    /** Details this view is opening or closing because another view did: their toggle is not news. */
    const following = new WeakSet<HTMLDetailsElement>();

    const onToggle = (event: Event): void => {
      const details = event.target;
      if (!(details instanceof HTMLDetailsElement)) return;
      if (following.has(details)) {
        following.delete(details);
        return;
      }
      const canvas = details.closest<HTMLElement>(LIVE_SLIDES);
      const slide = canvas ? slideNumber(canvas) : null;
      if (!canvas || slide === null) return;
      const index = [...canvas.querySelectorAll('details')].indexOf(details);
      sync.send({ type: 'details', deck, slide, index, open: details.open });
    };
    // `toggle` does not bubble: listen in the capture phase.
    document.addEventListener('toggle', onToggle, true);

    const offMessage = sync.onMessage((message) => {
      if (message.type !== 'details' || message.deck !== deck) return;
      if (!Number.isInteger(message.slide) || !Number.isInteger(message.index) || typeof message.open !== 'boolean') return;
      for (const canvas of document.querySelectorAll<HTMLElement>(LIVE_SLIDES)) {
        if (slideNumber(canvas) !== message.slide) continue;
        const details = canvas.querySelectorAll('details')[message.index];
        if (!details || details.open === message.open) continue;
        following.add(details);
        details.open = message.open;
      }
    });
    return () => {
      document.removeEventListener('toggle', onToggle, true);
      offMessage();
    };
  }, [sync, deck]);
}

function slideNumber(canvas: HTMLElement): number | null {
  const match = /^Slide (\d+) of/.exec(canvas.getAttribute('aria-label') ?? '');
  return match ? Number(match[1]) : null;
}
