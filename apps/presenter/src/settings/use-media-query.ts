// True while a CSS media query matches (narrow screens, reduced motion).
import { useSyncExternalStore } from 'react';

/** One list per query: asking matchMedia anew on every render is a measurable part of a slide change. */
const lists = new Map<string, MediaQueryList>();
const listOf = (query: string): MediaQueryList => {
  let list = lists.get(query);
  if (!list) lists.set(query, (list = window.matchMedia(query)));
  return list;
};

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = listOf(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => listOf(query).matches,
  );
}
