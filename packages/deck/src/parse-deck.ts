// Composes the deck language: front matter, slide splitting on horizontal rules and headingDivider
// (Marpit semantics: a rule inside fenced code, indented code or an HTML comment never splits), comments
// as directives or notes, <style> into the deck's scoped CSS, runnable blocks, exercises, and each
// slide rendered into sanitized HTML and a ready <section> (see the contract in model.ts).
import type { Token, Tokens } from 'marked';
import { extractComments, isKnownDirective, LOCAL_DIRECTIVES, readComment } from './comments';
import { extractStyles, scopeDeckCss } from './deck-css';
import { readExercise } from './exercise';
import { readFrontMatter } from './front-matter';
import { resolveCssUrls, type UrlResolver } from './html-policy';
import { buildCodeBlock } from './runnable-block';
import { describeSection, renderSection } from './section';
import { isAllowedBackgroundUrl, MAX_INLINE_CHARS, SlideRenderer, TOO_LONG } from './slide-renderer';
import { readImageKeywords } from './image-keywords';
import { FITTING_HEADING, isFittingHeading } from './fitting-heading';
import { loadMathEngine, type MathEngineName } from './math/math-engine';
import type { MathToken } from './math/math-syntax';
import { MAX_MATH_CHARS_PER_DECK, readMathDirective, typesetMath, type PlacedMath } from './math/typeset-math';
import type { CodeBlock, Deck, DeckWarning, Directives, Exercise, Slide } from './model';

export interface ParseOptions {
  /** Allow any HTML in the deck (still sanitized); a deck can also opt in with `html: true`. */
  html?: boolean;
  /** Maps relative image URLs to ones the page can load (the server's /files/, an export's data URLs). */
  resolveUrl?: UrlResolver;
}

interface SlideSource {
  /** 1-based line where the slide starts. */
  line: number;
  tokens: Token[];
  /** The line each token starts on (a token's raw text may begin with the previous line's newline). */
  tokenLines: number[];
}

const SIZES: Record<string, { width: number; height: number }> = {
  '16:9': { width: 1280, height: 720 },
  '4:3': { width: 960, height: 720 },
};

