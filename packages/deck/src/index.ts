// The deck package: Markdown deck source in, slide model out. No DOM and no Node-only APIs, so the
// server, the CLI and the browser all read decks through the same code.
export { parseDeck, parseDeckWithMath, type ParseOptions } from './parse-deck';
export { parseSteps, parseInfoString, SHELL_LANGUAGES } from './runnable-block';
export type * from './model';
export { DECK_SCOPE } from './model';
export { loadMathEngine, type MathEngineName } from './math/math-engine';
