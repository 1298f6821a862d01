// What a follower sees of following: whether it follows the trainer or roams (and where the trainer
// is then, with a way back), how the link is, an optional name for the trainer's dashboard, and, in an
// attendee's own Deckhand, a way to stop. In the audience view's toolbar, or docked at the bottom of a
// page that has no toolbar (the deck index, the reading view on a phone), while something is followed.
import { followSession, useFollowSession } from './follow-session';

export function FollowBar({ deck, docked = false }: { deck: string; docked?: boolean }) {
  const follow = useFollowSession();
  if (!follow.active) return null;
  const session = followSession();
  const { status } = follow;
  const position = status.position;
  const where = position?.deck ? (position.deck === deck ? `slide ${position.slide}` : `${position.deck}, slide ${position.slide}`) : 'not presenting yet';
  const trainer = follow.local && status.trainer ? `the trainer (${status.trainer})` : 'the trainer';

  let line: string;
  if (status.state === 'connecting') line = status.reason ?? `Connecting to ${trainer}…`;
  else if (status.state === 'refused') line = status.reason ?? `${trainer} refused this follower link: ask for the current one.`;
  else if (status.state === 'stopped') line = 'Not following.';
  else if (follow.mode === 'follow') line = `Following ${trainer}: ${where}`;
  else line = `Roaming. ${capitalised(trainer)} is on ${where}.`;

  return (
    <aside className={docked ? 'follow-bar docked' : 'follow-bar'} aria-label="Following the trainer" data-state={status.state} data-mode={follow.mode}>
      <span role="status">{line}</span>
      {status.state === 'following' &&
        (follow.mode === 'roam' ? (
          <button type="button" onClick={() => session.setMode('follow')}>
            Catch up
          </button>
        ) : (
          <button type="button" onClick={() => session.setMode('roam')}>
            Roam freely
          </button>
        ))}
      <label className="follow-name">
        Your name <span className="follow-optional">(optional)</span>
        <input type="text" value={follow.name} maxLength={40} autoComplete="nickname" onChange={(event) => session.setName(event.target.value)} />
      </label>
      {follow.local && status.state !== 'stopped' && (
        <button type="button" onClick={() => session.source.stop()}>
          Stop following
        </button>
      )}
    </aside>
  );
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
