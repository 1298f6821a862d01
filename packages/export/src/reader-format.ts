// What `deckhand build` writes for the offline reader and the reader app reads: the course (deck list,
// search index) and each deck with its recordings. Pure types and constants, imported by both sides
// (packages/export writes, apps/presenter reads), so the two cannot drift apart.
//
// The data travels in classic <script> files, not fetched JSON: a page opened from file:// may load
// scripts but not fetch files. Each script adds itself to one global, READER_GLOBAL:
//   data/course.js      self.deckhandReader.course = ReaderCourse
//   data/search.js      self.deckhandReader.search = string (a serialized MiniSearch index)
//   data/deck-<id>.js   self.deckhandReader.decks["<id>"] = ReaderDeck
import type { Deck } from '@deckhand/deck';

export const READER_GLOBAL = 'deckhandReader';

export interface ReaderDeckSummary {
  id: string;
  title: string;
  slides: number;
  duration: string | null;
  /** The deck's data script, relative to the site's index.html (absent in a single file). */
  script?: string;
}

export interface ReaderCourse {
  title: string;
  decks: ReaderDeckSummary[];
  /** The search index's script, relative to index.html (absent in a single file: it is inline). */
  searchScript?: string;
  /** Build time (ISO 8601), shown to the reader. */
  built: string;
}

/** A block's recorded run, ready to replay. */
export interface RecordedRun {
  /** The asciicast file's text, v2 or v3 (the reader parses it with @deckhand/recording). */
  cast: string;
  /** What the run leaves on screen, as plain text ("show all outputs", handouts, search). */
  text: string;
  /** Who made it: `deckhand record`, a rehearsal in the presenter view, or another asciinema recorder. */
  by: 'record' | 'rehearsal' | 'asciinema';
}

export interface ReaderDeck extends Deck {
  id: string;
  /** The deck's file name, for warnings (`module.md:12`). */
  file: string;
  /** Recorded runs by block id. */
  recordings: Record<string, RecordedRun>;
}

export interface ReaderData {
  course?: ReaderCourse;
  search?: string;
  decks?: Record<string, ReaderDeck>;
}

/** One search document per slide. */
export interface SearchDocument {
  id: string;
  deck: string;
  deckTitle: string;
  slide: number;
  title: string;
  /** The slide's text, its blocks' recorded output included. */
  text: string;
  notes: string;
}

/** MiniSearch's options: the index is made with them at build time and loaded with them in the page. */
export const SEARCH_OPTIONS = {
  idField: 'id',
  fields: ['title', 'text', 'notes'],
  storeFields: ['deck', 'deckTitle', 'slide', 'title'],
} as const;
