// The trainer's Classroom page (#/.classroom, classroom mode; no deck id starts with a dot): the class link, invites by name or in a
// batch (a printable sheet of links and QR codes), and every attendee: connected or not, deck and slide,
// exercises done, their sandbox's memory; ending one attendee's sandbox, removing an attendee, and
// ending the class.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { AccessNeeded } from '../deck-access/AccessNeeded';
import type { ClassroomState } from '@deckhand/protocol';
import { endClass, endSandbox, fetchClassroom, invite, removeAttendee } from './classroom-api';
import './classroom.css';

const REFRESH_MS = 3_000;

export function ClassroomView() {
  const [state, setState] = useState<ClassroomState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sheet, setSheet] = useState(false);
  const [name, setName] = useState('');
  const [count, setCount] = useState('10');

  const refresh = useCallback(() => {
    fetchClassroom(sheet).then(
      (next) => {
        setState(next);
        setProblem(null);
      },
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  }, [sheet]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const act = (action: Promise<unknown>): void => {
    action.then(refresh, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  const addByName = (event: FormEvent): void => {
    event.preventDefault();
    if (!name.trim()) return;
    act(
      invite({ names: [name] }).then(({ refused }) => {
        if (refused.length > 0) setProblem(`Not invited: ${refused.map((r) => r.reason).join(', ')}`);
        else setName('');
      }),
    );
  };
  const addBatch = (event: FormEvent): void => {
    event.preventDefault();
    act(invite({ count: Number(count) }).then(({ refused }) => refused.length > 0 && setProblem(`${refused.length} not invited: the class is full.`)));
  };

  if (problem && !state) return problem.includes('401') || /access/i.test(problem) ? <AccessNeeded /> : <main className="notice" role="alert">{problem}</main>;
  if (!state) return <main className="notice">Loading…</main>;
  const connected = state.attendees.filter((attendee) => attendee.connected).length;
  return (
    <main className="classroom">
      <h1>Classroom</h1>
      <p>
        {state.attendees.length} of {state.maxAttendees} attendees, {connected} connected; sandboxes at most {state.maxSandboxes}.
      </p>
      {problem && <p role="alert">{problem}</p>}
      <p>
        Class link (each attendee gives a name): <span className="link" data-testid="class-link">{state.classLink}</span>
      </p>
      <div className="no-print">
        <form onSubmit={addByName}>
          <input aria-label="Attendee name" placeholder="Name" value={name} maxLength={40} onChange={(event) => setName(event.target.value)} />
          <button type="submit">Invite</button>
        </form>
        <form onSubmit={addBatch}>
          <input aria-label="Number of invites" type="number" min={1} max={200} value={count} onChange={(event) => setCount(event.target.value)} />
          <button type="submit">Make invites</button>
        </form>
        <button type="button" onClick={() => setSheet((value) => !value)}>
          {sheet ? 'Hide the printable sheet' : 'Printable sheet with QR codes'}
        </button>{' '}
        {sheet && (
          <>
            <button type="button" onClick={() => window.print()}>
              Print
            </button>{' '}
          </>
        )}
        <button
          type="button"
          onClick={() => {
            if (window.confirm('End the class? Every attendee sandbox is removed and every invite link stops working.')) act(endClass());
          }}
        >
          End the class
        </button>
      </div>
      {sheet ? (
        <div className="sheet">
          {state.classQr && (
            <figure>
              <img className="qr" alt="QR code of the class link" src={svgData(state.classQr)} width={144} height={144} />
              <figcaption>
                <strong>The class link</strong> (each attendee gives a name)
              </figcaption>
            </figure>
          )}
          {state.attendees.map((attendee) => (
            <figure key={attendee.id}>
              {attendee.qr && <img className="qr" alt={`QR code of ${attendee.name}'s link`} src={svgData(attendee.qr)} width={144} height={144} />}
              <figcaption>
                <strong>{attendee.name}</strong>
                <br />
                <span className="link">{attendee.link}</span>
              </figcaption>
            </figure>
          ))}
        </div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Attendee</th>
              <th>Connected</th>
              <th>Where</th>
              <th>Exercises done</th>
              <th>Sandbox</th>
              <th className="no-print">Actions</th>
            </tr>
          </thead>
          <tbody>
            {state.attendees.map((attendee) => (
              <tr key={attendee.id} data-testid={`attendee-${attendee.name}`}>
                <td>
                  {attendee.name}
                  <br />
                  <span className="link">{attendee.link}</span>
                </td>
                <td className={attendee.connected ? 'connected' : 'away'}>{attendee.connected ? 'connected' : 'not connected'}</td>
                <td>{attendee.deck ? `${attendee.deck}, slide ${attendee.slide ?? '?'}` : '—'}</td>
                <td>{attendee.done.length}</td>
                <td>
                  {attendee.sandboxes === 0
                    ? 'none'
                    : `${attendee.sandboxes} terminal${attendee.sandboxes === 1 ? '' : 's'}${attendee.memoryBytes !== null ? `, ${(attendee.memoryBytes / 1048576).toFixed(1)} MiB` : ''}`}
                </td>
                <td className="no-print">
                  <button type="button" disabled={attendee.sandboxes === 0} onClick={() => act(endSandbox(attendee.id))}>
                    End sandbox
                  </button>{' '}
                  <button type="button" onClick={() => act(removeAttendee(attendee.id))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** The server's QR SVG as an image: an <img> never runs what an SVG holds. */
function svgData(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

export const CLASSROOM_HASH = '#/.classroom';

/** Whether the address is the Classroom page's. */
export function isClassroomAddress(hash: string = window.location.hash): boolean {
  return hash === CLASSROOM_HASH;
}
