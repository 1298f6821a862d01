// Loads a deck and keeps it current: when the server says the deck's file changed, the deck is fetched
// again and replaces the old one in place (the route, and so the slide, and the terminal stay); so it is
// after the sync connection comes back, in case the file changed meanwhile.
import { useEffect, useState } from 'react';
import type { SyncChannel } from '../sync/sync-channel';
import { DeckNotFoundError, fetchDeck, type LoadedDeck } from './api';
import { AccessNeededError } from './server-access';

export type DeckState =
  | { kind: 'loading' }
  | { kind: 'access-needed' }
  | { kind: 'not-found'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; deck: LoadedDeck; version: number };

export function useDeck(id: string, sync: SyncChannel): DeckState {
  const [loaded, setLoaded] = useState<{ id: string; state: DeckState }>({ id, state: { kind: 'loading' } });

  useEffect(() => {
    let cancelled = false;
    let version = 0;
    const load = (): void => {
      const requested = ++version;
      fetchDeck(id).then(
        (deck) => {
          if (!cancelled && requested === version) setLoaded({ id, state: { kind: 'ready', deck, version } });
        },
        (error: unknown) => {
          if (cancelled || requested !== version) return;
          const message = error instanceof Error ? error.message : String(error);
          const state: DeckState =
            error instanceof AccessNeededError
              ? { kind: 'access-needed' }
              : error instanceof DeckNotFoundError
                ? { kind: 'not-found', message }
                : { kind: 'error', message };
          setLoaded({ id, state });
        },
      );
    };
    load();
    const off = sync.onMessage((message) => {
      if (message.type === 'deck-changed' && message.deck === id) load();
    });
    // After a lost connection (a server restart, Wi-Fi) the deck may have changed unseen: fetch it again.
    const offConnect = sync.onConnect((again) => {
      if (again) load();
    });
    return () => {
      cancelled = true;
      off();
      offConnect();
    };
  }, [id, sync]);

  return loaded.id === id ? loaded.state : { kind: 'loading' };
}
