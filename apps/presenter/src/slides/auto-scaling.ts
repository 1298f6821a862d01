// Marp Core's auto-scaling, after layout: a fitted heading (`# <!-- fit --> Title`, marked by the deck
// package as `<hN data-fitting-heading><span data-fitting-text>`) is scaled to fill the width of the
// slide's content on one line, and, on Marp's themes, a code block wider than its box is scaled down to
// fit (Marp's `downscale-only`); both stop at the theme's largest height for them
// (`--dh-auto-scaling-max-height`, themes/auto-scaling.css). Scaling is CSS `zoom`, which scales
// everything uniformly as Marp's SVG does (letter-spacing in px included) and which the layout follows,
// so what comes after moves as it does in Marp. Sizes are layout sizes, so the slide's own scaling to its
// frame does not matter: the same result in the audience view and in thumbnails. Everything is scaled
// again whenever its size changes (a theme with other padding, a font that finished loading), until
// the caller's cleanup.

/** Below this relative change a scale is left alone, so scaling never feeds itself through the observer. */
const SETTLED = 0.005;

export function autoScale(slide: HTMLElement): () => void {
  const headings = [...slide.querySelectorAll<HTMLElement>('[data-fitting-heading]')];
  const blocks = [...slide.querySelectorAll<HTMLElement>('pre.dh-code')].filter((pre) => maxHeightOf(pre) !== null);
  if (headings.length === 0 && blocks.length === 0) return () => undefined;
  const scaleAll = (): void => {
    headings.forEach(fitHeading);
    blocks.forEach(downscaleBlock);
  };
  scaleAll();
  const observer = new ResizeObserver(scaleAll);
  for (const element of [...headings, ...blocks]) {
    observer.observe(element);
    if (element.parentElement) observer.observe(element.parentElement);
  }
  let live = true;
  void document.fonts?.ready.then(() => live && scaleAll());
  return () => {
    live = false;
    observer.disconnect();
  };
}

function fitHeading(heading: HTMLElement): void {
  const text = heading.querySelector<HTMLElement>('[data-fitting-text]');
  if (!text) return;
  // A box as wide as the text on one line and exactly as tall as it, as Marp's scaling element is: the
  // heading is then as tall as the scaled text, with no line box around it. Placed by the heading's
  // alignment where a height limit keeps it narrower than the room.
  text.style.display = 'table';
  text.style.whiteSpace = 'nowrap';
  const align = getComputedStyle(heading).textAlign;
  const centred = align === 'center';
  text.style.marginLeft = centred || align === 'right' || align === 'end' ? 'auto' : '0';
  text.style.marginRight = centred ? 'auto' : '0';
  // offsetWidth and offsetHeight are the unzoomed size: the text at the theme's own size.
  const room = roomFor(heading);
  if (text.offsetWidth <= 0 || room <= 0) return;
  const maxHeight = maxHeightOf(heading);
  let zoom = room / text.offsetWidth;
  if (maxHeight !== null) zoom = Math.min(zoom, maxHeight / text.offsetHeight);
  setZoom(text, zoom);
}

function downscaleBlock(pre: HTMLElement): void {
  const code = pre.querySelector<HTMLElement>(':scope > code');
  if (!code) return;
  const box = getComputedStyle(pre);
  const room = pre.clientWidth - px(box.paddingLeft) - px(box.paddingRight);
  const natural = naturalSize(code);
  if (natural.width <= 0 || room <= 0) return;
  const maxHeight = maxHeightOf(pre);
  let zoom = Math.min(1, room / natural.width);
  if (maxHeight !== null) zoom = Math.min(zoom, maxHeight / natural.height);
  setZoom(code, zoom);
}

function setZoom(element: HTMLElement, zoom: number): void {
  const previous = parseFloat(element.style.zoom) || 1;
  if (Math.abs(previous - zoom) / zoom >= SETTLED) element.style.zoom = zoom === 1 ? '' : String(zoom);
}

/** A code block's size on one line per line, at its own size: its widest line decides. */
function naturalSize(code: HTMLElement): { width: number; height: number } {
  const { display, width } = code.style;
  code.style.display = 'inline-block';
  code.style.width = 'max-content';
  const size = { width: code.offsetWidth, height: code.offsetHeight };
  code.style.display = display;
  code.style.width = width;
  return size;
}

/** The theme's largest height for this heading or block, in px, or null where it sets none. */
function maxHeightOf(element: HTMLElement): number | null {
  const value = getComputedStyle(element).getPropertyValue('--dh-auto-scaling-max-height').trim();
  return /^[\d.]+px$/.test(value) ? parseFloat(value) : null;
}

/** The width a heading's text may take: its container's content width less the heading's own margins,
 *  borders and padding (a theme may shrink-wrap headings, so the heading's current width is no guide). */
function roomFor(heading: HTMLElement): number {
  const container = heading.parentElement;
  if (!container) return 0;
  const box = getComputedStyle(container);
  const own = getComputedStyle(heading);
  return container.clientWidth - px(box.paddingLeft) - px(box.paddingRight)
    - px(own.marginLeft) - px(own.marginRight) - px(own.borderLeftWidth) - px(own.borderRightWidth)
    - px(own.paddingLeft) - px(own.paddingRight);
}

function px(value: string): number {
  return parseFloat(value) || 0;
}
