// Panels that hang from a toolbar button (the followers, the deck warnings) stay inside the window. The
// bars wrap their groups as the window narrows and as their contents grow, so a button may sit at
// either end of a row, and a panel hanging from it could end up partly off screen, out of reach.
import { useLayoutEffect, type RefObject } from 'react';

const MARGIN_PX = 8;

/** Shifts the element sideways, when it is shown and whenever its parent or the window changes size, so all of it is in the window. */
export function useKeptInViewport(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const place = (): void => {
      element.style.translate = '';
      const { left, right } = element.getBoundingClientRect();
      const overRight = right - (window.innerWidth - MARGIN_PX);
      const shift = left < MARGIN_PX ? MARGIN_PX - left : overRight > 0 ? -Math.min(overRight, left - MARGIN_PX) : 0;
      if (shift) element.style.translate = `${Math.round(shift)}px 0`;
    };
    place();
    const parent = new ResizeObserver(place);
    if (element.parentElement) parent.observe(element.parentElement);
    window.addEventListener('resize', place);
    return () => {
      parent.disconnect();
      window.removeEventListener('resize', place);
    };
  }, [ref]);
}
