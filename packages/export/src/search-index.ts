// Full-text search across the decks' slides, notes and recorded output: a MiniSearch index made at
// build time and shipped serialized, so the page only loads it (no indexing in the reader's browser).
import MiniSearch from 'minisearch';
import { SEARCH_OPTIONS, type SearchDocument } from './reader-format';

export function searchIndex(documents: SearchDocument[]): string {
  const index = new MiniSearch<SearchDocument>({ ...SEARCH_OPTIONS, fields: [...SEARCH_OPTIONS.fields], storeFields: [...SEARCH_OPTIONS.storeFields] });
  index.addAll(documents);
  return JSON.stringify(index);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** A slide's sanitized HTML as words: tags and inline SVG (typeset math) dropped, entities decoded. */
export function slideText(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? numericEntity(name) ?? whole)
    .replace(/\s+/g, ' ')
    .trim();
}

function numericEntity(name: string): string | null {
  const match = /^#(x[0-9a-f]+|\d+)$/i.exec(name);
  if (!match) return null;
  const code = (match[1] as string).startsWith('x') || (match[1] as string).startsWith('X') ? parseInt((match[1] as string).slice(1), 16) : Number(match[1]);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}
