// The presenter app. The address decides what shows: the deck index, or one deck in the audience,
// presenter or overview view (see route.ts).
import { useEffect, useState } from 'react';
import { DeckIndex } from './deck-index/DeckIndex';
import { readRoute, type Route } from './route';
import { DeckScreen } from './views/DeckScreen';

export function App() {
  const [route, setRoute] = useState<Route>(() => readRoute());

  useEffect(() => {
    // Back/Forward between entries written by navigate() fire popstate; typed addresses fire hashchange.
    const onHash = (): void =>
      setRoute((current) => {
        const next = readRoute();
        return next.deck === current.deck && next.slide === current.slide && next.view === current.view ? current : next;
      });
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);

  if (route.deck === null) return <DeckIndex />;
  return <DeckScreen key={route.deck} route={route} deckId={route.deck} />;
}
