// Global and local directives, as Marpit reads them: front matter, comments, carried and one-slide.
import { Marp } from '@marp-team/marp-core';
import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck';

describe('directives', () => {
  it('carries a local directive to the following slides and scopes an underscore one to its slide', () => {
    const deck = parseDeck('# 1\n\n---\n\n<!-- class: dark -->\n<!-- _backgroundColor: black -->\n# 2\n\n---\n\n# 3\n');
    expect(deck.slides.map((slide) => slide.section.className)).toEqual(['', 'dark', 'dark']);
    expect(deck.slides.map((slide) => slide.section.style)).toEqual(['', 'background-color:black;background-image:none', '']);
  });

  it('reads several directives in one comment, as YAML', () => {
    const slide = parseDeck('<!--\npaginate: true\ncolor: "#fff"\nbackgroundImage: url(data:image/png;base64,AAAA)\n-->\n# One\n').slides[0];
    expect(slide?.directives).toMatchObject({ paginate: true, color: '#fff', backgroundImage: 'url(data:image/png;base64,AAAA)' });
    expect(slide?.notes).toEqual([]);
  });

  it('applies local directives from front matter to every slide, underscore ones to the first', () => {
    const deck = parseDeck('---\nbackgroundColor: white\n_class: lead\n---\n# 1\n\n---\n\n# 2\n');
    expect(deck.slides.map((slide) => [slide.section.className, slide.section.style])).toEqual([
      ['lead', 'background-color:white;background-image:none'],
      ['', 'background-color:white;background-image:none'],
    ]);
  });

  it('keeps unknown front matter keys and warns about them on their line', () => {
    const deck = parseDeck('---\nmarp: true\nfavourite: blue\n---\n# 1\n');
    expect(deck.directives.favourite).toBe('blue');
    expect(deck.warnings).toEqual([{ line: 3, message: expect.stringContaining('Unknown directive "favourite"') }]);
  });

  it('warns about unknown keys in a directive comment, which Marp ignores', () => {
    const deck = parseDeck('# 1\n\n<!--\npaginate: true\npagniate: false\n-->\n');
    expect(deck.slides[0]?.directives.paginate).toBe(true);
    expect(deck.warnings).toEqual([{ line: 3, message: 'Unknown directive "pagniate" in a directive comment: ignored.' }]);
  });

  it('treats a comment with only unknown keys as a note, as Marp does', () => {
    expect(parseDeck('# 1\n<!-- todo: shorten -->\n').slides[0]?.notes).toEqual(['todo: shorten']);
  });

  it('gives the deck its size and theme', () => {
    expect(parseDeck('---\nsize: 4:3\ntheme: gaia\n---\n# 1\n')).toMatchObject({ size: { width: 960, height: 720 }, theme: 'gaia' });
    expect(parseDeck('# 1\n')).toMatchObject({ size: { width: 1280, height: 720 }, theme: 'default' });
  });

  it('numbers pages as Marpit does: hold and skip do not move the counter, false only hides', () => {
    const deck = parseDeck('---\npaginate: true\n---\n# 1\n\n---\n\n<!-- _paginate: false -->\n# 2\n\n---\n\n<!-- _paginate: skip -->\n# 3\n\n---\n\n# 4\n');
    expect(deck.slides.map((slide) => [slide.section.paginate, slide.section.pageNumber])).toEqual([
      [true, 1], [false, 2], [false, 2], [true, 3],
    ]);
    expect(deck.slides[3]?.sectionHtml).toContain('data-marpit-pagination="3" data-marpit-pagination-total="3"');
  });

  it('renders header and footer as inline Markdown, and a slide can clear them', () => {
    const deck = parseDeck('---\nheader: "**Docker** course"\nfooter: Module 1\n---\n# 1\n\n---\n\n<!-- _header: "" -->\n# 2\n');
    expect(deck.slides[0]?.section.header).toBe('<strong>Docker</strong> course');
    expect(deck.slides[0]?.sectionHtml).toMatch(/^<section [^>]*><header><strong>Docker<\/strong> course<\/header><h1>1<\/h1>\n<footer>Module 1<\/footer><\/section>$/);
    expect(deck.slides[1]?.section.header).toBeNull();
  });

  it('cannot inject markup or handlers through directive values', () => {
    const deck = parseDeck(
      '---\nheader: "<img src=x onerror=alert(1)>"\nclass: \'" onmouseover="alert(1)\'\nlang: \'" onclick="x\'\n' +
      'color: "red;} body { display: none"\nbackgroundColor: \'"><script>alert(1)</script>\'\n---\n# One\n',
    );
    const html = deck.slides[0]?.sectionHtml ?? '';
    const attributeNames = [...html.matchAll(/<[a-z][\w-]*((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/gi)]
      .flatMap((tag) => [...(tag[1] ?? '').matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)].map((attribute) => attribute[1]).filter((name) => name !== '/'));
    // Marpit's data-* attributes carry the directives' text, escaped like every other attribute.
    expect(attributeNames).toEqual(['id', 'data-index', 'class', 'style', 'lang', 'data-header', 'data-class', 'data-background-color', 'data-color', 'data-lang', 'src']);
    expect(html).not.toMatch(/<script/i);
    expect(/ style="([^"]*)"/.exec(html)?.[1]).not.toMatch(/display/);
    expect(html.startsWith('<section id="1" data-index="1" class="&quot; onmouseover=&quot;alert(1)"')).toBe(true);
  });

  it('puts the lang directive on every section', () => {
    expect(parseDeck('---\nlang: de\n---\n# 1\n').slides[0]?.sectionHtml).toContain(' lang="de"');
  });
});

describe('headingDivider', () => {
  const marpSlides = (source: string): number => (new Marp().render(source).html.match(/<section[^>]*\sid="/g) ?? []).length;

  it('splits before headings of the given level or above, as Marp Core does', () => {
    const sources = [
      '---\nheadingDivider: 2\n---\n# A\n\n## B\n\ntext\n\n### C\n\n---\n\n## D\n',
      '---\nheadingDivider: 2\n---\n<!-- note -->\n# A\n\n## B\n',
      '---\nheadingDivider: [3]\n---\n# A\n\n### B\n\n## C\n\n### D\n',
    ];
    for (const source of sources) expect(parseDeck(source).slides.length).toBe(marpSlides(source));
    expect(parseDeck(sources[0] as string).slides.map((slide) => slide.title)).toEqual(['A', 'B', null, 'D']);
  });

  it('warns about a value it cannot use', () => {
    expect(parseDeck('---\nheadingDivider: 9\n---\n# A\n').warnings[0]).toMatchObject({ line: 2, message: expect.stringMatching(/headingDivider/) });
  });
});
