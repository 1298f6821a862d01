// The presenter app: the current slide beside a live terminal. The deck and slide live in the address.
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { CodeBlock } from '@deckhand/deck';
import { AccessNeeded } from './deck-access/AccessNeeded';
import { AccessNeededError, fetchDeck, fetchDeckList, type LoadedDeck } from './deck-access/api';
import { readRoute, routeHash, type Route } from './route';
import { SlideView } from './slides/SlideView';
import { useSlideKeys } from './slides/use-slide-keys';
import type { TerminalController } from './terminal/terminal-controller';

const TerminalPane = lazy(() => import('./terminal/TerminalPane'));

type LoadState = { kind: 'loading' } | { kind: 'access-needed' } | { kind: 'error'; message: string } | { kind: 'ready'; deck: LoadedDeck };

export function App() {
  const [route, setRoute] = useState<Route>(() => readRoute());
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const terminal = useRef<TerminalController | null>(null);

  useEffect(() => {
    const onHash = (): void => setRoute(readRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    let cancelled = false;
    const load = async (): Promise<LoadedDeck> => {
      const id = route.deck ?? (await fetchDeckList())[0]?.id;
      if (!id) throw new Error('The server has no decks.');
      return fetchDeck(id);
    };
    load().then(
      (deck) => !cancelled && setState({ kind: 'ready', deck }),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof AccessNeededError) setState({ kind: 'access-needed' });
        else setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [route.deck]);

  const deck = state.kind === 'ready' ? state.deck : null;
  const total = deck?.slides.length ?? 0;
  const current = Math.min(route.slide, Math.max(total, 1));

  const go = useCallback(
    (target: (current: number, total: number) => number) => {
      if (!deck) return;
      const next = Math.min(Math.max(target(current, total), 1), total);
      if (next !== current) window.location.hash = routeHash({ deck: deck.id, slide: next });
    },
    [deck, current, total],
  );
  useSlideKeys(go);

  const onRun = useCallback((block: CodeBlock) => {
    terminal.current?.run({ commands: block.commands, interrupt: block.options.interrupt, typeOnly: block.options.type });
  }, []);
  const onTerminalReady = useCallback((controller: TerminalController | null) => {
    terminal.current = controller;
  }, []);

  if (state.kind === 'access-needed') return <AccessNeeded />;
  if (state.kind === 'error') {
    return (
      <main className="notice" role="alert">
        <h1>Deckhand could not open this deck</h1>
        <p>{state.message}</p>
      </main>
    );
  }
  if (!deck) return <main className="notice">Loading…</main>;
  const slide = deck.slides[current - 1];

  return (
    <div className="presenter">
      <main className="slide-area">
        {slide && <SlideView slide={slide} total={total} size={deck.directives.size} onRun={onRun} />}
        <nav className="slide-nav" aria-label="Slide navigation">
          <button type="button" onClick={() => go((n) => n - 1)} disabled={current <= 1} aria-label="Previous slide">
            ←
          </button>
          <span aria-live="polite">
            {current} / {total}
          </span>
          <button type="button" onClick={() => go((n) => n + 1)} disabled={current >= total} aria-label="Next slide">
            →
          </button>
        </nav>
      </main>
      <Suspense fallback={<section className="terminal-pane">Loading terminal…</section>}>
        <TerminalPane onReady={onTerminalReady} />
      </Suspense>
    </div>
  );
}
