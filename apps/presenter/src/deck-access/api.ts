// Reads decks from the server (or, in the offline reader, from the data its build wrote). A 401 means
// this browser has no valid access for the server (server-access.ts).
import type { Deck } from '@deckhand/deck';
import type { RecordedRun } from '@deckhand/export/reader-format';
import { READER } from '../reader/reader-mode';
import { readerDeck, readerDeckList } from '../reader/reader-data';
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

export const fetchDeckList = (): Promise<DeckSummary[]> => (READER ? readerDeckList() : getJson('/api/decks'));
export const fetchDeck = (id: string): Promise<LoadedDeck> => (READER ? readerDeck(id) : getJson(`/api/decks/${encodeURIComponent(id)}`));

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
