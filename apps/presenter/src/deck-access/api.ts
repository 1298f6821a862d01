// Reads decks from the server. A 401 means this browser has no valid access for it (server-access.ts).
import type { Deck } from '@deckhand/deck';
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

export const fetchDeckList = (): Promise<DeckSummary[]> => getJson('/api/decks');
export const fetchDeck = (id: string): Promise<LoadedDeck> => getJson(`/api/decks/${encodeURIComponent(id)}`);
