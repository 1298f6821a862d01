// Deck warnings from the deck package, behind a small button so the audience is not distracted: the
// trainer opens it to see each problem with its line number.
import { useRef, useState } from 'react';
import type { DeckWarning } from '@deckhand/deck';
import { useKeptInViewport } from '../layout/use-kept-in-viewport';

export function WarningsPanel({ warnings, file }: { warnings: DeckWarning[]; file: string }) {
  const [open, setOpen] = useState(false);
  if (warnings.length === 0) return null;
  const label = `${warnings.length} deck warning${warnings.length === 1 ? '' : 's'}`;
  return (
    <div className="warnings">
      <button type="button" className="warnings-toggle" aria-expanded={open} aria-controls="deck-warnings" onClick={() => setOpen(!open)}>
        ⚠ {label}
      </button>
      {open && <WarningList id="deck-warnings" label={label} warnings={warnings} file={file} />}
    </div>
  );
}

function WarningList({ id, label, warnings, file }: { id: string; label: string; warnings: DeckWarning[]; file: string }) {
  const panel = useRef<HTMLElement>(null);
  useKeptInViewport(panel);
  return (
    <section id={id} className="warnings-panel" aria-label={label} ref={panel}>
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
  );
}