export function parseDeck(source: string, options: ParseOptions = {}): Deck {
  // NUL is not text (CommonMark turns it into U+FFFD); U+E000 and U+E001 are the renderer's marks.
  const text = source.replace(/\r\n?/g, '\n').replace(/[\uE000\uE001]/g, '\uFFFD').split(String.fromCharCode(0)).join('\uFFFD');
  const front = readFrontMatter(text);
  const warnings: DeckWarning[] = [...front.warnings];
  const warn = (warning: DeckWarning): void => {
    warnings.push(warning);
  };
  const globals: Directives = { ...front.directives };
  for (const key of Object.keys(front.directives)) {
    if (!isKnownDirective(key)) {
      warn({ line: front.keyLines[key] ?? 1, message: `Unknown directive "${key}": kept, but neither Deckhand nor Marp uses it.` });
    }
  }
  const renderer = new SlideRenderer({
    allowAllHtml: options.html === true || globals.html === true,
    breaks: globals.breaks !== false,
    resolveUrl: options.resolveUrl,
    math: front.directives.math !== false,
  });
  const styles: string[] = [];
  const addCss = (css: string, line: number, slideIndex: number | null): void => {
    const scoped = scopeDeckCss(resolveCssUrls(css, options.resolveUrl), slideIndex);
    if (scoped.css.trim()) styles.push(scoped.css);
    for (const message of scoped.problems) warn({ line, message });
  };
  if (typeof globals.style === 'string') addCss(globals.style, front.keyLines.style ?? 1, null);

  const tokens = lexSafely(renderer, front.body, front.bodyLineOffset + 1, warn);
  const divider = headingDividerOf(tokens, front.bodyLineOffset + 1)
    ?? { value: globals.headingDivider, line: front.keyLines.headingDivider ?? 1 };
  const levels = headingLevels(divider.value, divider.line, warn);
  const sources = splitSlides(tokens, front.bodyLineOffset + 1, levels);
  if (sources.length >= MAX_SLIDES) {
    const last = sources[sources.length - 1] as SlideSource;
    warn({ line: last.line, message: `A deck has at most ${MAX_SLIDES} slides: everything from here is on the last one.` });
  }
  const context: SlideContext = {
    carried: pickDirectives(front.directives, (key) => LOCAL_DIRECTIVES.has(key)),
    globals,
    renderer,
    warn,
    addCss,
    exerciseIds: new Set(),
  };
  const firstSlideOnly = pickDirectives(front.directives, (key) => key.startsWith('_') && LOCAL_DIRECTIVES.has(key.slice(1)));
  const drafts = sources.map((slideSource, i) => {
    try {
      return readSlide(slideSource, i + 1, context, i === 0 ? firstSlideOnly : {});
    } catch (error) {
      // Last line of defence: a slide nothing above foresaw still costs only that slide.
      const reason = error instanceof Error ? error.message : String(error);
      warn({ line: slideSource.line, message: `This slide could not be read and is shown empty: ${reason}` });
      return emptySlide(slideSource, i + 1, context);
    }
  });

  const size = deckSize(globals.size, front.keyLines.size ?? 1, warn);
  const lang = typeof globals.lang === 'string' ? globals.lang : null;
  // Read after every slide: a `math` directive in a comment is global, wherever it is written.
  const mathEngine = readMathDirective(globals.math, front.keyLines.math ?? 1, warn);
  let mathPending: MathEngineName | undefined;
  let mathCss: string | null = null;
  const mathSetting = {
    engine: mathEngine, warn,
    pending: (engine: MathEngineName) => (mathPending = engine),
    typeset: (css: string) => (mathCss = css),
    budget: { left: MAX_MATH_CHARS_PER_DECK, warned: false },
  };
  // A header or footer, rendered and typeset once per text: most decks repeat one on every slide.
  const chromeHtml = new Map<string, string>();
  const chrome = (key: 'header' | 'footer', value: unknown, slideLine: number): string | null => {
    if (typeof value !== 'string' || !value) return null;
    let html = chromeHtml.get(value);
    if (html === undefined) {
      const { html: marked, math } = renderer.inline(value);
      const line = front.keyLines[key] ?? slideLine;
      html = typesetMath(marked, math.map((token) => ({ ...token, line })), mathSetting);
      chromeHtml.set(value, html);
    }
    return html;
  };
  // Global directives Marpit also writes on every section (`data-theme`, `data-size`…).
  const sectionGlobals = pickDirectives(globals, (key) => ['theme', 'size', 'lang', 'headingDivider'].includes(key));
  const pages = pageNumbers(drafts.map((draft) => draft.directives.paginate));
  const total = pages[pages.length - 1] ?? 0; // never decreases, so the last is the highest
  const slides: Slide[] = drafts.map((draft, i) => {
    const { rendered: typeset, math, ...rest } = draft;
    const rendered = { ...typeset, html: typesetMath(typeset.html, math, mathSetting) };
    const pageNumber = pages[i] ?? draft.index;
    const header = chrome('header', draft.directives.header, draft.line);
    const footer = chrome('footer', draft.directives.footer, draft.line);
    const section = describeSection({
      index: draft.index, directives: { ...sectionGlobals, ...draft.directives }, pageNumber, header, footer,
      backgrounds: rendered.backgrounds, vertical: rendered.vertical, split: rendered.split,
      resolveUrl: options.resolveUrl,
    });
    const sectionHtml = renderSection(section, draft.index, total, rendered.html, lang);
    return { ...rest, html: rendered.html, section, sectionHtml };
  });
  if (mathCss) styles.unshift(scopeDeckCss(mathCss, null).css);
  warnings.sort((a, b) => a.line - b.line);
  const theme = typeof globals.theme === 'string' && globals.theme.trim() ? globals.theme.trim() : 'default';
  const deck: Deck = { directives: globals, slides, warnings, css: styles.join('\n'), size, theme };
  return mathPending ? { ...deck, mathPending } : deck;
}

/** How deep quotes and indentation may go. Markdown parsers recurse per level and copy the text at
 *  each one, so thousands of levels exhaust the stack or the memory; no deck needs more than this. */
const MAX_QUOTE_DEPTH = 50;
const MAX_INDENT = 120;

