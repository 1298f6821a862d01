// Marp Core's fitting headings (`# <!-- fit --> Title`): the deck package marks them
// (`<hN data-fitting-heading><span data-fitting-text>`), and here, after layout, the text's font is
// scaled so it fills the slide's content width on one line. Sizes are layout sizes (offsetWidth), so the
// slide's own scaling to its frame does not matter: the same fit in the audience view and in
// thumbnails. The heading is fitted again whenever its size changes (a theme with other padding, a
// font that finished loading), until the caller's cleanup.

/** Below this relative change a fit is left alone, so fitting never feeds itself through the observer. */
const SETTLED = 0.005;

export function fitHeadings(slide: HTMLElement): () => void {
  const headings = [...slide.querySelectorAll<HTMLElement>('[data-fitting-heading]')];
  if (headings.length === 0) return () => undefined;
  const fitAll = (): void => headings.forEach(fitHeading);
  fitAll();
  const observer = new ResizeObserver(fitAll);
  for (const heading of headings) {
    observer.observe(heading);
    if (heading.parentElement) observer.observe(heading.parentElement);
  }
  let live = true;
  void document.fonts?.ready.then(() => live && fitAll());
  return () => {
    live = false;
    observer.disconnect();
  };
}

function fitHeading(heading: HTMLElement): void {
  const text = heading.querySelector<HTMLElement>('[data-fitting-text]');
  if (!text) return;
  text.style.display = 'inline-block';
  text.style.whiteSpace = 'nowrap';
  const fitted = text.style.fontSize;
  // Measure at the theme's own size, then scale from it.
  text.style.fontSize = '';
  const natural = text.offsetWidth;
  const available = roomFor(heading);
  if (natural <= 0 || available <= 0) return;
  const size = (parseFloat(getComputedStyle(text).fontSize) * available) / natural;
  const previous = parseFloat(fitted);
  text.style.fontSize = previous && Math.abs(previous - size) / size < SETTLED ? fitted : `${size}px`;
}

/** The width a heading's text may take: its container's content width less the heading's own margins,
 *  borders and padding (a theme may shrink-wrap headings, so the heading's current width is no guide). */
function roomFor(heading: HTMLElement): number {
  const container = heading.parentElement;
  if (!container) return 0;
  const box = getComputedStyle(container);
  const own = getComputedStyle(heading);
  const px = (value: string): number => parseFloat(value) || 0;
  return container.clientWidth - px(box.paddingLeft) - px(box.paddingRight)
    - px(own.marginLeft) - px(own.marginRight) - px(own.borderLeftWidth) - px(own.borderRightWidth)
    - px(own.paddingLeft) - px(own.paddingRight);
}
