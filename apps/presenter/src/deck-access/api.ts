// Reads decks from the server (or, in the offline reader, from the data its build wrote). A 401 means
// this browser has no valid access for the server (server-access.ts).
import type { Deck } from '@deckhand/deck';
import type { RecordedRun } from '@deckhand/export/reader-format';
import { readerDeck, readerDeckAtHand, readerDeckList } from '../reader/reader-data';
import { AccessNeededError, serverFetch } from './server-access';

export interface DeckSummary {
  id: string;
  title: string;
  slides: number;
  duration: string | null;
}

export interface LoadedDeck extends Deck {
  id: string;
  /** The deck's file name, for warnings (`module.md:12`). */
  file: string;
  /** Recorded runs by block id: only in the offline reader (deckhand build). */
  recordings?: Record<string, RecordedRun>;
}

export class DeckNotFoundError extends Error {
  override name = 'DeckNotFoundError';
}

async function getJson<T>(url: string): Promise<T> {
  const response = await serverFetch(url);
  if (response.status === 401) throw new AccessNeededError('This server needs its access link.');
  if (response.status === 404) throw new DeckNotFoundError(((await response.json()) as { message: string }).message);
  if (!response.ok) throw new Error(`The server answered ${response.status} for ${url}.`);
  return (await response.json()) as T;
}

export const fetchDeckList = (): Promise<DeckSummary[]> => (__DECKHAND_READER__ ? readerDeckList() : getJson('/api/decks'));

/** A deck asked for before the app was ready (boot.ts), waiting to be taken once: its answer, and the
 *  deck itself once it has arrived, so the app's first render can show it without a round of waiting. */
const prefetched = new Map<string, { answer: Promise<LoadedDeck>; deck?: LoadedDeck }>();

export function prefetchDeck(id: string): void {
  if (__DECKHAND_READER__ || prefetched.has(id)) return;
  const entry: { answer: Promise<LoadedDeck>; deck?: LoadedDeck } = { answer: getJson<LoadedDeck>(`/api/decks/${encodeURIComponent(id)}`) };
  // Taken (and a failure shown) by fetchDeck, or dropped unseen.
  entry.answer.then((deck) => (entry.deck = deck), () => undefined);
  prefetched.set(id, entry);
}

/** The prefetched deck if it has already arrived, taken once; else undefined (then fetchDeck). In the
 *  offline reader, the deck's data if its script has already run. */
export function arrivedDeck(id: string): LoadedDeck | undefined {
  if (__DECKHAND_READER__) return readerDeckAtHand(id);
  const deck = prefetched.get(id)?.deck;
  if (deck) prefetched.delete(id);
  return deck;
}

export function fetchDeck(id: string): Promise<LoadedDeck> {
  if (__DECKHAND_READER__) return readerDeck(id);
  const early = prefetched.get(id);
  prefetched.delete(id);
  return early?.answer ?? getJson(`/api/decks/${encodeURIComponent(id)}`);
}

/** Sends a block's run recorded during a rehearsal; the server writes it for the offline reader. */
export async function saveRehearsal(deck: string, block: string, cast: string): Promise<void> {
  const response = await serverFetch(`/api/recordings/${encodeURIComponent(deck)}/${encodeURIComponent(block)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: cast,
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `the server answered ${response.status}`);
  }
}
