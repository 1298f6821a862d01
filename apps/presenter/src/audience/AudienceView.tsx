// The audience view, what the projector shows: the slide, and the terminal beside it, maximised or
// hidden. The terminal pane stays mounted once shown, so hiding it never ends the shell session. In the
// offline reader it also shows the notes under the slide and every block's recorded output, on request.
import { lazy, Suspense, useRef, useState, type CSSProperties } from 'react';
import { ExerciseStatus } from '../exercises/ExerciseStatus';
import { clampSplit, SPLIT_DEFAULT } from '../layout/layout-rules';
import { SplitDivider } from '../layout/SplitDivider';
import { TerminalSlot } from '../layout/TerminalSlot';
import { useSwipe } from '../navigation/use-swipe';
import { isNumber, SPLIT_SETTING } from '../settings/stored';
import { useStoredState } from '../settings/use-stored-state';
import { SlideView } from '../slides/SlideView';
import type { DeckSession } from '../views/deck-session';
import { FollowBar } from '../follow/FollowBar';
import { WarningsPanel } from '../warnings/WarningsPanel';
import { SlideToolbar } from './SlideToolbar';
import { ReaderTools } from '../reader/ReaderTools';
import { useReaderSettings } from '../reader/use-reader-settings';

// The offline reader's notes under the slide, loaded on demand: the live app never shows them here, and a
// static import would keep the Markdown renderer in its first load.
const ReaderNotes = __DECKHAND_READER__ ? lazy(() => import('../presenter/NotesPanel').then((module) => ({ default: module.NotesPanel }))) : null;

export function AudienceView({ session }: { session: DeckSession }) {
  const { deck, current, total, layout } = session;
  const slide = deck.slides[current - 1];
  const [split, setSplit] = useStoredState(SPLIT_SETTING, SPLIT_DEFAULT, isNumber);
  const [terminalShown, setTerminalShown] = useState(layout !== 'slide');
  if (layout !== 'slide' && !terminalShown) setTerminalShown(true);

  const slideArea = useRef<HTMLElement>(null);
  useSwipe(slideArea, (direction) => session.go(direction === 'next' ? current + 1 : current - 1));

  const reader = useReaderSettings();
  const exercise = session.exercises.find((candidate) => candidate.slide === current) ?? null;
  const style = { '--split': `${clampSplit(split) * 100}%` } as CSSProperties;
  return (
    <div className={`audience layout-${layout}`} style={style}>
      <main className="slide-area" ref={slideArea} hidden={layout === 'terminal'}>
        {slide && <SlideView slide={slide} deck={deck} actions={session.actions} running={session.running} outputs={__DECKHAND_READER__ && reader.outputs} />}
        {ReaderNotes && reader.notes && (
          <div className="reader-notes">
            <Suspense fallback={null}>
              <ReaderNotes notes={slide?.notes ?? []} />
            </Suspense>
          </div>
        )}
        <SlideToolbar
          current={current}
          total={total}
          layout={layout}
          screenReaderMode={session.terminal.screenReaderMode}
          go={session.go}
          setLayout={session.setLayout}
          changeFontSize={session.changeFontSize}
          toggleScreenReaderMode={session.toggleScreenReaderMode}
          openOverview={session.openOverview}
          openPresenter={session.openPresenter}
          openHelp={session.openHelp}
        >
          {__DECKHAND_READER__ && <ReaderTools settings={reader} openSearch={session.openSearch} />}
          <ExerciseStatus exercises={session.exercises} current={exercise} progress={session.progress} />
          <WarningsPanel warnings={deck.warnings} file={deck.file} />
          <FollowBar deck={deck.id} />
        </SlideToolbar>
      </main>
      {layout === 'split' && <SplitDivider fraction={clampSplit(split)} onChange={setSplit} />}
      {terminalShown && (
        <div className="terminal-slot" inert={layout === 'slide'}>
          <TerminalSlot settings={session.terminal} onReady={session.onTerminalReady} />
        </div>
      )}
      {layout === 'terminal' && (
        <button type="button" className="restore-slides" onClick={() => session.setLayout('split')}>
          Show slides ({current} / {total})
        </button>
      )}
    </div>
  );
}
