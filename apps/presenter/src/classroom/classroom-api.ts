// The classroom's HTTP API (packages/server/src/classroom/classroom-routes.ts), for the trainer's
// Classroom page and an attendee's page.
import type { ClassroomState } from '@deckhand/protocol';
import { serverFetch } from '../deck-access/server-access';

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const message = await response.json().then((body: { message?: string }) => body.message, () => undefined);
    throw new Error(message ?? `The server answered ${response.status}.`);
  }
  return (await response.json()) as T;
}

export const fetchClassroom = async (withQr: boolean): Promise<ClassroomState> =>
  json(await serverFetch(`/api/classroom${withQr ? '?qr=1' : ''}`, { cache: 'no-store' }));

export async function invite(body: { names: string[] } | { count: number }): Promise<{ made: unknown[]; refused: Array<{ name: unknown; reason: string }> }> {
  const response = await serverFetch('/api/classroom/invites', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status === 409) return (await response.json()) as { made: unknown[]; refused: Array<{ name: unknown; reason: string }> };
  return json(response);
}

export async function endSandbox(id: string): Promise<void> {
  await json(await serverFetch(`/api/classroom/attendees/${encodeURIComponent(id)}/sandbox`, { method: 'DELETE' }));
}

export async function removeAttendee(id: string): Promise<void> {
  const response = await serverFetch(`/api/classroom/attendees/${encodeURIComponent(id)}`, { method: 'DELETE' });
  if (!response.ok && response.status !== 404) throw new Error(`The server answered ${response.status}.`);
}

export async function endClass(): Promise<{ ended: number }> {
  return json(await serverFetch('/api/classroom/end', { method: 'POST' }));
}

export async function fetchMe(): Promise<{ name: string; link: string }> {
  return json(await serverFetch('/api/classroom/me', { cache: 'no-store' }));
}

export async function report(body: { deck: string; slide: number; done: readonly string[] }): Promise<void> {
  await serverFetch('/api/classroom/report', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
