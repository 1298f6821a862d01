// The presenter app. The address decides what shows: the deck index, or one deck in the audience,
// presenter or overview view (see route.ts).
import { useEffect, useState } from 'react';
import { DeckIndex } from './deck-index/DeckIndex';
import { readRoute, type Route } from './route';
import { DeckScreen } from './views/DeckScreen';

export function App() {
  const [route, setRoute] = useState<Route>(() => readRoute());

  useEffect(() => {
    const onHash = (): void => setRoute(readRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  if (route.deck === null) return <DeckIndex />;
  return <DeckScreen key={route.deck} route={route} deckId={route.deck} />;
}
