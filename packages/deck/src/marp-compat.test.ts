// A Marp deck works unchanged: for real public Marp decks (fixtures/marp-decks, sources in SOURCES.md)
// and the course's seed deck, Deckhand reads the same slides and the same speaker notes as Marp Core.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marp } from '@marp-team/marp-core';
import katexPlugin from '@marp-team/marp-core/plugins/katex';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMathEngine } from './math/math-engine';
import { parseDeck } from './parse-deck';
import type { Slide } from './model';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures');
const corpus = path.join(fixtures, 'marp-decks');
const seedDeck = path.join(here, '..', '..', '..', '..', 'shared', 'seeds', '002_b80fa1c517c71a00.txt');

function marpReading(source: string): { slides: number; notes: string[][] } {
  const { html, comments } = new Marp({ html: true }).render(source);
  return { slides: (html.match(/<section[^>]*\sid="/g) ?? []).length, notes: comments };
}

/** Per slide, what the audience sees around the content in Marp Core's rendering. */
function marpChrome(source: string): Array<{ header: boolean; footer: boolean; page: string | null; className: string }> {
  const { html } = new Marp({ html: true }).render(source);
  return [...html.matchAll(/<section([^>]*\sid="[^"]*"[^>]*)>([\s\S]*?)<\/section>/g)].map(([, attributes = '', body = '']) => ({
    header: body.includes('<header>'),
    footer: body.includes('<footer>'),
    page: /data-marpit-pagination="(\d+)"/.exec(attributes)?.[1] ?? null,
    className: /\sclass="([^"]*)"/.exec(attributes)?.[1] ?? '',
  }));
}

