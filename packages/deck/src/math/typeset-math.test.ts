// Formulas typeset as the audience sees them: MathJax SVG (no fonts needed), KaTeX MathML, TeX errors
// as warnings with their line, and TeX that tries to reach outside the picture cut down to drawing.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeck } from '../parse-deck';
import { sanitizeMath } from '../html-policy';
import { loadMathEngine } from './math-engine';
import { MAX_FORMULA_CHARS, MAX_MATH_CHARS_PER_DECK } from './typeset-math';

beforeAll(async () => {
  await Promise.all([loadMathEngine('mathjax'), loadMathEngine('katex')]);
}, 60_000);

/** Every element and attribute in sanitized HTML (attribute values are escaped, so this parse holds). */
function elements(html: string): { tags: string[]; attributes: Array<[string, string]> } {
  const tags: string[] = [];
  const attributes: Array<[string, string]> = [];
  for (const [, tag = '', rest = ''] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    tags.push(tag.toLowerCase());
    for (const [, name = '', value = ''] of rest.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) attributes.push([name, value]);
  }
  return { tags, attributes };
}

/** What a slide of formulas may contain: the section, paragraphs, and the engines' drawing. */
const DRAWING = new Set([
  'section', 'p', 'span', 'mjx-container', 'svg', 'g', 'path', 'rect', 'text', 'line',
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mo', 'mn', 'mtext', 'mstyle', 'msup', 'mspace',
]);

