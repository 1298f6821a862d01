// The server with a real pty and a real WebSocket: access rules, and a shell that answers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SUBPROTOCOL, decodeServerFrame, encodeClientFrame } from '@deckhand/protocol';
import { startServer, type RunningServer } from './server';
import { LocalShellSandbox } from './sandbox/local-shell';
import { createLogger } from './log';

let server: RunningServer;
let base: string;
let cookie: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'deckhand-server-'));
  writeFileSync(path.join(dir, 'deck.md'), '# One\n\n---\n\n# Two\n');
  server = await startServer({
    decks: dir,
    appDir: dir,
    sandbox: new LocalShellSandbox({ cwd: dir }),
    host: '127.0.0.1',
    port: 0,
    logger: createLogger(() => undefined),
  });
  base = `127.0.0.1:${server.port}`;
  const response = await fetch(server.url, { redirect: 'manual' });
  cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});

afterAll(async () => {
  await server.close();
});

function connect(headers: Record<string, string>): Promise<{ status: number } | WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${base}/ws/terminal`, SUBPROTOCOL, { headers });
    socket.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    socket.on('open', () => resolve(socket));
    socket.on('error', reject);
  });
}

describe('access', () => {
  it('exchanges the printed secret for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const response = await fetch(server.url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('refuses the API and the terminal without the secret (401)', async () => {
    expect((await fetch(`http://${base}/api/decks`)).status).toBe(401);
    expect(await connect({ Origin: `http://${base}` })).toEqual({ status: 401 });
  });

  it('refuses a foreign Origin or Host before upgrading (403)', async () => {
    expect(await connect({ Cookie: cookie, Origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await connect({ Cookie: cookie, Host: `evil.example:${server.port}` })).toEqual({ status: 403 });
  });

  it('lists decks to a browser that has the cookie', async () => {
    const decks = (await (await fetch(`http://${base}/api/decks`, { headers: { Cookie: cookie } })).json()) as unknown;
    expect(decks).toEqual([{ id: 'deck', title: 'One', slides: 2, duration: null }]);
  });
});

describe('terminal', () => {
  it('runs a command in a real shell and streams its output back', async () => {
    const socket = (await connect({ Cookie: cookie, Origin: `http://${base}` })) as WebSocket;
    let output = '';
    const seen = new Promise<void>((resolve) => {
      socket.on('message', (data: Buffer) => {
        const frame = decodeServerFrame(new Uint8Array(data));
        if (frame.type === 'output') output += Buffer.from(frame.data).toString();
        if (output.includes('answer-42')) resolve();
      });
    });
    socket.send(encodeClientFrame({ type: 'input', data: Buffer.from('echo answer-$((6*7))\r') }));
    await seen;
    socket.close();
  });

  it('closes a socket that sends a malformed frame, and only that socket', async () => {
    const bad = (await connect({ Cookie: cookie, Origin: `http://${base}` })) as WebSocket;
    const good = (await connect({ Cookie: cookie, Origin: `http://${base}` })) as WebSocket;
    const closed = new Promise<number>((resolve) => bad.on('close', (code) => resolve(code)));
    bad.send(Buffer.from([0x7f, 1, 2, 3]));
    expect(await closed).toBe(1002);
    expect(good.readyState).toBe(WebSocket.OPEN);
    good.close();
  });
});
