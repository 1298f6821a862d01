// Markdown tokens of one slide → sanitized HTML, with Deckhand's and Marp's extensions: image keywords
// (inline sizes and filters, `bg` images collected for the section), highlighted code blocks in a
// <pre class="dh-code"> the presenter adds Run and Copy to, and raw HTML held to the allowlist unless
// opted in (with only the attributes Marp keeps).
import { Marked, type Token, type Tokens } from 'marked';
import { emojiExtension } from './emoji';
import { FITTING_HEADING, renderFittingHeading } from './fitting-heading';
import { highlightCode, plainCode } from './highlight';
import { escapeHtml, keepMarpAttributes, RAW_HTML_ALLOWLIST, sanitize, tagNames, type UrlResolver } from './html-policy';
import { inlineImageStyle, readImageKeywords, toBackground } from './image-keywords';
import { mathExtensions, type MathToken } from './math/math-syntax';
import type { CodeBlock, SlideBackground, SlideSection } from './model';

export interface RenderedSlide {
  html: string;
  backgrounds: SlideBackground[];
  vertical: boolean;
  split: SlideSection['split'];
  /** The slide's formulas, in order; `html` holds a MATH_MARK for each (see math/typeset-math.ts). */
  math: MathToken[];
}

interface SlideState {
  backgrounds: SlideBackground[];
  vertical: boolean;
  split: SlideSection['split'];
  blockOf: WeakMap<Token, CodeBlock>;
  /** Highlighted code, put in after sanitizing (it is built from escaped text, and sanitizing it
   *  again would only cost time). */
  code: string[];
  math: MathToken[];
}

/** Marks where highlighted code goes back in; U+E000 never survives in deck text (parseDeck drops it). */
const CODE_MARK = /\uE000(\d+)\uE000/g;
/** Longest paragraph or heading read as Markdown; longer ones are shown as plain text. */
export const MAX_INLINE_CHARS = 5_000;
/** Characters of code a deck gets highlighted; code past it is shown without colours, so a huge deck
 *  of code still renders in seconds (the course decks have under 7,000 each). */
export const MAX_HIGHLIGHTED_PER_DECK = 300_000;
/** Marks a token shown as plain text because it is longer than MAX_INLINE_CHARS. */
export const TOO_LONG = 'deckhandTooLong';

function plainText(text: string): Tokens.Text {
  return { type: 'text', raw: text, text, escaped: false };
}

const ALLOWED_BACKGROUND_URL = /^(?:https?:|data:image\/)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A background may be a file beside the deck, http(s) or a data: image; anything else is dropped. */
export function isAllowedBackgroundUrl(url: string): boolean {
  return !HAS_SCHEME.test(url) || ALLOWED_BACKGROUND_URL.test(url);
}

/** A header or footer: its HTML, with a mark for each of its formulas. */
export interface RenderedInline {
  html: string;
  math: MathToken[];
}

export interface RendererOptions {
  allowAllHtml: boolean;
  resolveUrl: UrlResolver | undefined;
  math: boolean;
  /** A single newline in a paragraph is a line break (Marp Core's `breaks`). */
  breaks: boolean;
}

export class SlideRenderer {
  private readonly marked: Marked;
  private state: SlideState | null = null;
  private readonly inlineCache = new Map<string, RenderedInline>();
  /** The formulas of the header or footer being rendered (see inline()). */
  private inlineMath: MathToken[] | null = null;
  /** Characters of code seen so far in this deck, against MAX_HIGHLIGHTED_PER_DECK. */
  private codeChars = 0;

  constructor(private readonly options: RendererOptions) {
    // Marp Core's Markdown options: CommonMark with tables, `~~strikethrough~~`, a single newline as a
    // line break (`breaks`, unless the deck says `breaks: false`), and bare links only with their
    // scheme (`linkify` without fuzzy links).
    this.marked = new Marked({ gfm: true, breaks: options.breaks });
    this.marked.use({
      // Marked's inline rules take quadratic time on some long runs (`a*a*a*…`, a heading full of
      // `<!--`); a paragraph or heading that long is no slide text, so it is shown as plain text.
      tokenizer: {
        paragraph(src) {
          const match = this.rules.block.paragraph.exec(src);
          if (!match?.[1] || match[1].length <= MAX_INLINE_CHARS) return false;
          const text = match[1].replace(/\n$/, '');
          return { type: 'paragraph', raw: match[0], text, tokens: [plainText(text)], [TOO_LONG]: true };
        },
        // Marp links `https://…` and `user@host` but not `www.…` on its own (linkify's fuzzyLink is off).
        // This and `del` return a text token where marked's type says a link or a strikethrough: marked
        // takes any token.
        url(src) {
          const match = this.rules.inline.url.exec(src);
          return match?.[1] === 'www.' ? (plainText(match[0]) as unknown as Tokens.Link) : false;
        },
        // markdown-it strikes through with two tildes only; `~one~` stays as written.
        del(src) {
          return src.startsWith('~') && !src.startsWith('~~') ? (plainText('~') as unknown as Tokens.Del) : false;
        },
        heading(src) {
          const match = this.rules.block.heading.exec(src);
          if (!match?.[2] || match[2].length <= MAX_INLINE_CHARS) return false;
          const text = match[2].trim();
          return { type: 'heading', raw: match[0], depth: (match[1] ?? '#').length, text, tokens: [plainText(text)], [TOO_LONG]: true };
        },
      },
    });
    // Marp Core's extensions: math (unless the deck says `math: false`) and emoji shortcodes.
    this.marked.use({ extensions: [...(options.math ? mathExtensions((token) => this.renderMath(token)) : []), emojiExtension] });
    this.marked.use({
      renderer: {
        heading(token) {
          return FITTING_HEADING in token ? renderFittingHeading(token.depth, this.parser.parseInline(token.tokens)) : false;
        },
        code: (token) => this.renderCode(token),
        html: (token) => this.renderHtml(token),
        image: (token) => this.renderImage(token),
      },
    });
  }

