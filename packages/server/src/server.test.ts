// The server with a real pty and a real WebSocket: access rules, and a shell that answers.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SUBPROTOCOL, decodeServerFrame, encodeClientFrame } from '@deckhand/protocol';
import { startServer, type RunningServer } from './server';
import { LocalShellSandbox } from './sandbox/local-shell';
import { createLogger } from './log';
import { exchangeSecret } from './access/access-client';

let server: RunningServer;
let base: string;
let credential: string;
const bearer = (): Record<string, string> => ({ Authorization: `Bearer ${credential}` });

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'deckhand-server-'));
  // The deck points to its diagram, and (as a hostile deck might) to links out of the folder.
  writeFileSync(path.join(dir, 'deck.md'), '# One\n\n---\n\n# Two\n\n![diagram](diagram.svg) ![a](passwd.png) ![b](etc/passwd) ![c](env.png) ![d](.env)\n');
  writeFileSync(path.join(dir, 'answers.txt'), 'the solutions');
  writeFileSync(path.join(dir, 'diagram.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(dir, '.env'), 'SECRET=1');
  symlinkSync('/etc', path.join(dir, 'etc'));
  symlinkSync('/etc/passwd', path.join(dir, 'passwd.png'));
  symlinkSync('.env', path.join(dir, 'env.png'));
  const appDir = mkdtempSync(path.join(tmpdir(), 'deckhand-app-'));
  writeFileSync(path.join(appDir, 'index.html'), '<!doctype html><html><head><title>app</title></head><body></body></html>');
  server = await startServer({
    decks: dir,
    appDir,
    // No rc files: the test is about the server, not this machine's shell start-up.
    sandbox: new LocalShellSandbox({ cwd: dir, shell: '/bin/bash', args: ['--norc', '--noprofile'] }),
    host: '127.0.0.1',
    port: 0,
    logger: createLogger(() => undefined),
  });
  base = `127.0.0.1:${server.port}`;
  credential = await exchangeSecret(server.url);
});

afterAll(async () => {
  await server.close();
});

function connect(headers: Record<string, string>, query = ''): Promise<{ status: number } | WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${base}/ws/terminal${query}`, SUBPROTOCOL, { headers });
    socket.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    socket.on('open', () => resolve(socket));
    socket.on('error', reject);
  });
}

async function ticket(): Promise<string> {
  const response = await fetch(`http://${base}/api/tickets`, { method: 'POST', headers: bearer() });
  return ((await response.json()) as { ticket: string }).ticket;
}

describe('access', () => {
  it('answers the printed address with the app page carrying the credential, never a cookie', async () => {
    const response = await fetch(server.url, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain(`<meta name="deckhand-access" content="${credential}" data-role="trainer" />`);
  });

  it('refuses a wrong secret with a plain message', async () => {
    const response = await fetch(`http://${base}/?token=not-the-secret-at-all`);
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/not valid for this server/);
  });

  it('refuses the API and the terminal without the credential (401)', async () => {
    expect((await fetch(`http://${base}/api/decks`)).status).toBe(401);
    expect((await fetch(`http://${base}/api/decks`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`http://${base}/api/tickets`, { method: 'POST' })).status).toBe(401);
    expect(await connect({ Origin: `http://${base}` })).toEqual({ status: 401 });
    expect(await connect({ Origin: `http://${base}` }, '?ticket=made-up')).toEqual({ status: 401 });
  });

  it('takes the printed secret itself only at the exchange, not as a credential', async () => {
    const token = new URL(server.url).searchParams.get('token') ?? '';
    expect((await fetch(`http://${base}/api/decks`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('opens a socket once per ticket', async () => {
    const once = await ticket();
    const socket = (await connect({ Origin: `http://${base}` }, `?ticket=${once}`)) as WebSocket;
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
    expect(await connect({ Origin: `http://${base}` }, `?ticket=${once}`)).toEqual({ status: 401 });
  });

  it('refuses a foreign Origin or Host before upgrading (403)', async () => {
    expect(await connect({ ...bearer(), Origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await connect({ ...bearer(), Host: `evil.example:${server.port}` })).toEqual({ status: 403 });
    expect(await connect({ Origin: `http://127.0.0.1:${server.port + 1}` }, `?ticket=${await ticket()}`)).toEqual({ status: 403 });
  });

  it('lists decks to a client with the credential', async () => {
    const decks = (await (await fetch(`http://${base}/api/decks`, { headers: bearer() })).json()) as unknown;
    expect(decks).toEqual([{ id: 'deck', title: 'One', slides: 2, duration: null }]);
  });
});

describe('terminal', () => {
  it('runs a command in a real shell and streams its output back', async () => {
    const socket = (await connect({ ...bearer(), Origin: `http://${base}` })) as WebSocket;
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
    const bad = (await connect({ ...bearer(), Origin: `http://${base}` })) as WebSocket;
    const good = (await connect({ ...bearer(), Origin: `http://${base}` })) as WebSocket;
    const closed = new Promise<number>((resolve) => bad.on('close', (code) => resolve(code)));
    bad.send(Buffer.from([0x7f, 1, 2, 3]));
    expect(await closed).toBe(1002);
    expect(good.readyState).toBe(WebSocket.OPEN);
    good.close();
  });
});

describe('deck files', () => {
  const filesPrefix = async (): Promise<string> => {
    const deck = (await (await fetch(`http://${base}/api/decks/deck`, { headers: bearer() })).json()) as { slides: { sectionHtml: string }[] };
    const match = /src="(\/files\/[^/"]+\/)diagram\.svg"/.exec(deck.slides[1]?.sectionHtml ?? '');
    expect(match, 'the deck names its image under /files/<key>/').not.toBeNull();
    return match?.[1] ?? '';
  };

  it('serves the folder\'s files at the address the deck gives, and nothing with another key', async () => {
    const prefix = await filesPrefix();
    expect((await fetch(`http://${base}${prefix}diagram.svg`)).status).toBe(200);
    expect((await fetch(`http://${base}/files/not-the-key/diagram.svg`)).status).toBe(401);
    expect((await fetch(`http://${base}/files/diagram.svg`)).status).toBe(404);
  });

  it('serves only the files the decks point to, not the rest of the folder', async () => {
    const prefix = await filesPrefix();
    for (const file of ['answers.txt', 'deck.md']) expect((await fetch(`http://${base}${prefix}${file}`)).status, file).toBe(404);
  });

  it('never follows a symbolic link out of the folder, and never serves dotfiles', async () => {
    const prefix = await filesPrefix();
    for (const file of ['etc/passwd', 'passwd.png', 'env.png', '.env', 'etc', '..%2f..%2fetc%2fpasswd', '%2e%2e%2fdeck.md']) {
      const response = await fetch(`http://${base}${prefix}${file}`);
      expect(response.status, file).toBe(404);
      expect(await response.text()).not.toContain('root:');
    }
  });
});

describe('errors', () => {
  it('answers a malformed address with a plain 400: no stack trace, no path, with or without access', async () => {
    for (const headers of [{}, bearer()]) {
      const response = await fetch(`http://${base}/api/decks/%`, { headers });
      expect([400, 401]).toContain(response.status);
      const body = await response.text();
      expect(body).not.toMatch(/at .*\(|node_modules|\/tmp\/|URIError|<pre>/);
    }
    const response = await fetch(`http://${base}/api/decks/%`, { headers: bearer() });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('answers a body that is not JSON with a plain 400', async () => {
    const response = await fetch(`http://${base}/api/access`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"token":' });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Bad request (400).');
  });
});
