// Composes the deck language: front matter, slide splitting on horizontal rules (Marpit semantics:
// a rule inside fenced code, indented code or an HTML comment never splits), comments as directives or
// notes, runnable blocks, and sanitized HTML per slide.
import { Marked, type Token, type Tokens } from 'marked';
import { readFrontMatter } from './front-matter';
import { extractComments, LOCAL_DIRECTIVES, readComment } from './comments';
import { escapeHtml, RAW_HTML_ALLOWLIST, sanitize, tagNames, type UrlResolver } from './html-policy';
import { buildCodeBlock } from './runnable-block';
import type { CodeBlock, Deck, DeckWarning, Directives, Slide } from './model';

export interface ParseOptions {
  /** Allow any HTML in the deck (still sanitized); a deck can also opt in with `html: true`. */
  html?: boolean;
  /** Maps relative image URLs to ones the page can load (the server's /files/, an export's data URLs). */
  resolveUrl?: UrlResolver;
}

interface SlideSource {
  line: number;
  tokens: Token[];
}

export function parseDeck(source: string, options: ParseOptions = {}): Deck {
  const text = source.replace(/\r\n?/g, '\n');
  const front = readFrontMatter(text);
  const warnings: DeckWarning[] = [...front.warnings];
  const warn = (warning: DeckWarning): void => {
    warnings.push(warning);
  };
  const globals: Directives = { ...front.directives };
  const allowAllHtml = options.html === true || globals.html === true;

  const tokens = new Marked({ gfm: true }).lexer(front.body);
  const sources = splitSlides(tokens, front.bodyLineOffset + 1);
  const carried: Directives = pickLocal(front.directives);
  const slides: Slide[] = sources.map((slideSource, i) =>
    buildSlide(slideSource, i + 1, { carried, globals, allowAllHtml, warn, resolveUrl: options.resolveUrl }),
  );
  warnings.sort((a, b) => a.line - b.line);
  return { directives: globals, slides, warnings };
}

function splitSlides(tokens: Token[], firstLine: number): SlideSource[] {
  const slides: SlideSource[] = [{ line: firstLine, tokens: [] }];
  let line = firstLine;
  for (const token of tokens) {
    const current = slides[slides.length - 1] as SlideSource;
    if (token.type === 'hr') {
      // The slide starts on the line after the rule.
      slides.push({ line: line + lineCount(token.raw.replace(/\n+$/, '')) + 1, tokens: [] });
    } else {
      current.tokens.push(token);
    }
    line += lineCount(token.raw);
  }
  return slides;
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
  allowAllHtml: boolean;
  resolveUrl: UrlResolver | undefined;
  warn: (warning: DeckWarning) => void;
}

function buildSlide(source: SlideSource, index: number, context: SlideContext): Slide {
  const notes: string[] = [];
  const spot: Directives = {};
  const blocks: CodeBlock[] = [];
  const blockIds = new WeakMap<Token, string>();
  let title: string | null = null;
  let line = source.line;

  const readComments = (html: string, at: number): string => {
    const { comments, rest } = extractComments(html);
    for (const comment of comments) {
      const meaning = readComment(comment);
      if (!meaning) continue;
      if (meaning.kind === 'note') {
        if (meaning.text) notes.push(meaning.text);
        continue;
      }
      for (const [key, value] of Object.entries(meaning.values)) {
        if (key.startsWith('_')) spot[key.slice(1)] = value;
        else if (LOCAL_DIRECTIVES.has(key)) context.carried[key] = value;
        else context.globals[key] = value;
      }
    }
    if (/<!--/.test(rest)) context.warn({ line: at, message: 'HTML comment is never closed: add -->.' });
    return rest;
  };

  for (const token of source.tokens) {
    const at = line;
    line += lineCount(token.raw);
    walk(token, (node) => {
      if (node.type === 'html') {
        const html = node as Tokens.HTML;
        html.text = readComments(html.text, at);
        html.raw = html.text;
      } else if (node.type === 'code') {
        const code = node as Tokens.Code;
        if (!/\n\s*(```|~~~)\s*$/.test(code.raw) && /^\s*(```|~~~)/.test(code.raw)) {
          context.warn({ line: at, message: 'Code fence is never closed: the rest of the deck is shown as code.' });
        }
        const block = buildCodeBlock(`s${index}-b${blocks.length + 1}`, code.lang ?? '', code.text, at, context.warn);
        blocks.push(block);
        blockIds.set(node, block.id);
      } else if (node.type === 'heading' && title === null) {
        title = (node as Tokens.Heading).text.replace(/<!--[\s\S]*?-->/g, '').trim() || null;
      }
    });
  }

  const directives: Directives = { ...context.carried, ...spot };
  const html = renderSlide(source.tokens, blockIds, blocks, context);
  return { index, line: source.line, title, html, notes, directives, blocks };
}

function walk(token: Token, visit: (token: Token) => void): void {
  visit(token);
  const children = (token as { tokens?: Token[] }).tokens;
  if (children) for (const child of children) walk(child, visit);
  const items = (token as { items?: Token[] }).items;
  if (items) for (const item of items) walk(item, visit);
}

function renderSlide(
  tokens: Token[],
  blockIds: WeakMap<Token, string>,
  blocks: CodeBlock[],
  context: SlideContext,
): string {
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      code(token) {
        const id = blockIds.get(token);
        const block = blocks.find((candidate) => candidate.id === id);
        const lang = escapeHtml(block?.lang ?? '');
        const code = escapeHtml(token.text);
        const runnable = block?.runnable ? ' data-runnable="true"' : '';
        return `<figure class="dh-code" data-block="${escapeHtml(id ?? '')}"${runnable}><pre><code class="language-${lang}">${code}</code></pre></figure>\n`;
      },
      html(token) {
        if (context.allowAllHtml) return token.text;
        const disallowed = tagNames(token.text).some((name) => !RAW_HTML_ALLOWLIST.has(name));
        return disallowed ? escapeHtml(token.text) : token.text;
      },
    },
  });
  return sanitize(marked.parser(tokens), context.resolveUrl);
}

function pickLocal(directives: Directives): Directives {
  return Object.fromEntries(Object.entries(directives).filter(([key]) => LOCAL_DIRECTIVES.has(key)));
}
