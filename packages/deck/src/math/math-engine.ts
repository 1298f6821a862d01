// The math engines a deck can ask for with Marp's `math` directive, loaded only when a deck has math:
// MathJax (Marp Core's default) costs a few hundred milliseconds to load, which decks without math
// never pay. parseDeck is synchronous, so it typesets with an engine already loaded and otherwise
// reports the deck's math as pending (Deck.mathPending); `loadMathEngine` then loads it, once per
// process, and the next parse typesets.

export type MathEngineName = 'mathjax' | 'katex';

/** Typesets one formula. Throws a MathError on TeX it cannot read. */
export interface MathEngine {
  typeset(tex: string, display: boolean): string;
  /** CSS the output needs in the page (unscoped), or ''. */
  readonly css: string;
}

export class MathError extends Error {}

const loaded = new Map<MathEngineName, MathEngine>();
const loading = new Map<MathEngineName, Promise<void>>();

/** The engine, when it has been loaded in this process. */
export function loadedMathEngine(name: MathEngineName): MathEngine | null {
  return loaded.get(name) ?? null;
}

/** Loads an engine (once; later calls wait for the same load). Imported lazily, so it stays out of
 *  the startup of every program that reads decks and out of a browser bundle until needed. */
export function loadMathEngine(name: MathEngineName): Promise<void> {
  let pending = loading.get(name);
  if (!pending) {
    const load = name === 'katex' ? import('./katex-engine').then((m) => m.createKatexEngine()) : import('./mathjax-engine').then((m) => m.createMathJaxEngine());
    pending = load.then((engine) => {
      loaded.set(name, engine);
    });
    loading.set(name, pending);
    pending.catch(() => loading.delete(name));
  }
  return pending;
}
