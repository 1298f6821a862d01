// A slide whose content is taller than the slide (an exercise with its tips and solution opened) would
// be cut off at the slide's edge. Such a slide's body scrolls inside the slide instead, with a visible
// scrollbar, a "More below" mark while there is more (overlay scrollbars hide themselves), the mouse
// wheel, and ↓ ↑ (which change slide again once there is no more to see that way, so → ← and the other
// keys always change slides). Slides that fit are left exactly as they were.

/** Content reaching into the bottom padding is still seen; only what passes the slide's edge is cut. */
const CUT_TOLERANCE_PX = 1;
/** One ↓ or ↑ scrolls this much of the slide's height, so a line or two stays in view for context. */
const SCROLL_STEP = 0.6;

/** Marks the slide canvas as overflowing (styles.css makes its section scroll) while it is, shows
 *  "More below" while there is, and keeps an opened tip in view. Returns what stops watching. */
export function watchSlideOverflow(canvas: HTMLElement): () => void {
  const section = canvas.querySelector<HTMLElement>(':scope > section');
  if (!section) return () => {};
  const more = document.createElement('div');
  more.className = 'slide-more';
  more.setAttribute('aria-hidden', 'true'); // a screen reader reads the whole slide anyway
  more.textContent = 'More below ↓';
  more.hidden = true;
  canvas.append(more);
  const showMore = (): void => {
    more.hidden = canvas.dataset.overflows !== 'true' || section.scrollHeight - section.clientHeight - section.scrollTop < 1;
  };
  const update = (): void => {
    const paddingBottom = parseFloat(getComputedStyle(section).paddingBottom) || 0;
    canvas.dataset.overflows = String(section.scrollHeight - paddingBottom > section.clientHeight + CUT_TOLERANCE_PX);
    showMore();
  };
  const onToggle = (event: Event): void => {
    update();
    const details = event.target;
    if (details instanceof HTMLDetailsElement && details.open) keepInView(section, details);
  };
  const sizes = new ResizeObserver(update);
  for (const child of section.children) sizes.observe(child);
  // `toggle` does not bubble; images change the height when they load.
  section.addEventListener('toggle', onToggle, true);
  section.addEventListener('load', update, true);
  section.addEventListener('scroll', showMore, { passive: true });
  // No measuring now: that would force a layout in the middle of the slide change. The observer's first
  // report comes after the frame's layout, before its paint.
  return () => {
    sizes.disconnect();
    section.removeEventListener('toggle', onToggle, true);
    section.removeEventListener('load', update, true);
    section.removeEventListener('scroll', showMore);
    more.remove();
  };
}

/** Scrolls the slide on show by part of its height. False when there is nothing more to see that way. */
export function scrollSlide(direction: 1 | -1): boolean {
  const section = document.querySelector<HTMLElement>('.slide-canvas[data-overflows="true"]:not([inert]) > section');
  if (!section) return false;
  const room = direction > 0 ? section.scrollHeight - section.clientHeight - section.scrollTop : section.scrollTop;
  if (room < 1) return false;
  // At once, not smoothly: a second press during a smooth scroll would measure a moving position and
  // could change slide too early.
  section.scrollBy({ top: direction * section.clientHeight * SCROLL_STEP, behavior: 'instant' });
  return true;
}

/** An opened tip shows as much of itself as fits, its summary first. */
function keepInView(section: HTMLElement, details: HTMLDetailsElement): void {
  const box = section.getBoundingClientRect();
  const scale = box.height / section.offsetHeight || 1;
  const rect = details.getBoundingClientRect();
  const top = (rect.top - box.top) / scale + section.scrollTop;
  const bottom = (rect.bottom - box.top) / scale + section.scrollTop;
  const visibleBottom = section.scrollTop + section.clientHeight;
  if (bottom <= visibleBottom) return;
  const target = Math.min(bottom - section.clientHeight + 24, top - 24);
  if (target > section.scrollTop) section.scrollTo({ top: target, behavior: 'instant' });
}
