// The scale that fits a slide of the deck's size in its frame, letterboxed; 0 while the frame has no
// size. The slide view and the offline reader's first paint (reader/first-paint.ts) both scale by it.
export function fitScale(frame: HTMLElement, size: { width: number; height: number }): number {
  return Math.min(frame.clientWidth / size.width, frame.clientHeight / size.height) || 0;
}
