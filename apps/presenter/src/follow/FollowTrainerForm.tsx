// "Follow a trainer", on the deck index of an attendee's own Deckhand: paste the follower link the
// trainer shared, and this Deckhand's slides follow the trainer's while Run stays on this machine's
// shell (the server follows: POST /api/follow).
import { useState, type FormEvent } from 'react';
import { followTrainer } from './follow-source';
import { useFollowSession } from './follow-session';
import { PAGE_ROLE } from '../deck-access/server-access';

export function FollowTrainerForm() {
  const follow = useFollowSession();
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // Only this server's trainer may make it follow another (an attendee's page in classroom mode may not).
  if (!follow.local || follow.active || PAGE_ROLE !== 'trainer') return null;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    followTrainer(link).then(setProblem, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  return (
    <form className="follow-trainer-form" onSubmit={submit} aria-label="Follow a trainer">
      <label htmlFor="follow-link">Follow a trainer:</label>
      <input id="follow-link" type="url" required placeholder="the follower link, https://…/follow/?token=…" value={link} onChange={(event) => setLink(event.target.value)} />
      <button type="submit">Follow</button>
      {problem && (
        <p className="follow-trainer-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
