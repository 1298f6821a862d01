// Marp Core's fitting headings (`# <!-- fit --> Title`): the deck package marks them
// (`<hN data-fitting-heading><span data-fitting-text>`), and here, after layout, the text's font is
// scaled so it fills the heading's width on one line. Sizes are layout sizes (offsetWidth), so the
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
  for (const heading of headings) observer.observe(heading);
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
  const style = getComputedStyle(heading);
  const available = heading.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (natural <= 0 || available <= 0) return;
  const size = (parseFloat(getComputedStyle(text).fontSize) * available) / natural;
  const previous = parseFloat(fitted);
  text.style.fontSize = previous && Math.abs(previous - size) / size < SETTLED ? fitted : `${size}px`;
}
