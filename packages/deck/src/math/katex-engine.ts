// KaTeX, for decks that say `math: katex` as Marp allows. Its MathML output, which browsers render
// with their own math fonts: KaTeX's HTML output would need its stylesheet and web fonts (Marp loads
// them from a CDN), and decks must work offline.
import katex from 'katex';
import { MathError, type MathEngine } from './math-engine';

export function createKatexEngine(): MathEngine {
  return {
    css: '',
    typeset(source, display) {
      try {
        // trust: false (the default) refuses \href, \url, \htmlClass, \htmlStyle and friends.
        return katex.renderToString(source, { displayMode: display, output: 'mathml', throwOnError: true, trust: false, strict: 'ignore' });
      } catch (error) {
        throw new MathError(error instanceof Error ? error.message.replace(/^KaTeX parse error: /, '') : String(error));
      }
    },
  };
}
