// The current slide's speaker notes, rendered Markdown, with a text size the presenter can change.
import { useMemo } from 'react';
import { isNumber } from '../settings/stored';
import { useStoredState } from '../settings/use-stored-state';
import { renderNotes } from './notes-markdown';

export function NotesPanel({ notes }: { notes: string[] }) {
  const [size, setSize] = useStoredState('deckhand.notes.fontSize', 20, isNumber);
  const html = useMemo(() => renderNotes(notes), [notes]);
  return (
    <section className="notes-panel" aria-label="Speaker notes">
      <div className="notes-tools">
        <h2>Notes</h2>
        <button type="button" aria-label="Smaller notes" onClick={() => setSize((n) => Math.max(12, n - 2))}>
          A−
        </button>
        <button type="button" aria-label="Larger notes" onClick={() => setSize((n) => Math.min(48, n + 2))}>
          A+
        </button>
      </div>
      {notes.length > 0 ? (
        <div className="notes-text" style={{ fontSize: size }} dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <p className="notes-empty">No notes on this slide.</p>
      )}
    </section>
  );
}
