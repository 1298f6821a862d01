import { describe, expect, it } from 'vitest';
import { parseDeck, parseDeckWithMath } from '../parse-deck';

describe('parseDeckWithMath', () => {
  it('loads the engine a deck with math needs, then typesets it and reports its TeX errors', async () => {
    const source = '# Math\n\nFine $x^2$, broken $\\frac{a}{$.\n';
    expect(parseDeck(source).mathPending).toBe('mathjax');
    const deck = await parseDeckWithMath(source);
    expect(deck.mathPending).toBeUndefined();
    expect(deck.slides[0]?.html).toContain('<mjx-container class="MathJax" jax="SVG"');
    expect(deck.warnings).toEqual([{ line: 3, message: 'Math could not be typeset: Missing close brace.' }]);
  }, 60_000);
});
