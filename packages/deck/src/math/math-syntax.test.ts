// Which dollars are math, by Marp Core's rules. The engine is not loaded in this file, so formulas
// show as written inside <span class="dh-math-pending">: exactly what the syntax picked out.
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../parse-deck';

const pending = (markdown: string): string[] =>
  [...(parseDeck(markdown).slides[0]?.html ?? '').matchAll(/<span class="dh-math-pending">([\s\S]*?)<\/span>/g)].map((m) => m[1] ?? '');

describe('math syntax', () => {
  it('reads $…$ inline and $$…$$ display math', () => {
    expect(pending('Energy $E = mc^2$ here.\n')).toEqual(['$E = mc^2$']);
    expect(pending('$$\n\\int_0^1 x\\,dx\n$$\n')).toEqual(['$$\n\\int_0^1 x\\,dx\n$$']);
    expect(pending('$$ a + b $$\n')).toEqual(['$$ a + b $$']);
  });

  it('leaves prices and lone dollars as text: $5 and $10, a space after the opening $ or before the closing one', () => {
    const deck = parseDeck('It costs $5 and $10.\n\nA $ x$ and $x $ too.\n');
    expect(deck.slides[0]?.html).toBe('<p>It costs $5 and $10.</p>\n<p>A $ x$ and $x $ too.</p>\n');
    expect(deck.mathPending).toBeUndefined();
  });

  it('never reads math in code spans or code blocks', () => {
    const deck = parseDeck('Run `echo $HOME $PATH` or `$x$`.\n\n```sh\n$ echo "$a$"\n```\n\n    $$ indented $$\n');
    expect(deck.slides[0]?.html).toContain('<code>echo $HOME $PATH</code>');
    expect(deck.slides[0]?.html).toContain('<code>$x$</code>');
    expect(deck.slides[0]?.blocks.map((block) => block.commands)).toEqual([['echo "$a$"'], []]);
    expect(deck.mathPending).toBeUndefined();
  });

  it('reads \\$ as a dollar, inside and outside math', () => {
    expect(pending('Pay \\$5 and \\$10.\n')).toEqual([]);
    expect(pending('$a \\$ b$\n')).toEqual(['$a \\$ b$']);
  });

  it('lets display math interrupt a paragraph and keeps the slide rules', () => {
    const deck = parseDeck('Text above\n$$\nx^2\n$$\n\n---\n\nNext\n');
    expect(deck.slides).toHaveLength(2);
    expect(deck.slides[0]?.html).toContain('<p>Text above</p>');
  });

  it('warns when display math is never closed (it runs to the end, as in Marp)', () => {
    const deck = parseDeck('# One\n\n$$\nx\n\n---\n\n# Two\n');
    expect(deck.slides).toHaveLength(1);
    expect(deck.warnings).toEqual([{ line: 3, message: 'Display math $$ is never closed: the rest of the deck is shown as math.' }]);
  });

  it('turns math off with math: false', () => {
    const deck = parseDeck('---\nmath: false\n---\n\nSee $x^2$.\n');
    expect(deck.slides[0]?.html).toBe('<p>See $x^2$.</p>\n');
    expect(deck.mathPending).toBeUndefined();
  });

  it('says which engine the deck waits for, and warns about an unknown one', () => {
    expect(parseDeck('$x$\n').mathPending).toBe('mathjax');
    expect(parseDeck('---\nmath: katex\n---\n$x$\n').mathPending).toBe('katex');
    const deck = parseDeck('---\nmath: latex\n---\n$x$\n');
    expect(deck.warnings).toEqual([{ line: 2, message: 'Unknown math engine "latex": use mathjax, katex or false; typesetting with MathJax.' }]);
  });
});
