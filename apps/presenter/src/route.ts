// The address carries the deck and slide: #/<deck>/<slide>. Hash routing works from file:// as well,
// for the static export.
export interface Route {
  deck: string | null;
  slide: number;
}

export function readRoute(hash: string = window.location.hash): Route {
  const [, deck, slide] = /^#\/([^/]+)(?:\/(\d+))?/.exec(hash) ?? [];
  return { deck: deck ? decodeURIComponent(deck) : null, slide: Math.max(1, Number(slide) || 1) };
}

export function routeHash(route: { deck: string; slide: number }): string {
  return `#/${encodeURIComponent(route.deck)}/${route.slide}`;
}
