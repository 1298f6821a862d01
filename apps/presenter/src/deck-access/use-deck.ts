// Loads a deck and keeps it current: when the server says the deck's file changed, the deck is fetched
// again and replaces the old one in place (the route, and so the slide, and the terminal stay); so it is
// after the sync connection comes back, in case the file changed meanwhile.
import { useEffect, useState } from 'react';
import type { SyncChannel } from '../sync/sync-channel';
import { arrivedDeck, DeckNotFoundError, fetchDeck, type LoadedDeck } from './api';
import { AccessNeededError } from './server-access';

export type DeckState =
  | { kind: 'loading' }
  | { kind: 'access-needed' }
  | { kind: 'not-found'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; deck: LoadedDeck; version: number };

export function useDeck(id: string, sync: SyncChannel): DeckState {
  // The deck boot.ts asked for may be here already: then the first render shows it.
  const [loaded, setLoaded] = useState<{ id: string; state: DeckState }>(() => {
    const deck = arrivedDeck(id);
    return { id, state: deck ? { kind: 'ready', deck, version: 0 } : { kind: 'loading' } };
  });
  const [startedReady] = useState(() => loaded.id === id && loaded.state.kind === 'ready');

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
    if (!startedReady) load();
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
  }, [id, sync, startedReady]);

  return loaded.id === id ? loaded.state : { kind: 'loading' };
}
