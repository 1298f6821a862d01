// Puts a slide's formulas, typeset, where the renderer left its marks. Engine output goes through the
// math HTML policy (html-policy.ts): SVG or MathML drawing only, never a link, script or handler. A
// TeX error is a warning on its line and the formula stays on the slide as written.
import { escapeHtml, sanitizeMath } from '../html-policy';
import type { DeckWarning } from '../model';
import { loadedMathEngine, MathError, type MathEngine, type MathEngineName } from './math-engine';
import type { MathToken } from './math-syntax';

const MATH_MARK = /\uE001(\d+)\uE001/g;

/** Longest formula typeset, in characters of TeX: a display formula of hundreds of terms takes MathJax
 *  seconds and no slide shows one. Longer ones are shown as written, with a warning. */
export const MAX_FORMULA_CHARS = 2_000;
/** Characters of TeX a deck gets typeset (some 2,000 ordinary formulas, a few seconds at worst); past
 *  it, formulas are shown as written, with one warning, so no deck keeps the server busy for minutes. */
export const MAX_MATH_CHARS_PER_DECK = 60_000;

/** Formulas already typeset in this process (a deck edited live is parsed again on every save), by
 *  engine, kind and TeX; an error is kept as its message. Emptied when full, so memory stays bounded. */
const typeset = new Map<string, { html: string } | { error: string }>();
const TYPESET_CACHE_SIZE = 5_000;

function typesetOnce(engine: MathEngine, name: MathEngineName, tex: string, display: boolean): { html: string } | { error: string } {
  const key = `${name}\u0000${display ? 'display' : 'inline'}\u0000${tex}`;
  let result = typeset.get(key);
  if (!result) {
    try {
      result = { html: sanitizeMath(engine.typeset(tex, display)) };
    } catch (error) {
      // An engine's own limits (a RangeError on TeX nested thousands deep) cost that formula only.
      result = { error: error instanceof MathError ? error.message : 'the formula nests too deep or is too large' };
    }
    if (typeset.size >= TYPESET_CACHE_SIZE) typeset.clear();
    typeset.set(key, result);
  }
  return result;
}

export interface MathSetting {
  /** The engine the deck asks for, or null with `math: false` (formulas stay as written). */
  engine: MathEngineName | null;
  warn: (warning: DeckWarning) => void;
  /** Called when the engine is not loaded yet: the formula stays as written for now. */
  pending: (engine: MathEngineName) => void;
  /** Called with the CSS the engine's output needs, whenever a slide has typeset math. */
  typeset: (css: string) => void;
  /** What is left of MAX_MATH_CHARS_PER_DECK for this deck, shared by its slides. */
  budget: { left: number; warned: boolean };
}

/** Formulas with the line each starts on. */
export type PlacedMath = MathToken & { line: number };

export function typesetMath(html: string, formulas: PlacedMath[], setting: MathSetting): string {
  if (formulas.length === 0) return html;
  const engine = setting.engine ? loadedMathEngine(setting.engine) : null;
  if (setting.engine && !engine) setting.pending(setting.engine);
  if (engine) setting.typeset(engine.css);
  return html.replace(MATH_MARK, (_, n: string) => {
    const formula = formulas[Number(n)];
    if (!formula) return '';
    const written = escapeHtml(formula.raw.trim());
    if (!engine || !setting.engine) return setting.engine ? `<span class="dh-math-pending">${written}</span>` : written;
    if (formula.tex.length > MAX_FORMULA_CHARS) {
      setting.warn({ line: formula.line, message: `Formula longer than ${MAX_FORMULA_CHARS} characters: shown as written.` });
      return written;
    }
    setting.budget.left -= formula.tex.length;
    if (setting.budget.left < 0) {
      if (!setting.budget.warned) {
        setting.warn({ line: formula.line, message: `A deck gets at most ${MAX_MATH_CHARS_PER_DECK} characters of math typeset: formulas from here on are shown as written.` });
        setting.budget.warned = true;
      }
      return written;
    }
    const result = typesetOnce(engine, setting.engine, formula.tex, formula.display);
    if ('html' in result) return result.html;
    setting.warn({ line: formula.line, message: `Math could not be typeset: ${result.error}.` });
    return `<span class="dh-math-error">${written}</span>`;
  });
}

/** The `math` directive: `mathjax` (default) or `katex` as in Marp Core; `false` turns math off. */
export function readMathDirective(value: unknown, line: number, warn: (warning: DeckWarning) => void): MathEngineName | null {
  if (value === false) return null;
  if (value === undefined || value === true || value === 'mathjax') return 'mathjax';
  if (value === 'katex') return 'katex';
  warn({ line, message: `Unknown math engine "${String(value)}": use mathjax, katex or false; typesetting with MathJax.` });
  return 'mathjax';
}
