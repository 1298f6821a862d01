// Presenter sync over real WebSockets: relayed to every other view, never back to the sender; bad
// messages close only that socket; deck file changes reach every view.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from './log';
import { watchDecks } from './deck-watch';
import { createPresenterSync, type PresenterSync } from './presenter-sync';

let server: Server | null = null;
let sync: PresenterSync | null = null;

afterEach(async () => {
  sync?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  sync = null;
});

async function start(): Promise<string> {
  sync = createPresenterSync(createLogger(() => {}));
  server = createServer();
  server.on('upgrade', (request, socket, head) => sync?.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ws/presenter`;
}

async function connect(url: string): Promise<{ socket: WebSocket; messages: unknown[]; closed: Promise<number>; welcomed: Promise<string> }> {
  const socket = new WebSocket(url);
  const messages: unknown[] = [];
  let welcome: (server: string) => void = () => {};
  const welcomed = new Promise<string>((resolve) => (welcome = resolve));
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string; server?: string };
    if (message.type === 'welcome') welcome(message.server ?? '');
    else messages.push(message);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('open', resolve));
  return { socket, messages, closed, welcomed };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('presenter sync', () => {
  it('relays a view\'s message to every other view and not back to it', async () => {
    const url = await start();
    const [a, b, c] = await Promise.all([connect(url), connect(url), connect(url)]);
    a.socket.send(JSON.stringify({ type: 'slide', deck: 'course', slide: 4 }));
    await until(() => b.messages.length === 1 && c.messages.length === 1);
    expect(b.messages[0]).toEqual({ type: 'slide', deck: 'course', slide: 4 });
    expect(a.messages).toEqual([]);
    for (const view of [a, b, c]) view.socket.close();
  });

  it('welcomes every view with the id of this server run, and a restarted server with a new one', async () => {
    const url = await start();
    const [a, b] = await Promise.all([connect(url), connect(url)]);
    const first = await a.welcomed;
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await b.welcomed).toBe(first);
    a.socket.close();
    b.socket.close();
    sync?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    const again = await connect(await start());
    expect(await again.welcomed).not.toBe(first);
    again.socket.close();
  });

  it('closes a socket that sends something other than a sync message, and only that one', async () => {
    const url = await start();
    const [bad, good, other] = await Promise.all([connect(url), connect(url), connect(url)]);
    bad.socket.send('not json');
    expect(await bad.closed).toBe(1003);
    good.socket.send(JSON.stringify({ type: 'hello', deck: 'course' }));
    await until(() => other.messages.length === 1);
    good.socket.close();
    other.socket.close();
  });

  it('refuses a terminal tab that does not exist, a slide out of range and a server-only message, and relays none of them', async () => {
    const url = await start();
    const watcher = await connect(url);
    for (const message of [
      { type: 'terminal-tab', deck: 'course', term: 1000 },
      { type: 'slide', deck: 'course', slide: 1e9 },
      { type: 'deck-changed', deck: 'course' },
      { type: 'hello' },
    ]) {
      const peer = await connect(url);
      peer.socket.send(JSON.stringify(message));
      expect(await peer.closed).toBe(1003);
    }
    const good = await connect(url);
    good.socket.send(JSON.stringify({ type: 'terminal-tab', deck: 'course', term: 2, extra: '<b>dropped</b>' }));
    await until(() => watcher.messages.length === 1);
    expect(watcher.messages).toEqual([{ type: 'terminal-tab', deck: 'course', term: 2 }]);
    good.socket.close();
    watcher.socket.close();
  });

  it('drops a view that stops reading instead of holding what it was sent', async () => {
    const url = await start();
    const stalled = await connect(url);
    // The stalled view's own end stops reading from its TCP socket: the kernel's buffers fill, then the
    // server's would, without a bound. (e2e/hostile-requests.spec.ts measures the real server's memory.)
    (stalled.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const sender = await connect(url);
    const message = JSON.stringify({ type: 'run', deck: 'course', block: 'b'.repeat(200) });
    for (let burst = 0; burst < 200 && sync?.size() === 2; burst++) {
      await new Promise<void>((resolve) => {
        for (let i = 0; i < 1_000; i++) sender.socket.send(message, i === 999 ? () => resolve() : undefined);
      });
    }
    expect(sync?.size(), 'the stalled view was dropped').toBe(1);
    (stalled.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await stalled.closed;
    sender.socket.close();
  }, 60_000);

  it('tells every view when a deck file changes', async () => {
    const url = await start();
    const folder = mkdtempSync(path.join(tmpdir(), 'deckhand-watch-'));
    writeFileSync(path.join(folder, 'course.md'), '# One\n');
    const watch = watchDecks(folder, (id) => id === 'course', (id) => sync?.announce({ type: 'deck-changed', deck: id }));
    try {
      const view = await connect(url);
      writeFileSync(path.join(folder, 'notes.txt'), 'not a deck');
      writeFileSync(path.join(folder, 'course.md'), '# Two\n');
      await until(() => view.messages.length >= 1);
      expect(view.messages).toContainEqual({ type: 'deck-changed', deck: 'course' });
      expect(view.messages.every((message) => (message as { deck: string }).deck === 'course')).toBe(true);
      view.socket.close();
    } finally {
      watch.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
