// Slide size from the `size` directive, as Marp Core defines it.
export function deckSize(size: unknown): { width: number; height: number } {
  return size === '4:3' ? { width: 960, height: 720 } : { width: 1280, height: 720 };
}
