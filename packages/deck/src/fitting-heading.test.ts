import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck';

describe('fitting headings', () => {
  it('marks a heading with Marp\'s <!-- fit --> keyword for the presenter to scale, and nothing else', () => {
    const deck = parseDeck('# <!-- fit --> Containers :whale:\n\n## <!--fit--> Two\n\n# Plain\n\n<!-- a note -->\n');
    expect(deck.slides[0]?.html.trim()).toBe(
      '<h1 data-fitting-heading><span data-fitting-text>Containers 🐳</span></h1>\n'
      + '<h2 data-fitting-heading><span data-fitting-text>Two</span></h2>\n<h1>Plain</h1>',
    );
    expect(deck.slides[0]?.title).toBe('Containers :whale:');
    expect(deck.slides[0]?.notes).toEqual(['a note']);
    expect(deck.warnings).toEqual([]);
  });
});
