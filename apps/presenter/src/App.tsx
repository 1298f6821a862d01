// The presenter app. The address decides what shows: the deck index, or one deck in the audience,
// presenter or overview view (see route.ts).
import { useEffect, useState } from 'react';
import { AttendeeBadge } from './classroom/AttendeeBadge';
import { ClassroomView, isClassroomAddress } from './classroom/ClassroomView';
import { accessRole } from './deck-access/server-access';
import { DeckIndex } from './deck-index/DeckIndex';
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

  // Classroom mode: the trainer's Classroom page, and on an attendee's page who they are.
  if (isClassroomAddress() && accessRole() === 'trainer') return <ClassroomView />;
  const badge = accessRole() === 'attendee' ? <AttendeeBadge /> : null;
  if (route.deck === null) return <>{badge}<DeckIndex /></>;
  return (
    <>
      {badge}
      <DeckScreen key={route.deck} route={route} deckId={route.deck} />
    </>
  );
}
