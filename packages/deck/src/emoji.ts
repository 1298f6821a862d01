// Emoji shortcodes (`:whale:` → 🐳) as Marp Core reads them, from the same table (markdown-it-emoji's
// full set, GitHub's names). Deckhand keeps the Unicode character, where Marp swaps in Twemoji images
// from a CDN: decks work offline. Code spans and code blocks are never read.
// The table's types, for every project that compiles this file (an ambient module needs a reference).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./markdown-it-emoji.d.ts" />
import type { TokenizerAndRendererExtension, Tokens } from 'marked';
import emojiTable from 'markdown-it-emoji/lib/data/full.mjs';

const table: Record<string, string> = emojiTable;
const SHORTCODE = /:([\w+-]+):/g;

/** The character of a shortcode name (`whale`), or undefined. */
export function emojiFor(name: string): string | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

export const emojiExtension: TokenizerAndRendererExtension = {
  name: 'emoji',
  level: 'inline',
  // Only where a known shortcode starts, so text such as `https://` or `10:30:00` is not cut up.
  start(src) {
    for (const match of src.matchAll(SHORTCODE)) {
      if (emojiFor(match[1] ?? '') !== undefined) return match.index;
    }
    return undefined;
  },
  tokenizer(src) {
    const match = /^:([\w+-]+):/.exec(src);
    const emoji = match ? emojiFor(match[1] ?? '') : undefined;
    if (!match || emoji === undefined) return undefined;
    const token: Tokens.Text = { type: 'text', raw: match[0], text: emoji, escaped: false };
    return token;
  },
};
