// Where a deck's view puts the slide: the slide's share of the width beside the terminal (a fraction,
// kept within bounds), and the screen width below which a reading view replaces the audience view.
// React-free, so the reader's first paint (reader/first-paint.ts) lays the slide out as the app does.
export const SPLIT_DEFAULT = 0.6;
export const SPLIT_MIN = 0.25;
export const SPLIT_MAX = 0.8;

export const clampSplit = (fraction: number): number => Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, fraction));

/** Below this width the audience view becomes a reading view and the presenter view a clicker. */
export const NARROW_SCREEN = '(max-width: 600px)';
