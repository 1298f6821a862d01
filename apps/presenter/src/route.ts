// The address carries the view, the deck and the slide: #/ (deck index), #/<deck>/<slide> (audience),
// #/<deck>/<slide>/presenter, #/<deck>/<slide>/overview. Hash routing works from file:// as well, for
// the static export, and gives Back/Forward for free.
import { afterNextPaint } from './after-paint';

export type View = 'audience' | 'presenter' | 'overview';

export interface Route {
  deck: string | null;
  slide: number;
  view: View;
}

const VIEWS: readonly View[] = ['audience', 'presenter', 'overview'];

export function readRoute(hash: string = window.location.hash): Route {
  const [, deck, slide, view] = /^#\/([^/]+)(?:\/(\d+))?(?:\/(\w+))?/.exec(hash) ?? [];
  return {
    deck: deck ? decodeURIComponent(deck) : null,
    slide: Math.max(1, Number(slide) || 1),
    view: VIEWS.find((candidate) => candidate === view) ?? 'audience',
  };
}

export function routeHash(route: { deck: string; slide: number; view?: View }): string {
  const view = route.view && route.view !== 'audience' ? `/${route.view}` : '';
  return `#/${encodeURIComponent(route.deck)}/${route.slide}${view}`;
}

const listeners = new Set<(route: Route) => void>();
/** The address navigate() is about to write, so a second call for it is recognised as no move. */
let pendingHash: string | null = null;
/** Writes are delayed past the next paint, but never longer than this (a hidden window has no frames). */
const WRITE_AT_LATEST_MS = 100;

/**
 * Bumped when the address changes from outside navigate() (Back, Forward, a link, a typed address):
 * history writes still waiting from before are dropped, so they never overwrite the newer address.
 */
let outsideMoves = 0;
if (typeof window !== 'undefined') {
  // Back/Forward between entries navigate() wrote fire popstate; typed addresses and links hashchange.
  const moved = (): void => {
    outsideMoves++;
    pendingHash = null;
    const route = readRoute();
    for (const listener of listeners) listener(route);
  };
  window.addEventListener('hashchange', moved);
  window.addEventListener('popstate', moved);
}

/** Called with every route the page goes to: at once for navigate(), and on Back, Forward or a typed address. */
export function onNavigate(listener: (route: Route) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Goes to a route: the app is told at once, and the history entry is written after the next paint.
 * Writing it costs about 2 ms in Chromium (pushState), a good part of a slide change's frame; a
 * moment later the address is the same and Back and Forward walk the same entries.
 */
export function navigate(route: { deck: string; slide: number; view?: View }, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if ((pendingHash ?? window.location.hash) === hash) return;
  pendingHash = hash;
  for (const listener of listeners) listener(readRoute(hash));
  const movesBefore = outsideMoves;
  afterNextPaint(() => {
    if (outsideMoves !== movesBefore) return;
    if (options.replace) window.history.replaceState(null, '', hash);
    else window.history.pushState(null, '', hash);
    if (pendingHash === hash) pendingHash = null;
  }, WRITE_AT_LATEST_MS);
}
