// The rehearsal recording route against the real server: access, origin, what it accepts, what it
// writes and where, and that the server's secret never lands in a recording.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCast, writeCastV3, type Recording } from '@deckhand/recording';
import { startServer, type RunningServer } from './server';
import { LocalShellSandbox } from './sandbox/local-shell';
import { createLogger } from './log';
import { exchangeSecret } from './access/access-client';

let server: RunningServer;
let dir: string;
let origin: string;
let credential: string;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'deckhand-rehearsal-'));
  writeFileSync(path.join(dir, 'deck.md'), '# One\n\n```sh {id=hello}\necho hello\n```\n\n```sh\necho second\n```\n');
  server = await startServer({ decks: dir, appDir: dir, sandbox: new LocalShellSandbox({ cwd: dir }), host: '127.0.0.1', port: 0, logger: createLogger(() => undefined) });
  origin = `http://127.0.0.1:${server.port}`;
  token = new URL(server.url).searchParams.get('token') ?? '';
  credential = await exchangeSecret(server.url);
});

afterAll(async () => {
  await server.close();
});

const cast = (output: string): string => {
  const recording: Recording = { cols: 80, rows: 24, events: [{ time: 0.1, code: 'o', data: 'echo hello\r\n' }, { time: 0.2, code: 'o', data: output }] };
  return writeCastV3(recording);
};

function post(block: string, body: string, headers: Record<string, string> = { Authorization: `Bearer ${credential}`, Origin: origin }) {
  return fetch(`${origin}/api/recordings/deck/${block}`, { method: 'POST', headers: { 'Content-Type': 'text/plain', ...headers }, body });
}

describe('rehearsal recordings', () => {
  it('writes a run where deckhand record would, stamped as a rehearsal, with the server secret removed', async () => {
    const response = await post('hello', cast(`hello ${token} ${credential}\r\n$ `));
    expect(response.status).toBe(201);
    const file = path.join(dir, '.recordings', 'deck', 'hello.cast');
    expect(await response.json()).toEqual({ file: path.join('.recordings', 'deck', 'hello.cast') });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain(credential);
    const { recording, problems } = parseCast(text);
    expect(problems).toEqual([]);
    expect(recording?.stamp).toMatchObject({ deck: 'deck.md', block: 'hello', by: 'rehearsal' });
    expect(recording?.events.map((event) => event.data).join('')).toBe('echo hello\r\nhello [redacted] [redacted]\r\n$ ');
  });

  it('needs access, and a page of this server', async () => {
    expect((await post('hello', cast('x'), { Origin: origin })).status).toBe(401);
    expect((await post('hello', cast('x'), { Authorization: `Bearer ${credential}`, Origin: 'http://127.0.0.1:1' })).status).toBe(403);
  });

  it('refuses an unknown deck or block, and a body that is not an asciicast, saying why', async () => {
    const unknown = await post('s9-b9', cast('x'));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/no runnable block "s9-b9"/);
    const bad = await post('s1-b2', 'not a recording');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/line 1: not an asciicast/);
    expect(readdirSync(path.join(dir, '.recordings', 'deck'))).toEqual(['hello.cast']);
  });

  it('refuses a recording over the size limit with a clear message', async () => {
    const response = await post('hello', cast('x'.repeat(11 * 1024 * 1024)));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(/A recording may hold 5 MB of output/);
  });
});
