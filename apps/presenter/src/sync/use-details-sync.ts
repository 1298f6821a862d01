// Keeps opened tips and solutions in step between the views of a deck: when the trainer opens "Tip 1"
// in the presenter view, the audience screen opens it too (and the other way round), in one browser
// and across devices. A `<details>` is named by the slide and its place among the slide's details;
// thumbnails (next slide, overview) are inert and neither send nor follow.
import { useEffect } from 'react';
import type { SyncChannel } from './sync-channel';

/** Slides people see and click (SlideView's canvas, `data-slide` its number), not thumbnails. */
const LIVE_SLIDES = '[data-slide]:not([inert])';

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
      if (!canvas) return;
      const index = [...canvas.querySelectorAll('details')].indexOf(details);
      sync.send({ type: 'details', deck, slide: Number(canvas.dataset.slide), index, open: details.open });
    };
    // `toggle` does not bubble: listen in the capture phase.
    document.addEventListener('toggle', onToggle, true);

    const offMessage = sync.onMessage((message) => {
      if (message.type !== 'details' || message.deck !== deck) return; // checked against the sync schema
      for (const canvas of document.querySelectorAll<HTMLElement>(`${LIVE_SLIDES}[data-slide="${message.slide}"]`)) {
        const details: HTMLDetailsElement | undefined = canvas.querySelectorAll('details')[message.index];
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
