// How the offline reader's first paint (reader/first-paint.ts, its own small script) tells the app,
// through the page, which slide it has drawn already: the app then shows that slide at once instead
// of fading it in again.
const ATTRIBUTE = 'data-first-slide';

export function markFirstPaint(slide: number): void {
  document.documentElement.setAttribute(ATTRIBUTE, String(slide));
}

/** The slide the first paint drew, or null when it drew none. */
export function firstPaintSlide(): number | null {
  const value = document.documentElement.getAttribute(ATTRIBUTE);
  return value === null ? null : Number(value);
}