function lexSafely(renderer: SlideRenderer, body: string, firstLine: number, warn: (warning: DeckWarning) => void): Token[] {
  const limited = limitNesting(body);
  if (limited.firstChanged !== null) {
    warn({
      line: firstLine + limited.firstChanged,
      message: `Quotes or indentation nest too deep: shown at most ${MAX_QUOTE_DEPTH} quotes and ${MAX_INDENT} columns deep.`,
    });
  }
  try {
    return renderer.lex(limited.text);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    warn({ line: firstLine, message: 'The deck nests too deep to read as Markdown: it is shown as plain text.' });
    const code: Tokens.Code = { type: 'code', raw: limited.text, text: limited.text, lang: 'text', codeBlockStyle: 'indented' };
    return [code];
  }
}

/** Lines quoted or indented deeper than the limits, cut back to them (index of the first one, or null). */
function limitNesting(body: string): { text: string; firstChanged: number | null } {
  // Fast path: the usual deck has no line anywhere near the limits.
  if (!new RegExp(`^[ \\t]{${MAX_INDENT + 1}}|^(?:[ \\t]*>){${MAX_QUOTE_DEPTH + 1}}`, 'm').test(body)) {
    return { text: body, firstChanged: null };
  }
  let firstChanged: number | null = null;
  const lines = body.split('\n').map((line, i) => {
    const quotes = /^(?:[ \t]*>)*/.exec(line)?.[0] ?? '';
    const depth = quotes.split('>').length - 1;
    const rest = line.slice(quotes.length);
    const indent = /^[ \t]*/.exec(rest)?.[0].length ?? 0;
    if (depth <= MAX_QUOTE_DEPTH && indent <= MAX_INDENT) return line;
    firstChanged ??= i;
    const kept = depth > MAX_QUOTE_DEPTH ? `${'> '.repeat(MAX_QUOTE_DEPTH)}` : quotes;
    return kept + rest.slice(Math.max(0, indent - MAX_INDENT));
  });
  return { text: lines.join('\n'), firstChanged };
}

/** The last `headingDivider` set in a directive comment, anywhere in the deck: Marp applies it (over
 *  the front matter's) to the whole deck before splitting it into slides. */
function headingDividerOf(tokens: Token[], firstLine: number): { value: unknown; line: number } | null {
  let found: { value: unknown; line: number } | null = null;
  let line = firstLine;
  for (const token of tokens) {
    if (token.raw.includes('headingDivider')) {
      walk(token, (node) => {
        if (node.type !== 'html') return;
        for (const comment of extractComments((node as Tokens.HTML).text).comments) {
          const meaning = readComment(comment);
          if (meaning?.kind === 'directives' && 'headingDivider' in meaning.values) {
            found = { value: meaning.values.headingDivider, line: line + lineCount(/^\n*/.exec(token.raw)?.[0] ?? '') };
          }
        }
      });
    }
    line += lineCount(token.raw);
  }
  return found;
}

/** Marp's headingDivider: a level 1–6 (split before headings of that level or above) or a list of levels. */
function headingLevels(value: unknown, line: number, warn: (warning: DeckWarning) => void): Set<number> {
  if (value === undefined || value === false) return new Set();
  const isLevel = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 6;
  if (isLevel(value)) return new Set(Array.from({ length: value }, (_, i) => i + 1));
  if (Array.isArray(value) && value.every(isLevel)) return new Set(value);
  warn({ line, message: 'headingDivider must be a heading level 1–6 or a list of levels, e.g. headingDivider: 2.' });
  return new Set();
}

function deckSize(value: unknown, line: number, warn: (warning: DeckWarning) => void): Deck['size'] {
  if (value === undefined) return SIZES['16:9'] as Deck['size'];
  const size = SIZES[String(value).trim()];
  if (size) return size;
  warn({ line, message: `Unknown size "${String(value)}": use 16:9 (1280×720) or 4:3 (960×720); showing 16:9.` });
  return SIZES['16:9'] as Deck['size'];
}

/** Page numbers as Marpit counts them: `paginate: hold` and `skip` do not move the counter. */
function pageNumbers(paginate: unknown[]): number[] {
  let page = 0;
  return paginate.map((value) => {
    if (value !== 'hold' && value !== 'skip') page++;
    return Math.max(page, 1);
  });
}

/** More slides than any deck has; past it, the rest of the file stays on the last slide (memory stays
 *  bounded whatever the input: a file of nothing but rules would otherwise make millions of slides). */
export const MAX_SLIDES = 20_000;

