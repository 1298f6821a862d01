// True while a CSS media query matches (narrow screens, reduced motion).
import { useSyncExternalStore } from 'react';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** Below this width the audience view becomes a reading view and the presenter view a clicker. */
export const NARROW_SCREEN = '(max-width: 600px)';
