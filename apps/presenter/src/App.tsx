// The presenter app. The address decides what shows: the deck index, or one deck in the audience,
// presenter or overview view (see route.ts).
import { useEffect, useState } from 'react';
import { DeckIndex } from './deck-index/DeckIndex';
import { useFollowNavigation } from './follow/use-follow-navigation';
import { onNavigate, readRoute, type Route } from './route';
import { DeckScreen } from './views/DeckScreen';

export function App() {
  const [route, setRoute] = useState<Route>(() => readRoute());

  useEffect(
    () =>
      onNavigate((next) =>
        setRoute((current) => (next.deck === current.deck && next.slide === current.slide && next.view === current.view ? current : next)),
      ),
    [],
  );

  useFollowNavigation(route);

  if (route.deck === null) return <DeckIndex />;
  return <DeckScreen key={route.deck} route={route} deckId={route.deck} />;
}
