// The presenter app. The address decides what shows: the deck index, or one deck in the audience,
// presenter or overview view (see route.ts).
import { lazy, Suspense, useEffect, useState } from 'react';
import { AttendeeBadge } from './classroom/AttendeeBadge';
import { ClassroomView, isClassroomAddress } from './classroom/ClassroomView';
import { PAGE_ROLE } from './deck-access/server-access';
import { DeckIndex } from './deck-index/DeckIndex';
import { useFollowNavigation } from './follow/use-follow-navigation';
import { onNavigate, readRoute, type Route } from './route';
import { DeckScreen } from './views/DeckScreen';
import { printKind } from './reader/print-kind';

// `deckhand pdf` prints the reader build; the live app's build leaves the print view out (and what it
// imports, such as the Markdown renderer).
const PrintView = __DECKHAND_READER__ ? lazy(() => import('./reader/PrintView')) : null;

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

  const print = PrintView ? printKind() : null;
  if (PrintView && print) {
    return (
      <Suspense fallback={null}>
        <PrintView kind={print} />
      </Suspense>
    );
  }
  // Classroom mode: the trainer's Classroom page, and on an attendee's page who they are.
  if (PAGE_ROLE === 'trainer' && isClassroomAddress()) return <ClassroomView />;
  const badge = PAGE_ROLE === 'attendee' ? <AttendeeBadge /> : null;
  if (route.deck === null) return <>{badge}<DeckIndex /></>;
  return (
    <>
      {badge}
      <DeckScreen key={route.deck} route={route} deckId={route.deck} />
    </>
  );
}
