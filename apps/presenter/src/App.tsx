// The presenter app. The address decides what shows: the deck index, or one deck in the audience,
// presenter or overview view (see route.ts).
import { useEffect, useState } from 'react';
import { DeckIndex } from './deck-index/DeckIndex';
import { onNavigate, readRoute, type Route } from './route';
import { DeckScreen } from './views/DeckScreen';

export function App() {
  const [route, setRoute] = useState<Route>(() => readRoute());

  useEffect(() => {
    const go = (next: Route): void =>
      setRoute((current) => (next.deck === current.deck && next.slide === current.slide && next.view === current.view ? current : next));
    // navigate() tells the app at once; Back/Forward fire popstate, typed addresses hashchange.
    const offNavigate = onNavigate(go);
    const onHash = (): void => go(readRoute());
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      offNavigate();
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);

  if (route.deck === null) return <DeckIndex />;
  return <DeckScreen key={route.deck} route={route} deckId={route.deck} />;
}