describe('the public Marp deck corpus', () => {
  const decks = readdirSync(corpus).filter((name) => name.endsWith('.md') && name !== 'SOURCES.md');

  it('has decks to compare', () => {
    expect(decks.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of decks) {
    it(`reads ${name} with the slides, notes, headers, footers, page numbers and classes Marp Core shows`, () => {
      const source = readFileSync(path.join(corpus, name), 'utf8');
      const deck = parseDeck(source);
      const marp = marpReading(source);
      expect(deck.slides).toHaveLength(marp.slides);
      expect(deck.slides.map((slide) => slide.notes)).toEqual(marp.notes);
      expect(deck.slides.map(looks)).toEqual(marpChrome(source));
    });
  }
});

const courseDecks = path.join(here, '..', '..', '..', 'slides');

describe.skipIf(!existsSync(courseDecks))('the bundled course decks (slides/)', () => {
  it('read with the slides, notes, headers, footers, page numbers and classes Marp Core shows, without warnings', () => {
    const decks = readdirSync(courseDecks).filter((name) => /^\d.*\.md$/.test(name));
    for (const name of decks) {
      const source = readFileSync(path.join(courseDecks, name), 'utf8');
      const deck = parseDeck(source);
      const marp = marpReading(source);
      expect({ name, slides: deck.slides.length, notes: deck.slides.map((slide) => slide.notes) }).toEqual({
        name, slides: marp.slides, notes: marp.notes,
      });
      expect({ name, looks: deck.slides.map(looks) }).toEqual({ name, looks: marpChrome(source) });
      expect({ name, warnings: deck.warnings }).toEqual({ name, warnings: [] });
    }
  });
});

/** What a slide shows that the audience notices: header, footer and page number. */
function chrome(sectionHtml: string): { header: boolean; footer: boolean; page: string | null } {
  return {
    header: /<header>[\s\S]*?<\/header>/.test(sectionHtml),
    footer: /<footer>[\s\S]*?<\/footer>/.test(sectionHtml),
    page: /data-marpit-pagination="(\d+)"/.exec(sectionHtml)?.[1] ?? null,
  };
}

/** What Marp Core also shows: chrome plus the slide's classes. */
function looks(slide: Slide): ReturnType<typeof marpChrome>[number] {
  return { ...chrome(slide.sectionHtml), className: slide.section.className };
}

describe.skipIf(!existsSync(seedDeck))('the seed deck (../shared/seeds/002_b80fa1c517c71a00.txt)', () => {
  it('renders every slide with header, footer and its page number, as Marp Core does', () => {
    const source = readFileSync(seedDeck, 'utf8');
    const deck = parseDeck(source);
    const marp = marpReading(source);
    expect(deck.slides).toHaveLength(marp.slides);
    expect(deck.slides.map((slide) => slide.notes)).toEqual(marp.notes);
    expect(deck.slides.map(looks)).toEqual(marpChrome(source));
    for (const slide of deck.slides) {
      expect(chrome(slide.sectionHtml)).toEqual({ header: true, footer: true, page: String(slide.index) });
      expect(slide.html.length).toBeGreaterThan(0);
    }
    expect(deck.slides[0]?.section.footer).toContain('<img');
    expect(deck.slides[0]?.section.footer).not.toContain('height:40px]');
    expect(deck.css).toContain('.dh-deck > section header, .dh-deck > section footer');
  });
});

describe('our own deck with the same features (runs without ../shared)', () => {
  const source = readFileSync(path.join(fixtures, 'header-footer-pagination.md'), 'utf8');
  const deck = parseDeck(source, { resolveUrl: (url) => `/files/${url}` });

  it('reads the slides and notes Marp Core reads', () => {
    const marp = marpReading(source);
    expect(deck.slides).toHaveLength(marp.slides);
    expect(deck.slides.map((slide) => slide.notes)).toEqual(marp.notes);
  });

  it('puts header, footer (with its image) and page numbers on every slide unless a slide turns them off', () => {
    expect(deck.slides.map(looks)).toEqual(marpChrome(source));
    expect(deck.slides.map((slide) => chrome(slide.sectionHtml))).toEqual([
      { header: true, footer: true, page: '1' },
      { header: true, footer: true, page: '2' },
      { header: false, footer: true, page: null },
      { header: true, footer: true, page: '4' },
    ]);
    expect(deck.slides[0]?.section.footer).toBe('<img src="/files/images/logo.svg" alt="" style="height:40px" /> Deckhand sample');
  });

  it('scopes the style directive to the deck and a scoped <style> to its slide', () => {
    expect(deck.css).toContain('.dh-deck > section header, .dh-deck > section footer {');
    expect(deck.css).toContain('.dh-deck > section[data-index="4"] h2 { color: #0b5; }');
    expect(deck.slides[3]?.html).not.toContain('<style');
  });

  it('lays the split background out beside the content', () => {
    const slide = deck.slides[2];
    expect(slide?.section.split).toEqual({ side: 'left', size: '40%' });
    expect(slide?.section.backgrounds).toEqual([{ url: '/files/images/layers.svg', size: 'cover', filter: '' }]);
    expect(slide?.sectionHtml).toContain('padding-left:calc(40% + var(--dh-slide-padding-left, var(--dh-slide-padding, 1.5em)))');
  });
});

describe('Marp Core\'s math, emoji and fitting headings (fixtures/marp-features.md)', () => {
  const source = readFileSync(path.join(fixtures, 'marp-features.md'), 'utf8');
  // Marp Core 5 typesets math through a plugin; its MathJax one needs font packages the registry does
  // not have, so the KaTeX one says which text Marp reads as math (the syntax is the same for both).
  const marp = new Marp({ html: true }).use(katexPlugin()).render(source);
  const marpSlides = [...marp.html.matchAll(/<section[^>]*\sid="[^"]*"[^>]*>([\s\S]*?)<\/section>/g)].map(([, body = '']) => body);
  beforeAll(() => loadMathEngine('mathjax'), 60_000);

  it('reads the slides and notes Marp Core reads', () => {
    const deck = parseDeck(source);
    expect(deck.slides).toHaveLength(marpSlides.length);
    expect(deck.slides.map((slide) => slide.notes)).toEqual(marp.comments);
    expect(deck.warnings).toEqual([]);
  });

  it('typesets, as SVG, the formulas Marp Core typesets on each slide, and no dollar of the shell slide', () => {
    const deck = parseDeck(source);
    const ours = deck.slides.map((slide) => (slide.html.match(/<mjx-container class="MathJax" jax="SVG"[^>]*><svg /g) ?? []).length);
    expect(ours).toEqual(marpSlides.map((body) => (body.match(/<span class="katex">/g) ?? []).length));
    expect(ours).toEqual([0, 2, 0, 1]);
    expect(deck.slides[2]?.html).toContain('<code>$PWD</code>');
    expect(deck.slides[1]?.html).toContain('a VM costs $5 and a container $0.');
  });

  it('shows the emoji Marp Core shows (as characters where Marp uses Twemoji images) and fits the same headings', () => {
    const deck = parseDeck(source);
    const emoji = (text: string): string[] => text.match(/\p{Extended_Pictographic}/gu) ?? [];
    expect(deck.slides.map((slide) => emoji(slide.html))).toEqual(
      marpSlides.map((body) => [...body.replace(/<footer>[\s\S]*<\/footer>/, '').matchAll(/<img class="emoji"[^>]*alt="([^"]+)"/g)].map((m) => m[1])),
    );
    expect(deck.slides[0]?.section.footer).toBe('Docker course 🐳');
    expect(deck.slides.map((slide) => (slide.html.match(/data-fitting-heading/g) ?? []).length)).toEqual(
      marpSlides.map((body) => (body.match(/<h[1-6] [^>]*data-auto-scaling/g) ?? []).length),
    );
  });
});
