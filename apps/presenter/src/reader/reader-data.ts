// The offline reader's decks: read from the scripts `deckhand build` wrote beside index.html (or inlined
// into a single file), never fetched: a page opened from file:// may load scripts but not fetch files.
import { READER_GLOBAL, type ReaderCourse, type ReaderData, type ReaderDeck } from '@deckhand/export/reader-format';
import { DeckNotFoundError, type DeckSummary, type LoadedDeck } from '../deck-access/api';

function data(): ReaderData {
  const global = globalThis as unknown as Record<string, ReaderData | undefined>;
  return (global[READER_GLOBAL] ??= {});
}

export function readerCourse(): ReaderCourse {
  const course = data().course;
  if (!course) throw new Error('This page carries no course: open the index.html that "deckhand build" wrote, with its data folder beside it.');
  return course;
}

export async function readerDeckList(): Promise<DeckSummary[]> {
  return readerCourse().decks.map(({ id, title, slides, duration }) => ({ id, title, slides, duration }));
}

/** The deck if its data script has already run (inline, or loaded by the first paint), else undefined. */
export function readerDeckAtHand(id: string): LoadedDeck | undefined {
  return data().decks?.[id];
}

export async function readerDeck(id: string): Promise<LoadedDeck> {
  const loaded = readerDeckAtHand(id);
  if (loaded) return loaded;
  const summary = readerCourse().decks.find((deck) => deck.id === id);
  if (!summary) throw new DeckNotFoundError(`This course has no deck named "${id}".`);
  if (summary.script) await loadScript(summary.script);
  const deck: ReaderDeck | undefined = data().decks?.[id];
  if (!deck) throw new Error(`The deck's data (${summary.script ?? 'inline'}) did not load: is the site's data folder complete?`);
  return deck;
}

/** The serialized search index, or null when the build made none. */
export async function readerSearchIndex(): Promise<string | null> {
  const course = readerCourse();
  if (data().search === undefined && course.searchScript) await loadScript(course.searchScript);
  return data().search ?? null;
}

const loading = new Map<string, Promise<void>>();

function loadScript(src: string): Promise<void> {
  let promise = loading.get(src);
  if (!promise) {
    promise = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = () => resolve();
      script.onerror = () => {
        loading.delete(src);
        reject(new Error(`Could not load ${src}: is the site's data folder complete?`));
      };
      document.head.append(script);
    });
    loading.set(src, promise);
  }
  return promise;
}
