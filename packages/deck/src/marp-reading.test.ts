// What a Marp deck shows depends on how Marp reads it: directive values (loose YAML), headingDivider
// from a comment, and Marp Core's Markdown options. Each case is read by Marp Core and by Deckhand and
// the structure compared: slide count, classes, colours, line breaks, links, raw HTML attributes.
import { Marp } from '@marp-team/marp-core';
import { describe, expect, it } from 'vitest';
import { marpAllowlist } from './html-policy';
import { parseDeck } from './parse-deck';

interface MarpSlide {
  className: string;
  style: string;
  data: Record<string, string>;
  body: string;
}

function marpSlides(source: string): MarpSlide[] {
  const { html } = new Marp({ inlineSVG: false, script: false }).render(source);
  return [...html.matchAll(/<section([^>]*)>([\s\S]*?)<\/section>/g)].map(([, attributes = '', body = '']) => ({
    className: /\sclass="([^"]*)"/.exec(attributes)?.[1] ?? '',
    // Marpit also writes each directive as a custom property (`--color:red`); Deckhand does not.
    style: (/\sstyle="([^"]*)"/.exec(attributes)?.[1] ?? '').split(';').filter((part) => part && !part.startsWith('--')).join(';'),
    data: Object.fromEntries([...attributes.matchAll(/\sdata-([\w-]+)="([^"]*)"/g)]
      .filter(([, name]) => !name?.startsWith('marpit-'))
      .map(([, name = '', value = '']) => [name, value.replace(/&quot;/g, '"')])),
    body,
  }));
}

function deckhandSlides(source: string): MarpSlide[] {
  return parseDeck(source).slides.map((slide) => ({
    className: slide.section.className,
    style: slide.section.style.replace(/&quot;/g, '"'),
    data: slide.section.data,
    body: slide.html,
  }));
}

const looks = (slides: MarpSlide[]) => slides.map(({ className, style, data }) => ({ className, style, data }));

describe('directive values as Marp reads them', () => {
  it('keeps an unquoted colour, which strict YAML reads as a comment, in front matter and in comments', () => {
    const source = '---\ncolor: #222\nbackgroundColor: #fafafa\n---\n# One\n\n---\n\n<!-- _backgroundColor: #1e90ff -->\n<!-- _color: #fff -->\n# Two\n';
    const deck = parseDeck(source);
    expect(deck.warnings).toEqual([]);
    expect(deck.slides.map((slide) => slide.section.style)).toEqual([
      'color:#222;background-color:#fafafa;background-image:none',
      'color:#fff;background-color:#1e90ff;background-image:none',
    ]);
    expect(looks(deckhandSlides(source))).toEqual(looks(marpSlides(source)));
  });

  it('reads `class: invert`, global and for one slide, onto the sections Marp puts it on', () => {
    const source = '---\nclass: invert\n---\n# One\n\n---\n\n<!-- _class: lead -->\n# Two\n\n---\n\n<!-- class: [invert, lead] -->\n# Three\n';
    const deck = parseDeck(source);
    expect(deck.slides.map((slide) => slide.section.className)).toEqual(['invert', 'lead', 'invert lead']);
    expect(looks(deckhandSlides(source))).toEqual(looks(marpSlides(source)));
  });

  it('reads a front matter strict YAML rejects line by line, as Marp does, keeping headingDivider', () => {
    // An unquoted image and a second colon in the footer: strict YAML fails on the whole block.
    const source = '---\nmarp: true\nfooter: ![h:30](logo.png) Docker: the course\nheadingDivider: 2\npaginate: true\n---\n# Title\n\n## One\n\n## Two\n\n## Three\n';
    const deck = parseDeck(source);
    expect(deck.warnings).toEqual([]);
    expect(deck.slides).toHaveLength(marpSlides(source).length);
    expect(deck.slides).toHaveLength(4);
    expect(deck.directives).toMatchObject({ marp: true, paginate: true, headingDivider: 2, footer: '![h:30](logo.png) Docker: the course' });
    expect(deck.slides[0]?.section.footer).toBe('<img src="logo.png" alt="" style="height:30px" /> Docker: the course');
  });

  it('warns only about the line that cannot be read, and reads the others', () => {
    const deck = parseDeck('---\ntheme: gaia\ntitle: [unclosed\npaginate: true\n---\n# One\n');
    expect(deck.theme).toBe('gaia');
    expect(deck.directives.paginate).toBe(true);
    expect(deck.warnings).toEqual([{ line: 3, message: expect.stringMatching(/^Front matter line is not valid YAML and was ignored/) }]);
  });

  it('reads values with colons and exclamation marks whole', () => {
    const source = '---\nheader: Part 1: the basics!\nfooter: !important note\n---\n# One\n';
    const deck = parseDeck(source);
    expect(deck.slides[0]?.section.header).toBe('Part 1: the basics!');
    expect(deck.slides[0]?.section.footer).toBe('!important note');
    expect(looks(deckhandSlides(source))).toEqual(looks(marpSlides(source)));
  });

  it('writes the directives on the section as Marpit does (data-*, and its background defaults)', () => {
    const source = '---\ntheme: uncover\nsize: 4:3\npaginate: true\nheader: H\nfooter: F\nlang: fr\n---\n# One\n\n<!-- _backgroundImage: url(a.png) -->\n<!-- _backgroundSize: contain -->\n';
    expect(looks(deckhandSlides(source))).toEqual(looks(marpSlides(source)));
  });
});

