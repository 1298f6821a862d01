// The presenter view (`p`): current and next slide, notes, timer and pace, and its own terminal pane.
// It opens the audience window and drives it through the sync channel. On a phone it becomes a
// clicker: big previous/next, notes and the timer.
import { useDeferredValue } from 'react';
import { ExerciseStatus } from '../exercises/ExerciseStatus';
import { Followers } from '../follow/FollowersPanel';
import { sharedSyncChannel } from '../sync/sync-channel';
import { TerminalSlot } from '../layout/TerminalSlot';
import { routeHash } from '../route';
import { SlideView } from '../slides/SlideView';
import type { DeckSession } from '../views/deck-session';
import { NotesPanel } from './NotesPanel';
import { TalkTimer } from './TalkTimer';
import { parseDuration } from './timing';
import { useTalkClock } from './use-talk-clock';

export default function PresenterView({ session, narrow }: { session: DeckSession; narrow: boolean }) {
  const { deck, current, total } = session;
  const clock = useTalkClock(deck.id);
  const duration = parseDuration(deck.directives.duration);
  const slide = deck.slides[current - 1];
  // The next-slide preview and the notes follow in a render of their own, after the current slide is
  // on screen: a slide change's first frame carries the slide the room sees, not the presenter's extras.
  const following = useDeferredValue(current);
  const next = deck.slides[following];
  const notes = deck.slides[following - 1]?.notes ?? [];
  const timer = <TalkTimer clock={clock} duration={duration} current={current} total={total} />;

  if (narrow) {
    return (
      <main className="clicker" aria-label="Clicker">
        {timer}
        <p className="clicker-position">
          {current} / {total}
          {slide?.title ? ` · ${slide.title}` : ''}
        </p>
        <div className="clicker-buttons">
          <button type="button" onClick={() => session.go(current - 1)} disabled={current <= 1}>
            ← Previous
          </button>
          <button type="button" onClick={() => session.go(current + 1)} disabled={current >= total}>
            Next →
          </button>
        </div>
        <NotesPanel notes={slide?.notes ?? []} />
      </main>
    );
  }

  const openAudience = (): void => {
    window.open(routeHash({ deck: deck.id, slide: current }), `deckhand-audience-${deck.id}`);
  };
  return (
    <main className="presenter-view" aria-label="Presenter view">
      <header className="presenter-bar">
        <div className="toolbar-group">
          <button type="button" onClick={() => session.go(current - 1)} disabled={current <= 1} aria-label="Previous slide">
            ←
          </button>
          <span className="slide-position">
            {current} / {total}
          </span>
          <button type="button" onClick={() => session.go(current + 1)} disabled={current >= total} aria-label="Next slide">
            →
          </button>
        </div>
        {timer}
        <ExerciseStatus exercises={session.exercises} current={session.exercises.find((exercise) => exercise.slide === current) ?? null} progress={session.progress} />
        {window.location.protocol.startsWith('http') && (
          <Followers sync={sharedSyncChannel()} deck={deck.id} current={current} exercise={session.exercises.find((exercise) => exercise.slide === current)?.id ?? null} />
        )}
        <div className="toolbar-group">
          <button type="button" onClick={openAudience}>
            Open audience window
          </button>
          <button
            type="button"
            aria-pressed={session.layout !== 'slide'}
            onClick={() => session.setLayout(session.layout === 'slide' ? 'split' : 'slide')}
          >
            Terminal on screen
          </button>
          {!__DECKHAND_READER__ && (
            <button
              type="button"
              aria-pressed={session.rehearsal.on}
              onClick={session.rehearsal.toggle}
              title="Record each block's run here, for the offline course (deckhand build)"
            >
              Record runs
            </button>
          )}
          <button type="button" onClick={session.openHelp} aria-label="Keyboard shortcuts">
            ?
          </button>
        </div>
        {session.rehearsal.on && session.rehearsal.status && (
          <span className="rehearsal-status" role="status">
            {session.rehearsal.status}
          </span>
        )}
      </header>
      <section className="presenter-current" aria-label="Current slide">
        {slide && <SlideView slide={slide} deck={deck} actions={session.actions} running={session.running} />}
      </section>
      <section className="presenter-next" aria-label="Next slide">
        {next ? <SlideView slide={next} deck={deck} thumbnail /> : <p className="notes-empty">End of the deck.</p>}
      </section>
      <NotesPanel notes={notes} />
      <div className="presenter-terminal">
        <TerminalSlot settings={session.terminal} onReady={session.onTerminalReady} />
      </div>
    </main>
  );
}
