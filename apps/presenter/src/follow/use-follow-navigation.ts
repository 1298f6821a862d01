// Following moves the page: while the follower follows, each new position of the trainer takes the
// page to the trainer's deck and slide and opens the tips the trainer opened. A move of the follower's
// own (keys, clicks, the overview) switches to roaming; catching up goes back to following.
import { useEffect, useRef } from 'react';
import type { TrainerPosition } from '@deckhand/protocol';
import { navigate, type Route } from '../route';
import { followSession, useFollowSession } from './follow-session';

/** Slides on show (not thumbnails), as DeckScreen's canvas marks them. */
const LIVE_SLIDES = '[data-slide]:not([inert])';

export function useFollowNavigation(route: Route): void {
  const follow = useFollowSession();
  const position = follow.status.state === 'following' ? follow.status.position : null;
  /** Where following last took the page: arriving there is not the follower's own move. */
  const taken = useRef<string | null>(null);

  useEffect(() => {
    if (!follow.active || follow.mode !== 'follow' || !position?.deck) return;
    const target = `${position.deck}/${position.slide}`;
    if (route.deck !== position.deck || route.slide !== position.slide) {
      taken.current = target;
      navigate({ deck: position.deck, slide: position.slide, view: route.view === 'overview' ? 'audience' : route.view }, { replace: true });
    }
    return openTips(position);
    // The route is read, not watched: a move of the follower's own is handled below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [follow.active, follow.mode, position]);

  useEffect(() => {
    if (!follow.active || follow.mode !== 'follow' || !position?.deck || route.deck === null) return;
    const here = `${route.deck}/${route.slide}`;
    if (here === `${position.deck}/${position.slide}` || here === taken.current) return;
    followSession().setMode('roam');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route.deck, route.slide]);
}

/**
 * Opens the tips the trainer has open on its slide (and closes the others), once the slide is on
 * screen: a deck may still be loading when the position arrives. Returns a cancel function.
 */
function openTips(position: TrainerPosition): () => void {
  let tries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const apply = (): void => {
    const canvases = document.querySelectorAll<HTMLElement>(`${LIVE_SLIDES}[data-slide="${position.slide}"]`);
    if (canvases.length === 0 && tries++ < 50) {
      timer = setTimeout(apply, 100);
      return;
    }
    for (const canvas of canvases) {
      canvas.querySelectorAll('details').forEach((details, index) => {
        const open = position.open.includes(index);
        if (details.open !== open) details.open = open;
      });
    }
  };
  apply();
  return () => clearTimeout(timer);
}
