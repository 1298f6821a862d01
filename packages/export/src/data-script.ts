// How data reaches the reader page: as scripts, inline or beside index.html (see reader-format.ts),
// and text placed in HTML.
import { READER_GLOBAL } from './reader-format';

/**
 * A data script that adds `value` to the reader's global (reader-format.ts). JSON is a JavaScript
 * expression; `<` is escaped so no `</script>` in a deck can end an inline script early.
 */
export function dataScript(key: 'course' | 'search' | { deck: string }, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const reader = `self.${READER_GLOBAL} = self.${READER_GLOBAL} || {}`;
  if (typeof key === 'string') return `(${reader}).${key} = ${json};\n`;
  return `(function (r) { (r.decks = r.decks || {})[${JSON.stringify(key.deck)}] = ${json}; })(${reader});\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A script's text made safe to place inside <script>…</script>: in JavaScript `<\/` means `</`. */
export function inlineScript(text: string): string {
  return text.replace(/<\/script/gi, '<\\/script');
}
