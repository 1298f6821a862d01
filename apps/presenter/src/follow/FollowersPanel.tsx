// The trainer's side of following, in the presenter view: how many follow and where they are (on this
// slide, behind, ahead, elsewhere; the current exercise's "done" count), and a panel with the follower
// link and its QR code to put on screen, a way to replace the link (the old one stops working), and
// whether followers may watch this terminal (read-only).
import { useEffect, useRef, useState } from 'react';
import type { FollowersSummary } from '@deckhand/protocol';
import { clientId, serverFetch } from '../deck-access/server-access';
import { useKeptInViewport } from '../layout/use-kept-in-viewport';
import type { SyncChannel } from '../sync/sync-channel';
import { shownTerminalTab } from '../sync/use-terminal-tab-sync';

interface FollowLink {
  url: string;
  qr: string;
}

export function Followers({ sync, deck, current, exercise }: { sync: SyncChannel; deck: string; current: number; exercise: string | null }) {
  const [summary, setSummary] = useState<FollowersSummary | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(
    () =>
      sync.onMessage((message) => {
        if (message.type === 'followers') {
          const { type: _type, from: _from, seq: _seq, ...next } = message;
          setSummary(next);
        }
      }),
    [sync],
  );
  const counts = summary && summary.deck === deck && summary.slide === current ? summary : null;
  const done = exercise ? (summary?.done.find(([id]) => id === exercise)?.[1] ?? 0) : null;
  return (
    <div className="toolbar-group followers">
      <button type="button" aria-expanded={open} onClick={() => setOpen((shown) => !shown)}>
        Followers: {summary?.connected ?? 0}
      </button>
      {counts && counts.connected > 0 && (
        <span className="followers-where" aria-label="Where followers are">
          {counts.here} here · {counts.behind} behind · {counts.ahead} ahead{counts.elsewhere ? ` · ${counts.elsewhere} elsewhere` : ''}
          {done !== null ? ` · exercise done ${done}/${counts.connected}` : ''}
        </span>
      )}
      {open && <FollowersPanel sync={sync} deck={deck} summary={summary} onClose={() => setOpen(false)} />}
    </div>
  );
}

function FollowersPanel({ sync, deck, summary, onClose }: { sync: SyncChannel; deck: string; summary: FollowersSummary | null; onClose(): void }) {
  const [link, setLink] = useState<FollowLink | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sharing, setSharing] = useState(summary?.terminal != null);
  const panel = useRef<HTMLElement>(null);
  useKeptInViewport(panel);

  const load = (method: 'GET' | 'POST'): void => {
    serverFetch('/api/follow-link', { method, cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        setLink((await response.json()) as FollowLink);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(`Could not get the follower link: ${error instanceof Error ? error.message : String(error)}`));
  };
  useEffect(() => load('GET'), []);

  const share = (on: boolean): void => {
    setSharing(on);
    sync.send({ type: 'share-terminal', deck, term: shownTerminalTab(deck), client: clientId(), on });
  };

  return (
    <section className="followers-panel" aria-label="Followers" ref={panel}>
      <h2>Followers</h2>
      {problem && <p role="alert">{problem}</p>}
      {link && (
        <div className="followers-link">
          <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.qr)}`} alt="QR code of the follower link" />
          <div>
            <p>
              The follower link shows the decks and follows your slides; it never opens a shell. Share it, or show the QR code:
            </p>
            <code data-testid="follower-link">{link.url}</code>
            <p>
              <button type="button" onClick={() => void navigator.clipboard?.writeText(link.url)}>
                Copy link
              </button>{' '}
              <button
                type="button"
                onClick={() => {
                  if (window.confirm('Replace the follower link? Everyone following with the current one is disconnected.')) load('POST');
                }}
              >
                New link
              </button>
            </p>
          </div>
        </div>
      )}
      <label>
        <input type="checkbox" checked={sharing} onChange={(event) => share(event.target.checked)} /> Followers may watch this terminal (read-only)
      </label>
      {summary && summary.names.length > 0 && <p>Named: {summary.names.join(', ')}</p>}
      <p>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </p>
    </section>
  );
}
