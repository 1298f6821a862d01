// The files a deck's slides point to (images, backgrounds, CSS url()s), made part of the site: copied
// under files/ (a site) or inlined as data: URLs (a single file). Nothing may load from the network:
// an image on another host is left out with a warning, as is one that is missing; both show a
// placeholder that says so, never a request.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Deck } from '@deckhand/deck';
import { lineOf, type Warn } from './build-warning';

export type AssetMode = 'copy' | 'inline';

const MIME: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.bmp': 'image/bmp',
};

/** Shown in place of an image the site cannot carry. */
const PLACEHOLDER =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="60"><rect width="100%" height="100%" fill="#eee" stroke="#999"/>' +
      '<text x="50%" y="55%" text-anchor="middle" font-family="sans-serif" font-size="14" fill="#555">image not available offline</text></svg>',
  );

const NETWORK_IMAGE = 'an image on the network: the offline course leaves it out (save it beside the deck and point to the file)';

/** Files to copy into the site: site path (under files/) → absolute source path. */
export type AssetCopies = Map<string, string>;

export class DeckAssets {
  readonly copies: AssetCopies = new Map();
  private readonly deckDir: string;
  private readonly reported = new Set<string>();

  constructor(
    private readonly deckFile: string,
    private readonly source: string,
    private readonly mode: AssetMode,
    private readonly warn: Warn,
  ) {
    this.deckDir = path.dirname(path.resolve(deckFile));
  }

  /** The deck package's UrlResolver: a relative URL in the deck → one the built page loads. */
  readonly resolve = (url: string): string => {
    const clean = url.replace(/[?#].*$/, '');
    let decoded: string;
    try {
      decoded = decodeURI(clean);
    } catch {
      decoded = clean;
    }
    const file = path.resolve(this.deckDir, decoded);
    const inside = path.relative(this.deckDir, file);
    if (inside.startsWith('..') || path.isAbsolute(inside)) return this.missing(url, 'points outside the deck folder, so the site cannot carry it');
    if (!existsSync(file) || !statSync(file).isFile()) return this.missing(url, `image not found (looked for ${file})`);
    const mime = MIME[path.extname(file).toLowerCase()];
    if (this.mode === 'inline') {
      if (!mime) return this.missing(url, `cannot inline ${path.extname(file) || 'a file without an extension'}: not an image type the site knows`);
      return `data:${mime};base64,${readFileSync(file).toString('base64')}`;
    }
    const sitePath = `files/${inside.split(path.sep).map(encodeURIComponent).join('/')}`;
    this.copies.set(sitePath, file);
    return sitePath;
  };

  /** Replaces images on other hosts (or any scheme but data:) in the parsed deck, with a warning each. */
  withoutNetworkImages(deck: Deck): Deck {
    const network = /(\bsrc\s*=\s*["']?|url\(\s*["']?)((?:https?:)?\/\/[^"')\s>]+)/gi;
    const replace = (html: string, fallbackLine: number): string =>
      html.replace(network, (_whole, prefix: string, url: string) => {
        this.report(url, fallbackLine, NETWORK_IMAGE);
        return prefix + PLACEHOLDER;
      });
    return {
      ...deck,
      css: replace(deck.css, 1),
      slides: deck.slides.map((slide) => ({
        ...slide,
        html: replace(slide.html, slide.line),
        sectionHtml: replace(slide.sectionHtml, slide.line),
        section: {
          ...slide.section,
          style: replace(slide.section.style, slide.line),
          header: slide.section.header === null ? null : replace(slide.section.header, slide.line),
          footer: slide.section.footer === null ? null : replace(slide.section.footer, slide.line),
          backgrounds: slide.section.backgrounds.map((background) => {
            if (!/^(?:https?:)?\/\//i.test(background.url)) return background;
            this.report(background.url, slide.line, NETWORK_IMAGE);
            return { ...background, url: PLACEHOLDER };
          }),
        },
      })),
    };
  }

  private missing(url: string, why: string): string {
    this.report(url, 1, why);
    return PLACEHOLDER;
  }

  private report(url: string, fallbackLine: number, message: string): void {
    const key = `${url}\n${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.warn({ file: this.deckFile, line: lineOf(this.source, url, fallbackLine), message: `${message}: ${url}` });
  }
}
