// How many of each thing a message may name: more than any real deck or page has, so a value beyond a
// limit is refused as nonsense rather than acted on (a terminal tab 1000, slide 1e9).

/** Terminal tabs a page may address (`/ws/terminal?term=1` … `term=MAX_TERMINAL_TABS`). */
export const MAX_TERMINAL_TABS = 9;
/** More slides than any deck has. */
export const MAX_SLIDES = 10_000;
/** Tips and solutions on one slide. */
export const MAX_DETAILS = 1_000;