describe('typeset math', () => {
  it('draws inline and display math as SVG with MathJax, the default', () => {
    const deck = parseDeck('# Energy\n\nInline $E = mc^2$.\n\n$$\n\\frac{a}{b}\n$$\n');
    const html = deck.slides[0]?.html ?? '';
    expect(deck.mathPending).toBeUndefined();
    expect(html.match(/<mjx-container class="MathJax" jax="SVG"[^>]*><svg /g)).toHaveLength(2);
    expect(html).toMatch(/<p><mjx-container [^>]*display="true"/);
    expect(html).not.toContain('$');
    expect(deck.warnings).toEqual([]);
    // MathJax's own rules (display math centred, inline line breaks), scoped to the deck as Marp adds them.
    expect(deck.css).toContain('.dh-deck > section mjx-container[display] {');
    expect(parseDeck('# No math\n').css).toBe('');
  });

  it('draws MathML with KaTeX when the deck says math: katex', () => {
    const html = parseDeck('---\nmath: katex\n---\n\n$x^2$\n').slides[0]?.html ?? '';
    expect(html).toContain('<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML">');
    expect(html).toContain('<msup><mi>x</mi><mn>2</mn></msup>');
  });

  it('takes a math directive from a comment on any slide, as a global directive', () => {
    const html = parseDeck('$x$\n\n---\n\n<!-- math: katex -->\n').slides[0]?.html ?? '';
    expect(html).toContain('class="katex"');
  });

  it('typesets math in the header and footer too, as Marp Core does, with errors on the directive\'s line', () => {
    const deck = parseDeck("---\nheader: 'Growth $O(n^2)$'\nfooter: 'Oops $\\frac{a}{$'\npaginate: true\n---\n\n# One\n\n---\n\n# Two\n");
    for (const slide of deck.slides) {
      expect(slide.section.header).toMatch(/^Growth <mjx-container class="MathJax" jax="SVG"[^]*<\/mjx-container>$/);
      expect(slide.section.footer).toBe('Oops <span class="dh-math-error">$\\frac{a}{$</span>');
      expect(slide.sectionHtml).toContain('<header>Growth <mjx-container');
    }
    // One header for every slide: typeset once, and its error reported once.
    expect(deck.warnings).toEqual([{ line: 3, message: 'Math could not be typeset: Missing close brace.' }]);
  });

  it('shows a TeX error as written, with a warning on its line, and the rest of the slide renders', () => {
    for (const engine of ['mathjax', 'katex']) {
      const deck = parseDeck(`---\nmath: ${engine}\n---\n\n# Broken\n\nFirst line\nthen $\\frac{a}{$ here and $y$.\n`);
      const html = deck.slides[0]?.html ?? '';
      expect(html).toContain('<span class="dh-math-error">$\\frac{a}{$</span>');
      expect(html).toContain('<h1>Broken</h1>');
      expect(deck.warnings).toHaveLength(1);
      expect(deck.warnings[0]?.line).toBe(8);
      expect(deck.warnings[0]?.message).toMatch(/^Math could not be typeset: /);
    }
  });

  it('never lets TeX produce a link, script, handler or javascript: URL', () => {
    const hostile = [
      '$\\href{javascript:alert(1)}{click}$',
      '$\\style{background:url(javascript:alert(1))}{x}$',
      '$\\class{dh-code}{x}$',
      '$\\cssId{app}{x}$',
      '$\\text{<script>alert(1)</script>}$',
      '$\\unicode{<img src=x onerror=alert(1)>}$',
      '$\\toggle{a}{b}\\endtoggle$',
      '$$\n\\href{javascript:alert(1)}{x} \\text{<img src=x onerror=alert(1)>}\n$$',
    ].join('\n\n');
    for (const engine of ['mathjax', 'katex']) {
      const deck = parseDeck(`---\nmath: ${engine}\n---\n\n${hostile}\n`, { html: true });
      const { tags, attributes } = elements(deck.slides[0]?.sectionHtml ?? '');
      expect(tags.filter((tag) => !DRAWING.has(tag))).toEqual([]);
      expect(attributes.filter(([name, value]) => /^on|href$|^src$/i.test(name) || /^\s*javascript:/i.test(value))).toEqual([]);
      expect(deck.slides[0]?.sectionHtml).not.toMatch(/<script|<a\s/i);
    }
  });

  it('cuts engine output down to drawing whatever it contains (the policy, on its own)', () => {
    const forged = '<mjx-container><svg onload="alert(1)" viewBox="0 0 1 1"><a href="javascript:alert(1)" xlink:href="javascript:alert(2)"><path d="M0 0" onclick="alert(3)"></path></a>'
      + '<foreignObject><img src="x" onerror="alert(4)"></foreignObject><script>alert(5)</script><use href="#x"></use></svg></mjx-container>'
      + '<math><mrow href="javascript:alert(6)"><mi>x</mi></mrow><maction actiontype="statusline"><mi>y</mi></maction></math>';
    expect(sanitizeMath(forged)).toBe(
      '<mjx-container><svg viewbox="0 0 1 1"><path d="M0 0"></path></svg></mjx-container><math><mrow><mi>x</mi></mrow><mi>y</mi></math>',
    );
  });

  it('keeps huge or deeply nested TeX from stopping or stalling the deck: warnings, never an exception', () => {
    const nested = `$${'{'.repeat(990)}x${'}'.repeat(990)}$`;
    const long = `$$\n${'x+'.repeat(1_500)}x\n$$`;
    const deck = parseDeck(`# Limits\n\n${nested}\n\n${long}\n\nStill $y$.\n`);
    expect(deck.warnings).toEqual([
      { line: 3, message: 'Math could not be typeset: the formula nests too deep or is too large.' },
      { line: 5, message: `Formula longer than ${MAX_FORMULA_CHARS} characters: shown as written.` },
    ]);
    expect(deck.slides[0]?.html).toContain('<mjx-container');
  });

  it('typesets at most MAX_MATH_CHARS_PER_DECK characters of TeX per deck, then shows formulas as written', () => {
    // Formulas that are mostly a TeX comment: long to the budget, quick to typeset.
    const formula = (i: number): string => `$$\nx_{${i}} % ${'c'.repeat(1_950)}\n$$`;
    const count = Math.ceil(MAX_MATH_CHARS_PER_DECK / 1_950) + 2;
    const deck = parseDeck(Array.from({ length: count }, (_, i) => formula(i)).join('\n\n---\n\n'));
    const typeset = deck.slides.filter((slide) => slide.html.includes('<mjx-container'));
    expect(typeset.length).toBe(Math.floor(MAX_MATH_CHARS_PER_DECK / formula(0).slice(3, -3).length));
    expect(deck.warnings).toHaveLength(1);
    expect(deck.warnings[0]?.message).toBe(`A deck gets at most ${MAX_MATH_CHARS_PER_DECK} characters of math typeset: formulas from here on are shown as written.`);
    expect(deck.slides.at(-1)?.html).toContain('$$');
  });

  it('never throws on generated decks full of dollars, braces, backslashes and code (both engines)', () => {
    const piece = fc.oneof(
      fc.constantFrom('$', '$$', '\\$', '\\', '{', '}', '`', '```', '\n', '\n\n', ' ', '---\n', '^', '_', '\\frac', '\\href{javascript:x}', ':whale:', '<!-- fit -->', '# ', 'x', '5'),
      fc.string({ maxLength: 8 }),
    );
    const deck = fc.tuple(fc.constantFrom('mathjax', 'katex', 'false'), fc.array(piece, { maxLength: 40 }))
      .map(([engine, pieces]) => `---\nmath: ${engine}\n---\n\n${pieces.join('')}\n`);
    fc.assert(fc.property(deck, (source) => {
      const parsed = parseDeck(source);
      expect(parsed.slides.length).toBeGreaterThan(0);
      const html = parsed.slides.map((slide) => slide.sectionHtml).join('');
      const { tags, attributes } = elements(html);
      expect(tags).not.toContain('script');
      expect(attributes.filter(([name, value]) => /^on/i.test(name) || /^\s*javascript:/i.test(value))).toEqual([]);
      expect(html).not.toContain('\uE001');
    }), { numRuns: 1_000 });
  }, 120_000);
});
