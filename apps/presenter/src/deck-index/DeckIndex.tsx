// The deck index: every deck of the served folder with its title, slide count and duration. With a
// single deck there is nothing to choose, so it opens that deck straight away. It is also where an
// attendee's own Deckhand is told to follow a trainer, and where a follower waits for the trainer.
import { useEffect, useState } from 'react';
import { AccessNeeded } from '../deck-access/AccessNeeded';
import { fetchDeckList, type DeckSummary } from '../deck-access/api';
import { AccessNeededError } from '../deck-access/server-access';
import { FollowBar } from '../follow/FollowBar';
import { FollowTrainerForm } from '../follow/FollowTrainerForm';
import { navigate, routeHash } from '../route';
import { ReaderIndexHead } from '../reader/ReaderIndexHead';

type IndexState = { kind: 'loading' } | { kind: 'access-needed' } | { kind: 'error'; message: string } | { kind: 'ready'; decks: DeckSummary[] };

export function DeckIndex() {
  const [state, setState] = useState<IndexState>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    fetchDeckList().then(
      (decks) => {
        if (cancelled) return;
        const only = decks.length === 1 ? decks[0] : undefined;
        if (only) navigate({ deck: only.id, slide: 1 }, { replace: true });
        else setState({ kind: 'ready', decks });
      },
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof AccessNeededError) setState({ kind: 'access-needed' });
        else setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  if (state.kind === 'access-needed') return <AccessNeeded />;
  if (state.kind === 'error') {
    return (
      <main className="notice" role="alert">
        <h1>Deckhand could not list the decks</h1>
        <p>{state.message}</p>
      </main>
    );
  }
  if (state.kind === 'loading') return <main className="notice">Loading…</main>;
  return (
    <main className="deck-index">
      {__DECKHAND_READER__ ? <ReaderIndexHead /> : <h1>Decks</h1>}
      <ol>
        {state.decks.map((deck) => (
          <li key={deck.id}>
            <a href={routeHash({ deck: deck.id, slide: 1 })}>
              <span className="deck-title">{deck.title}</span>
              <span className="deck-facts">
                {deck.slides} slide{deck.slides === 1 ? '' : 's'}
                {deck.duration ? ` · ${deck.duration}` : ''}
              </span>
            </a>
          </li>
        ))}
      </ol>
      <FollowTrainerForm />
      <FollowBar deck="" docked />
    </main>
  );
}
