// Classroom mode over HTTP, against a real server (its sandbox a real Docker sandbox, though no terminal
// is opened here): the class link's answers, what an attendee's credential may and may not do, the
// trainer's invites, and reports checked before they are kept. Browsers and sandboxes: e2e/classroom.spec.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAbsence } from '@deckhand/docker';
import { exchangeSecret } from '../access/access-client';
import { createLogger } from '../log';
import { DEFAULT_DOCKER_SANDBOX, DockerSandbox } from '../sandbox/docker-sandbox';
import { LocalShellSandbox } from '../sandbox/local-shell';
import { startServer, type RunningServer } from '../server';

const absent = engineAbsence();
if (absent) console.warn(`skipping classroom HTTP tests: ${absent}`);

describe.skipIf(absent !== null)('classroom over HTTP', () => {
  let server: RunningServer;
  let origin: string;
  let trainer: Record<string, string>;
  const post = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${origin}${url}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const join = (classToken: string, name: string): Promise<Response> =>
    fetch(`${origin}/join/`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ class: classToken, name }) });
  const attendeeHeaders = async (link: string): Promise<Record<string, string>> => {
    const response = await post('/api/access', { token: new URL(link, origin).searchParams.get('token'), role: 'attendee' });
    return { Authorization: `Bearer ${((await response.json()) as { credential: string }).credential}` };
  };

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-classroom-'));
    writeFileSync(path.join(dir, 'deck.md'), '# One\n');
    server = await startServer({
      decks: dir,
      appDir: dir,
      sandbox: await DockerSandbox.create({ ...DEFAULT_DOCKER_SANDBOX, image: 'busybox' }),
      host: '127.0.0.1',
      port: 0,
      logger: createLogger(() => {}),
      classroom: { maxAttendees: 2 },
    });
    origin = new URL(server.url).origin;
    trainer = { Authorization: `Bearer ${await exchangeSecret(server.url)}` };
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers the class link: a name form, a wrong link, a taken name, and a full class', async () => {
    const classToken = new URL(server.classUrl as string).searchParams.get('class') as string;
    expect(await (await fetch(server.classUrl as string)).text()).toContain('Your name');
    expect((await fetch(`${origin}/join/?class=wrong`)).status).toBe(401);
    expect((await join('wrong', 'Ada')).status).toBe(401);
    const ada = await join(classToken, 'Ada');
    expect(ada.status).toBe(303);
    expect(ada.headers.get('location')).toMatch(/^\/join\/\?token=/);
    const taken = await join(classToken, 'ADA');
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('already has this name');
    expect((await join(classToken, '<b>x</b>')).status).toBe(400);
    expect((await join(classToken, 'Bea')).status).toBe(303);
    const full = await join(classToken, 'Cy');
    expect(full.status).toBe(403);
    expect(await full.text()).toContain('The class is full');
    expect((await fetch(server.classUrl as string)).status).toBe(403);
  });

  it('lets an attendee read the decks and report, never the trainer\'s API; checks reports', async () => {
    const { attendees } = (await (await fetch(`${origin}/api/classroom`, { headers: trainer })).json()) as { attendees: Array<{ name: string; link: string }> };
    const ada = await attendeeHeaders(attendees.find((attendee) => attendee.name === 'Ada')?.link as string);
    expect((await fetch(`${origin}/api/decks`, { headers: ada })).status).toBe(200);
    expect(((await (await fetch(`${origin}/api/classroom/me`, { headers: ada })).json()) as { name: string }).name).toBe('Ada');
    expect((await post('/api/classroom/report', { deck: 'deck', slide: 1, done: ['ex-1'] }, ada)).status).toBe(204);
    expect((await post('/api/classroom/report', { deck: 'deck', slide: -1 }, ada)).status).toBe(400);
    expect((await post('/api/classroom/report', { deck: 'deck', slide: 1, done: 'all' }, ada)).status).toBe(400);
    for (const [method, url] of [['GET', '/api/classroom'], ['POST', '/api/classroom/end'], ['POST', '/api/classroom/invites'], ['GET', '/api/follow-link']] as const) {
      expect((await fetch(`${origin}${url}`, { method, headers: ada })).status, `${method} ${url}`).toBe(403);
    }
    const room = (await (await fetch(`${origin}/api/classroom`, { headers: trainer })).json()) as { attendees: Array<{ name: string; deck: string; slide: number; done: string[]; connected: boolean }> };
    expect(room.attendees.find((attendee) => attendee.name === 'Ada')).toMatchObject({ deck: 'deck', slide: 1, done: ['ex-1'], connected: true });
    // The trainer's credential is no attendee's: it cannot report as one.
    expect((await post('/api/classroom/report', { deck: 'deck', slide: 1 }, trainer)).status).toBe(403);
  });

  it('invites in a batch up to the limit, and a removed attendee\'s credential stops at once', async () => {
    const { attendees } = (await (await fetch(`${origin}/api/classroom`, { headers: trainer })).json()) as { attendees: Array<{ id: string; name: string; link: string }> };
    const bea = attendees.find((attendee) => attendee.name === 'Bea');
    const beaHeaders = await attendeeHeaders(bea?.link as string);
    expect((await fetch(`${origin}/api/decks`, { headers: beaHeaders })).status).toBe(200);
    expect((await fetch(`${origin}/api/classroom/attendees/${bea?.id}`, { method: 'DELETE', headers: trainer })).status).toBe(204);
    expect((await fetch(`${origin}/api/decks`, { headers: beaHeaders })).status).toBe(401);
    const batch = (await (await post('/api/classroom/invites', { count: 3 }, trainer)).json()) as { made: Array<{ name: string }>; refused: unknown[] };
    expect(batch.made.map((invite) => invite.name)).toEqual(['Attendee 2']);
    expect(batch.refused).toHaveLength(2);
    expect((await post('/api/classroom/invites', { count: 0 }, trainer)).status).toBe(400);
  });
});

describe('classroom mode needs a sandbox per attendee', () => {
  it('refuses to start with the local shell', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-classroom-'));
    writeFileSync(path.join(dir, 'deck.md'), '# One\n');
    await expect(
      startServer({ decks: dir, appDir: dir, sandbox: new LocalShellSandbox({ cwd: dir }), host: '127.0.0.1', port: 0, logger: createLogger(() => {}), classroom: {} }),
    ).rejects.toThrow(/--sandbox docker/);
  });
});
