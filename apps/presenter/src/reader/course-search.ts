// Full-text search over the course: the MiniSearch index `deckhand build` made, loaded once per page.
// MiniSearch itself is imported with the index, at the first search: a static import would put it in
// the live presenter's first load too (the package has side effects as far as the bundler knows).
import type MiniSearch from 'minisearch';
import { SEARCH_OPTIONS, type SearchDocument } from '@deckhand/export/reader-format';
import { readerSearchIndex } from './reader-data';

export interface SearchHit {
  deck: string;
  deckTitle: string;
  slide: number;
  title: string;
}

let index: Promise<MiniSearch<SearchDocument> | null> | null = null;

function loadIndex(): Promise<MiniSearch<SearchDocument> | null> {
  index ??= Promise.all([readerSearchIndex(), import('minisearch')]).then(([json, { default: Search }]) =>
    json ? Search.loadJSON<SearchDocument>(json, { ...SEARCH_OPTIONS, fields: [...SEARCH_OPTIONS.fields], storeFields: [...SEARCH_OPTIONS.storeFields] }) : null,
  );
  return index;
}

/** The slides that match, best first: words anywhere in titles, text, notes and recorded output. */
export async function searchCourse(query: string, limit = 30): Promise<SearchHit[]> {
  if (!query.trim()) return []; // the index loads with the first search, not with the page
  const search = await loadIndex();
  if (!search) return [];
  return search
    .search(query, { prefix: true, fuzzy: 0.15, boost: { title: 3 }, combineWith: 'AND' })
    .slice(0, limit)
    .map((result) => ({ deck: String(result.deck), deckTitle: String(result.deckTitle), slide: Number(result.slide), title: String(result.title) }));
}
