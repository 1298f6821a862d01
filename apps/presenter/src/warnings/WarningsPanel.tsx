// Deck warnings from the deck package, behind a small button so the audience is not distracted: the
// trainer opens it to see each problem with its line number.
import { useState } from 'react';
import type { DeckWarning } from '@deckhand/deck';

export function WarningsPanel({ warnings, file }: { warnings: DeckWarning[]; file: string }) {
  const [open, setOpen] = useState(false);
  if (warnings.length === 0) return null;
  const label = `${warnings.length} deck warning${warnings.length === 1 ? '' : 's'}`;
  return (
    <div className="warnings">
      <button type="button" className="warnings-toggle" aria-expanded={open} aria-controls="deck-warnings" onClick={() => setOpen(!open)}>
        ⚠ {label}
      </button>
      {open && (
        <section id="deck-warnings" className="warnings-panel" aria-label={label}>
          <ul>
            {warnings.map((warning, i) => (
              <li key={i}>
                <span className="warning-line">
                  {file}:{warning.line}
                </span>{' '}
                {warning.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