describe('headingDivider from a directive comment', () => {
  const sources = {
    'at the top': '<!-- headingDivider: 2 -->\n\n# A\n\n## B\n\ntext\n\n## C\n',
    'at the end': '# A\n\n## B\n\n## C\n\n<!-- headingDivider: 2 -->\n',
    'as a list': '<!-- headingDivider: [1, 3] -->\n# A\n\n## B\n\n### C\n',
    'turned off over the front matter': '---\nheadingDivider: 2\n---\n<!-- headingDivider: false -->\n# A\n\n## B\n',
    'with other directives': '<!--\nheadingDivider: 2\npaginate: true\n-->\n# A\n\n## B\n',
  };
  for (const [name, source] of Object.entries(sources)) {
    it(`splits slides as Marp does, ${name}`, () => {
      const deck = parseDeck(source);
      expect(deck.slides.length).toBe(marpSlides(source).length);
      expect(deck.warnings).toEqual([]);
    });
  }

  it('splits the deck from the top into as many slides as headings', () => {
    expect(parseDeck(sources['at the top']).slides.map((slide) => slide.title)).toEqual(['A', 'B', 'C']);
  });
});

describe('Marp Core\'s Markdown options', () => {
  const brs = (html: string): number => (html.match(/<br\s*\/?>/g) ?? []).length;
  const links = (html: string): string[] => [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1] ?? '');

  it('shows a single newline in a paragraph, a list item or a quote as a line break (breaks)', () => {
    const source = 'line one\nline two\nline three\n\n- item\n  continued\n\n> quoted\n> again\n';
    const [marp] = marpSlides(source);
    const html = parseDeck(source).slides[0]?.html ?? '';
    expect(brs(html)).toBe(4);
    expect(brs(html)).toBe(brs(marp?.body ?? ''));
  });

  it('drops a paragraph left with only line breaks once its bg images are taken out, as Marpit sweeps it', () => {
    const source = '![bg](a.png)\n![bg](b.png)\n# Title\n';
    expect(parseDeck(source).slides[0]?.html).toBe('<h1>Title</h1>\n');
  });

  it('links bare URLs with a scheme and e-mail addresses, not `www.` alone (linkify without fuzzy links)', () => {
    const source = 'See https://marp.app/ or www.example.com, mail team@example.com.\n';
    const [marp] = marpSlides(source);
    const html = parseDeck(source).slides[0]?.html ?? '';
    expect(links(html)).toEqual(['https://marp.app/', 'mailto:team@example.com']);
    expect(links(html)).toEqual(links(marp?.body ?? ''));
  });

  it('strikes through with two tildes only, and does not change quotes or dashes (no typographer)', () => {
    const source = '~~gone~~ ~kept~ "quotes" -- (c)\n';
    const [marp] = marpSlides(source);
    const html = parseDeck(source).slides[0]?.html ?? '';
    const text = (body: string): string => body.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').trim();
    expect(text(html)).toBe('gone ~kept~ "quotes" -- (c)');
    expect(text(html)).toBe(text(marp?.body ?? ''));
    expect(html).toMatch(/<(del|s)>gone<\/\1>/);
  });

  it('keeps only the attributes Marp keeps on raw HTML (no style or id), so it looks the same', () => {
    const source = '<div style="text-align:center" class="columns" id="x">\n\n**a**\n\n</div>\n\n<span style="color:red" title="t">red?</span> <img src="a.png" style="width:10px" width="20">\n';
    const [marp] = marpSlides(source);
    const html = parseDeck(source).slides[0]?.html ?? '';
    const attributes = (body: string): string[] => [...body.matchAll(/<(div|span|img)\s([^>]*?)\s*\/?>/g)].map((match) => `${match[1]} ${match[2]}`);
    expect(attributes(html)).toEqual(['div class="columns"', 'span title="t"', 'img src="a.png" width="20"']);
    expect(attributes(html)).toEqual(attributes(marp?.body ?? ''));
  });

  it('has the same raw HTML allowlist as Marp Core, tag by tag and attribute by attribute', () => {
    const marp = Object.fromEntries(Object.entries(Marp.html as Record<string, Record<string, boolean>>)
      .map(([tag, attributes]) => [tag, Object.keys(attributes).sort()]));
    const ours = Object.fromEntries(Object.entries(marpAllowlist()).map(([tag, attributes]) => [tag, [...attributes].sort()]));
    expect(ours).toEqual(marp);
  });
});

describe('the breaks directive (a Deckhand extension, for decks written with wrapped lines)', () => {
  it('joins a paragraph\'s lines as CommonMark does when a deck says breaks: false', () => {
    const source = 'line one\nline two\n';
    expect(parseDeck(source).slides[0]?.html).toBe('<p>line one<br />line two</p>\n');
    expect(parseDeck(`---\nbreaks: false\n---\n${source}`).slides[0]?.html).toBe('<p>line one\nline two</p>\n');
    expect(parseDeck(`---\nbreaks: false\n---\n${source}`).warnings).toEqual([]);
  });
});

describe('front matter read one directive at a time', () => {
  it('keeps a list written flush under its key, and multi-line values, beside an unreadable line', () => {
    const deck = parseDeck('---\nclass:\n- lead\n- invert\ntitle: [broken\nstyle: |\n  h1 { color: red }\n---\n# One\n');
    expect(deck.slides[0]?.section.className).toBe('lead invert');
    expect(deck.css).toContain('.dh-deck > section h1 { color: red }');
    expect(deck.warnings).toEqual([{ line: 5, message: expect.stringMatching(/not valid YAML and was ignored/) }]);
  });
});
