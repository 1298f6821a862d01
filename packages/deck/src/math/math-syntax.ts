// Marp Core's math syntax as marked extensions: `$…$` inline and `$$…$$` display math, with Marp's
// rules for what is not math, so prices and shell prompts stay text: an opening `$` is followed by no
// space, a closing `$` has no space before it and no digit after it (`$5 and $10` is text), `\$` is a
// dollar, and code spans and code blocks are never read. Display math starts with `$$` at the start
// of a line (interrupting a paragraph) and ends on the first line ending in `$$`.
import type { TokenizerAndRendererExtension, Tokens } from 'marked';

export interface MathToken {
  type: 'math';
  raw: string;
  tex: string;
  display: boolean;
  /** False for display math whose closing `$$` never comes: it runs to the end of the deck, as in Marp. */
  closed: boolean;
}

const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t';
const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

function text(raw: string): Tokens.Text {
  return { type: 'text', raw, text: raw, escaped: false };
}

/** The index of the `$` closing an inline formula opened at 0, or -1 (an escaped `\$` never closes). */
function closingDollar(src: string): number {
  let match = 1;
  while ((match = src.indexOf('$', match)) !== -1) {
    let backslashes = 0;
    while (src[match - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return match;
    match++;
  }
  return -1;
}

export function mathExtensions(render: (token: MathToken) => string): TokenizerAndRendererExtension[] {
  const inline: TokenizerAndRendererExtension = {
    name: 'math',
    level: 'inline',
    start: (src) => {
      const index = src.indexOf('$');
      return index < 0 ? undefined : index;
    },
    tokenizer(src) {
      if (src[0] !== '$') return undefined;
      // Whatever is not math is consumed exactly as Marp Core consumes it, as text.
      if (isBlank(src[1])) return text('$');
      const end = closingDollar(src);
      if (end === -1) return text('$');
      if (end === 1) return text('$$');
      if (isBlank(src[end - 1]) || isDigit(src[end + 1])) return text('$');
      const token: MathToken = { type: 'math', raw: src.slice(0, end + 1), tex: src.slice(1, end), display: false, closed: true };
      return token;
    },
    renderer: (token) => render(token as unknown as MathToken),
  };

  const block: TokenizerAndRendererExtension = {
    name: 'math',
    level: 'block',
    // Where `$$` interrupts a paragraph; only up to the paragraph's end (a blank line) is searched,
    // since marked asks at every paragraph and a search to the end of the deck would be quadratic.
    start: (src) => {
      const blank = src.indexOf('\n\n');
      const paragraph = blank === -1 ? src : src.slice(0, blank);
      if (!paragraph.includes('$$')) return undefined;
      const match = /(?:^|\n) {0,3}\$\$/.exec(paragraph);
      return match ? match.index + (match[0].startsWith('\n') ? 1 : 0) : undefined;
    },
    tokenizer(src) {
      const opening = /^( {0,3})\$\$([^\n]*)(?:\n|$)/.exec(src);
      if (!opening) return undefined;
      const indent = opening[1]?.length ?? 0;
      let first = opening[2] ?? '';
      let closed = first.trim().endsWith('$$');
      if (closed) first = first.trim().slice(0, -2);
      let consumed = opening[0].length;
      const body: string[] = [];
      let last = '';
      while (!closed && consumed < src.length) {
        const newline = src.indexOf('\n', consumed);
        const lineEnd = newline === -1 ? src.length : newline;
        const line = src.slice(consumed, lineEnd);
        consumed = newline === -1 ? src.length : newline + 1;
        if (line.trim().endsWith('$$')) {
          closed = true;
          const content = line.replace(/^[ \t]*/, '');
          last = content.slice(0, content.lastIndexOf('$$'));
        } else {
          body.push(line.replace(new RegExp(`^ {0,${indent}}`), ''));
        }
      }
      const tex = (first.trim() ? `${first}\n` : '') + body.map((line) => `${line}\n`).join('') + (last.trim() ? last : '');
      const token: MathToken = { type: 'math', raw: src.slice(0, consumed), tex, display: true, closed };
      return token;
    },
    renderer: (token) => render(token as unknown as MathToken),
  };
  return [block, inline];
}