function splitSlides(tokens: Token[], firstLine: number, headingLevels: Set<number>): SlideSource[] {
  const slides: SlideSource[] = [{ line: firstLine, tokens: [], tokenLines: [] }];
  let line = firstLine;
  // As in Marpit, a heading divides when anything but comments came before it in the deck, a rule
  // included: `---` then `## Heading` makes an empty slide in Marp too.
  let seenContent = false;
  for (const token of tokens) {
    const current = slides[slides.length - 1] as SlideSource;
    const room = slides.length < MAX_SLIDES;
    const divides = room && token.type === 'heading' && headingLevels.has((token as Tokens.Heading).depth) && seenContent;
    if (token.type !== 'space' && !isCommentOnly(token)) seenContent = true;
    if (token.type === 'hr' && room) {
      // The slide starts on the line after the rule.
      slides.push({ line: line + lineCount(token.raw.replace(/\n+$/, '')) + 1, tokens: [], tokenLines: [] });
    } else if (divides) {
      slides.push({ line, tokens: [token], tokenLines: [line] });
    } else {
      current.tokens.push(token);
      current.tokenLines.push(line);
    }
    line += lineCount(token.raw);
  }
  return slides;
}

function isCommentOnly(token: Token): boolean {
  return token.type === 'html' && extractComments((token as Tokens.HTML).text).rest.trim() === '';
}

function lineCount(raw: string): number {
  let count = 0;
  for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) count++;
  return count;
}

interface SlideContext {
  /** Local directives carried over from earlier slides; updated as slides set them. */
  carried: Directives;
  globals: Directives;
  renderer: SlideRenderer;
  warn: (warning: DeckWarning) => void;
  addCss: (css: string, line: number, slideIndex: number | null) => void;
  exerciseIds: Set<string>;
}

type SlideDraft = Omit<Slide, 'html' | 'section' | 'sectionHtml'> & { rendered: ReturnType<SlideRenderer['render']>; math: PlacedMath[] };

function readSlide(source: SlideSource, index: number, context: SlideContext, firstSlideOnly: Directives): SlideDraft {
  const notes: string[] = [];
  const spot: Directives = { ...firstSlideOnly };
  const blocks: CodeBlock[] = [];
  const blockOf = new WeakMap<Token, CodeBlock>();
  const rawHtml: string[] = [];
  let title: string | null = null;

  const readHtml = (html: string, at: number): string => {
    const { comments, rest } = extractComments(html);
    for (const comment of comments) {
      const meaning = readComment(comment);
      if (!meaning) continue;
      if (meaning.kind === 'note') {
        if (meaning.text) notes.push(meaning.text);
        continue;
      }
      for (const key of meaning.ignored) {
        context.warn({ line: at, message: `Unknown directive "${key}" in a directive comment: ignored.` });
      }
      for (const [key, value] of Object.entries(meaning.values)) {
        if (key.startsWith('_')) spot[key.slice(1)] = value;
        else if (LOCAL_DIRECTIVES.has(key)) context.carried[key] = value;
        else context.globals[key] = value;
      }
    }
    if (/<!--/.test(rest)) context.warn({ line: at, message: 'HTML comment is never closed: add -->.' });
    const { styles, rest: withoutStyles } = extractStyles(rest);
    for (const style of styles) context.addCss(style.css, at, style.scoped ? index : null);
    rawHtml.push(withoutStyles);
    return withoutStyles;
  };

  const lineOf = new WeakMap<Token, number>();
  source.tokens.forEach((token, i) => {
    const raw = token.raw;
    // Blank lines at the start of a token's raw text belong to the line before it.
    const leading = /^\n*/.exec(raw)?.[0] ?? '';
    const at = (source.tokenLines[i] ?? source.line) + lineCount(leading);
    let cursor = leading.length;
    walk(token, (node) => {
      if (node.type === 'math') {
        // The line a formula starts on: where its text comes next in the token's own text.
        const found = raw.indexOf(node.raw, cursor);
        if (found >= 0) cursor = found + node.raw.length;
        lineOf.set(node, at + (found >= 0 ? lineCount(raw.slice(leading.length, found)) : 0));
        if ((node as unknown as MathToken).display && !(node as unknown as MathToken).closed) {
          context.warn({ line: lineOf.get(node) ?? at, message: 'Display math $$ is never closed: the rest of the deck is shown as math.' });
        }
      }
      if ((node as Record<string, unknown>)[TOO_LONG]) {
        const what = node.type === 'heading' ? 'Heading' : 'Paragraph';
        context.warn({ line: at, message: `${what} is longer than ${MAX_INLINE_CHARS} characters: shown as plain text, without Markdown.` });
      }
      if (node.type === 'html') {
        const html = node as Tokens.HTML;
        html.text = readHtml(html.text, at);
        html.raw = html.text;
      } else if (node.type === 'code') {
        const code = node as Tokens.Code;
        if (!/\n\s*(```|~~~)\s*$/.test(code.raw) && /^\s*(```|~~~)/.test(code.raw)) {
          context.warn({ line: at, message: 'Code fence is never closed: the rest of the deck is shown as code.' });
        }
        const block = buildCodeBlock(`s${index}-b${blocks.length + 1}`, code.lang ?? '', code.text, at, context.warn);
        blocks.push(block);
        blockOf.set(node, block);
      } else if (node.type === 'image') {
        warnAboutImage(node as Tokens.Image, at, context.warn);
      } else if (node.type === 'heading') {
        if (isFittingHeading(node as Tokens.Heading)) (node as unknown as Record<string, unknown>)[FITTING_HEADING] = true;
        title ??= extractComments((node as Tokens.Heading).text).rest.trim() || null;
      }
    });
  });

  const directives: Directives = { ...context.carried, ...spot };
  const rendered = context.renderer.render(source.tokens, blockOf);
  const math = rendered.math.map((token) => ({ ...token, line: lineOf.get(token as unknown as Token) ?? source.line }));
  const exercise = uniqueExercise(readExercise(title, rawHtml), source.line, context);
  return { index, line: source.line, title, notes, directives, blocks, exercise, rendered, math };
}