  lex(markdown: string): Token[] {
    return this.marked.lexer(markdown);
  }

  render(tokens: Token[], blockOf: WeakMap<Token, CodeBlock>): RenderedSlide {
    const state: SlideState = { backgrounds: [], vertical: false, split: null, blockOf, code: [], math: [] };
    this.state = state;
    try {
      // As Marpit sweeps them: a paragraph left with nothing but line breaks (its `bg` images and
      // comments taken out) is no paragraph.
      const raw = this.marked.parser(tokens).replace(/<p>(?:\s|<br\s*\/?>)*<\/p>\n?/g, '');
      const html = sanitize(raw, this.options.resolveUrl).replace(CODE_MARK, (_, n: string) => state.code[Number(n)] ?? '');
      return { html, backgrounds: state.backgrounds, vertical: state.vertical, split: state.split, math: state.math };
    } finally {
      this.state = null;
    }
  }

  /** A header or footer directive: inline Markdown (images with keywords allowed), sanitized, with a
   *  mark for each formula in it, as in a slide (typeset-math.ts puts them in). */
  inline(markdown: string): RenderedInline {
    let rendered = this.inlineCache.get(markdown);
    if (rendered === undefined) {
      const math: MathToken[] = [];
      this.inlineMath = math;
      try {
        rendered = { html: sanitize(this.marked.parseInline(markdown, { async: false }), this.options.resolveUrl), math };
      } finally {
        this.inlineMath = null;
      }
      this.inlineCache.set(markdown, rendered);
    }
    return rendered;
  }

  private renderCode(token: Tokens.Code): string {
    const block = this.state?.blockOf.get(token);
    const lang = block?.lang ?? (token.lang ?? '').split(/[\s{]/)[0] ?? '';
    this.codeChars += token.text.length;
    const code = this.codeChars <= MAX_HIGHLIGHTED_PER_DECK ? highlightCode(token.text, lang) : plainCode(token.text, lang);
    const mark = this.state ? `\uE000${this.state.code.push(code) - 1}\uE000` : escapeHtml(token.text);
    const id = block ? ` data-block="${escapeHtml(block.id)}"` : '';
    const runnable = block?.runnable ? ' data-runnable="true"' : '';
    // The <pre> is the slide's own child, as in Marp, so the theme's rules for `pre` and for a slide's
    // first and last child apply to it; the presenter puts Run and Copy inside it, over the code.
    return `<pre class="dh-code" data-lang="${escapeHtml(lang)}"${id}${runnable} tabindex="0">${mark}</pre>\n`;
  }

  /** A formula is typeset once the deck's `math` directive is known (it may come on a later slide):
   *  here it becomes a mark, in a slide or in a header or footer. */
  private renderMath(token: MathToken): string {
    const formulas = this.state?.math ?? this.inlineMath;
    if (!formulas) return escapeHtml(token.raw);
    const mark = `\uE001${formulas.push(token) - 1}\uE001`;
    return token.display && this.state ? `<p>${mark}</p>\n` : mark;
  }

  private renderHtml(token: Tokens.HTML | Tokens.Tag): string {
    if (this.options.allowAllHtml) return token.text;
    const disallowed = tagNames(token.text).some((name) => !RAW_HTML_ALLOWLIST.has(name));
    return disallowed ? escapeHtml(token.text) : keepMarpAttributes(token.text);
  }

  private renderImage(token: Tokens.Image): string {
    const keywords = readImageKeywords(token.text);
    const state = this.state;
    if (keywords.background && state) {
      const url = this.resolve(token.href);
      if (url === null) return '';
      state.backgrounds.push(toBackground(url, keywords));
      if (keywords.vertical) state.vertical = true;
      if (keywords.split && !state.split) state.split = keywords.split;
      return '';
    }
    const style = inlineImageStyle(keywords);
    const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
    return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(keywords.alt)}"${title}${style ? ` style="${escapeHtml(style)}"` : ''}>`;
  }

  private resolve(url: string): string | null {
    if (!isAllowedBackgroundUrl(url)) return null;
    if (HAS_SCHEME.test(url)) return url;
    return this.options.resolveUrl && !url.startsWith('/') && !url.startsWith('#') ? this.options.resolveUrl(url) : url;
  }
}
