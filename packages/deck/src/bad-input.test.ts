// No input makes the parser throw or hang: each problem becomes a warning with a line number and the
// rest of the deck still renders. Property-based over 10,000 generated and mutated decks (fast-check).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck';
import type { Deck } from './model';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures');

/** What every parse must give, whatever the input: slides with HTML, warnings on real lines. */
function expectUsable(deck: Deck, source: string): void {
  const lines = source.split(/\r\n?|\n/).length;
  expect(deck.slides.length).toBeGreaterThanOrEqual(1);
  for (const slide of deck.slides) {
    expect(typeof slide.sectionHtml).toBe('string');
    // Text is escaped, so every `<` left is a tag: none may be a script, carry a handler or a javascript: URL.
    expect(slide.sectionHtml).not.toMatch(/<script|<[^>]*\son\w+\s*=|<[^>]*=\s*["']?\s*javascript:/i);
  }
  for (const warning of deck.warnings) {
    expect(warning.line).toBeGreaterThanOrEqual(1);
    expect(warning.line).toBeLessThanOrEqual(lines + 1);
  }
}

/** Lines a deck is made of, the broken kinds included. */
const deckLine = fc.oneof(
  fc.constantFrom(
    '---', '***', '', '# Title', '## Exercise: Try it', '```', '```sh', '```console {cwd=x timeout=5 bogus}', '~~~',
    '$ docker run --rm busybox echo hi', '$ cat <<EOF', 'EOF', "$ sh -c '", '$   while :', 'hello', '...',
    '<!--', '-->', '<!-- note -->', '<!-- _class: lead -->', '<!-- paginate: true -->', '<!-- headingDivider: 2 -->',
    '<details><summary>Tip</summary>', '</details>', '<style>', 'section { color: red }', '</style>', '<style scoped>',
    '![bg left:30% sepia](a.svg)', '![w:200 center](b.png)', '![bg](javascript:alert(1))', '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '<div><div><span>', '    indented code', '> quote',
    '- item', '1. item', '| a | b |', '|---|---|', 'marp: true', 'header: "**hi**"', 'size: 4:3', 'style: |', '  h1 {',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const generatedDeck = fc.tuple(fc.boolean(), fc.array(deckLine, { maxLength: 25 })).map(([front, lines]) =>
  (front ? ['---', 'marp: true', 'paginate: true', 'footer: x', '---'] : []).concat(lines).join('\n'),
);

const corpus = [
  ...readdirSync(path.join(fixtures, 'marp-decks')).filter((name) => name.endsWith('.md')).map((name) => path.join(fixtures, 'marp-decks', name)),
  path.join(fixtures, 'header-footer-pagination.md'),
].map((file) => readFileSync(file, 'utf8'));

/** Up to 2,000 characters of a real deck from a line start (the whole suite stays fast), with one edit:
 *  a cut, an insertion, a duplicated span, a truncation. */
const mutatedDeck = fc
  .tuple(fc.constantFrom(...corpus), fc.nat(), fc.nat(), fc.nat(), fc.constantFrom('cut', 'insert', 'duplicate', 'truncate'), fc.string({ unit: 'binary', maxLength: 40 }))
  .map(([whole, start, a, b, edit, text]) => {
    const lineStart = whole.lastIndexOf('\n', start % whole.length) + 1;
    const deck = whole.slice(lineStart, lineStart + 2_000);
    const from = a % (deck.length + 1);
    const to = Math.min(deck.length, from + (b % 400));
    if (edit === 'cut') return deck.slice(0, from) + deck.slice(to);
    if (edit === 'insert') return deck.slice(0, from) + text + deck.slice(from);
    if (edit === 'duplicate') return deck.slice(0, to) + deck.slice(from, to) + deck.slice(to);
    return deck.slice(0, from);
  });

describe('any input renders', () => {
  it('renders 6,000 generated decks without an exception', () => {
    fc.assert(fc.property(generatedDeck, (source) => expectUsable(parseDeck(source), source)), { numRuns: 6000 });
  });

  it('renders 4,000 mutated real decks without an exception', () => {
    fc.assert(fc.property(mutatedDeck, (source) => expectUsable(parseDeck(source), source)), { numRuns: 4000 });
  });
});

describe('bad input becomes warnings, the rest still renders', () => {
  it('invalid front matter', () => {
    const deck = parseDeck('---\ntitle: [oops\n---\n# One\n');
    expect(deck.warnings).toEqual([{ line: 2, message: expect.stringMatching(/not valid YAML/) }]);
    expect(deck.slides[0]?.title).toBe('One');
  });

  it('front matter that never ends, an unknown directive, a bad size', () => {
    expect(parseDeck('---\nmarp: true\n# One\n').warnings[0]).toMatchObject({ line: 1, message: expect.stringMatching(/never ends/) });
    expect(parseDeck('---\nmarp: true\ncolour: red\nsize: 21:9\n---\n# One\n').warnings).toEqual([
      { line: 3, message: 'Unknown directive "colour": kept, but neither Deckhand nor Marp uses it.' },
      { line: 4, message: expect.stringMatching(/^Unknown size "21:9"/) },
    ]);
  });

  it('an unterminated fence or comment', () => {
    const fence = parseDeck('# One\n\n---\n\n```sh\necho hi\n');
    expect(fence.warnings).toEqual([{ line: 5, message: expect.stringMatching(/never closed/) }]);
    expect(fence.slides).toHaveLength(2);
    const comment = parseDeck('# One\n\n<!-- never closed\n\n---\n\n# Two\n');
    expect(comment.warnings[0]).toMatchObject({ line: 3, message: expect.stringMatching(/never closed/) });
  });

  it('binary junk', () => {
    const junk = Array.from({ length: 50_000 }, (_, i) => String.fromCharCode((i * 7919) % 65_536)).join('');
    expectUsable(parseDeck(junk), junk);
  });

  it('a 10 MB deck', () => {
    const source = `# Big\n\n${'lorem ipsum dolor sit amet '.repeat(40)}\n\n`.repeat(9_500);
    expect(source.length).toBeGreaterThan(10_000_000);
    expect(parseDeck(source).slides).toHaveLength(1);
  });

  it('10,000 slides', () => {
    const source = Array.from({ length: 10_000 }, (_, i) => `# Slide ${i + 1}\n\n<!-- note ${i + 1} -->`).join('\n\n---\n\n');
    const deck = parseDeck(source);
    expect(deck.slides).toHaveLength(10_000);
    expect(deck.slides[9_999]).toMatchObject({ title: 'Slide 10000', notes: ['note 10000'] });
  });

  it('runs that make Markdown parsers slow: unclosed comment openers, a huge paragraph of emphasis marks', () => {
    const openers = `# One\n\n${'<!--'.repeat(50_000)}\n\n---\n\n# Two\n`;
    expect(parseDeck(openers).slides.map((slide) => slide.title)).toEqual(['One']);
    const stars = `# One\n\n${'a*'.repeat(50_000)}\n\n---\n\n# Two\n`;
    const deck = parseDeck(stars);
    expect(deck.slides.map((slide) => slide.title)).toEqual(['One', 'Two']);
    expect(deck.warnings).toEqual([{ line: 3, message: 'Paragraph is longer than 5000 characters: shown as plain text, without Markdown.' }]);
    expect(deck.slides[0]?.html).toContain('<p>a*a*a*');
  });

  it('a file of nothing but rules stops at 20,000 slides instead of running out of memory', () => {
    const deck = parseDeck('# One\n\n' + '---\n\n'.repeat(30_000));
    expect(deck.slides).toHaveLength(20_000);
    expect(deck.warnings).toEqual([{ line: 40_000, message: expect.stringMatching(/at most 20000 slides/) }]);
  });

  it('quotes and lists nested thousands deep (the Markdown parser would overflow its stack)', () => {
    const quotes = `# Deep\n\n${'> '.repeat(20_000)}x\n`;
    expect(parseDeck(quotes).warnings).toEqual([{ line: 3, message: expect.stringMatching(/nest too deep/) }]);
    const list = `# Deep\n\n${Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n')}\n`;
    const deck = parseDeck(list);
    expect(deck.slides[0]?.title).toBe('Deep');
    expect(deck.warnings[0]?.message).toMatch(/nest too deep/);
  });

  it('CSS nested thousands deep', () => {
    const source = `# One\n\n<style>\n${'@media screen{'.repeat(20_000)}h1{color:red}${'}'.repeat(20_000)}\n</style>\n`;
    const deck = parseDeck(source);
    expect(deck.css).toBe('');
    expect(deck.warnings).toEqual([{ line: 3, message: expect.stringMatching(/CSS could not be read/) }]);
  });

  it('many unclosed <style> elements', () => {
    const source = `# One\n\n<style>\n${'a{}<style>'.repeat(30_000)}\n`;
    expectUsable(parseDeck(source), source);
  });

  it('deeply nested HTML', () => {
    const source = `# Deep\n\n${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}\n`;
    expectUsable(parseDeck(source), source);
  });
});

describe('parse time grows roughly linearly with the deck', () => {
  // A complexity guard, not a speed test: 4× the slides must not take anywhere near 16× (quadratic).
  const deckOf = (slides: number): string =>
    Array.from({ length: slides }, (_, i) => `# Slide ${i}\n\n- a *b* \`c\`\n\n\`\`\`console\n$ echo ${i}\n${i}\n\`\`\`\n<!-- n -->`).join('\n\n---\n\n');
  const timeOf = (source: string): number => {
    const start = performance.now();
    parseDeck(source);
    return performance.now() - start;
  };

  it('4× the slides takes less than 10× the time', () => {
    const small = deckOf(300);
    const large = deckOf(1_200);
    parseDeck(deckOf(100));
    // Alternate and keep each side's best run, so a pause on a busy machine does not decide the result.
    let bestSmall = Infinity;
    let bestLarge = Infinity;
    for (let run = 0; run < 5; run++) {
      bestSmall = Math.min(bestSmall, timeOf(small));
      bestLarge = Math.min(bestLarge, timeOf(large));
    }
    expect(bestLarge / bestSmall).toBeLessThan(10);
  });
});
