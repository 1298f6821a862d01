// What the page shows after the Deckhand server restarted under it: the shells ended with the old server
// (each terminal tab says so too), the deck was fetched again (see use-deck.ts), and one click starts
// new shells (a hidden terminal starts one anyway when it is shown). Shown until dismissed or acted on.
import { useEffect, useState } from 'react';
import type { SyncChannel } from '../sync/sync-channel';

export function ServerRestarted({ sync, newShells }: { sync: SyncChannel; newShells: () => void }) {
  const [restarted, setRestarted] = useState(false);
  useEffect(() => sync.onServerRestart(() => setRestarted(true)), [sync]);
  if (!restarted) return null;
  return (
    <div className="server-restarted" role="alert">
      <p>The Deckhand server restarted: the terminal sessions ended, and the deck was loaded again.</p>
      <button
        type="button"
        onClick={() => {
          newShells();
          setRestarted(false);
        }}
      >
        Start new shells
      </button>
      <button type="button" onClick={() => setRestarted(false)}>
        Dismiss
      </button>
    </div>
  );
}
