// The address carries the view, the deck and the slide: #/ (deck index), #/<deck>/<slide> (audience),
// #/<deck>/<slide>/presenter, #/<deck>/<slide>/overview. Hash routing works from file:// as well, for
// the static export, and gives Back/Forward for free.
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

/**
 * Goes to a route. The history entry is written directly and the app told at once (a synthetic
 * hashchange), rather than waiting for the browser's own hashchange task: one task less per slide.
 */
export function navigate(route: { deck: string; slide: number; view?: View }, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (window.location.hash === hash) return;
  if (options.replace) window.history.replaceState(null, '', hash);
  else window.history.pushState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