function emptySlide(source: SlideSource, index: number, context: SlideContext): SlideDraft {
  return {
    index, line: source.line, title: null, notes: [], directives: { ...context.carried }, blocks: [], exercise: null,
    rendered: { html: '', backgrounds: [], vertical: false, split: null, math: [] }, math: [],
  };
}

function warnAboutImage(image: Tokens.Image, line: number, warn: (warning: DeckWarning) => void): void {
  if (readImageKeywords(image.text).background && !isAllowedBackgroundUrl(image.href)) {
    warn({ line, message: `Background image "${image.href}" was dropped: use a file beside the deck, http(s) or data:image.` });
  } else if (/^(?:https?:)?\/\//i.test(image.href)) {
    warn({ line, message: `Image "${image.href}" comes from the network and will not show offline: put the file beside the deck.` });
  }
}

function uniqueExercise(exercise: Exercise | null, line: number, context: SlideContext): Exercise | null {
  if (!exercise) return null;
  let id = exercise.id;
  for (let n = 2; context.exerciseIds.has(id); n++) id = `${exercise.id}-${n}`;
  if (id !== exercise.id) context.warn({ line, message: `Exercise id "${exercise.id}" is used twice; this one is "${id}".` });
  context.exerciseIds.add(id);
  return { ...exercise, id };
}

function walk(token: Token, visit: (token: Token) => void): void {
  visit(token);
  const children = (token as { tokens?: Token[] }).tokens;
  if (children) for (const child of children) walk(child, visit);
  const items = (token as { items?: Token[] }).items;
  if (items) for (const item of items) walk(item, visit);
  const rows = (token as { rows?: Array<Array<{ tokens: Token[] }>> }).rows;
  const header = (token as { header?: Array<{ tokens: Token[] }> }).header;
  if (token.type === 'table') {
    for (const cell of [...(header ?? []), ...(rows ?? []).flat()]) for (const child of cell.tokens) walk(child, visit);
  }
}

function pickDirectives(directives: Directives, keep: (key: string) => boolean): Directives {
  return Object.fromEntries(
    Object.entries(directives).filter(([key]) => keep(key)).map(([key, value]) => [key.replace(/^_/, ''), value]),
  );
}

/** parseDeck with the deck's math typeset: when the deck has math whose engine is not loaded yet, loads
 *  it (once per process) and parses again. Decks without math cost what parseDeck costs. */
export async function parseDeckWithMath(source: string, options: ParseOptions = {}): Promise<Deck> {
  const deck = parseDeck(source, options);
  if (!deck.mathPending) return deck;
  await loadMathEngine(deck.mathPending);
  return parseDeck(source, options);
}
