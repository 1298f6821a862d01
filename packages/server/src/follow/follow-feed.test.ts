// Following with real servers and real WebSocket clients: a follower link reads the decks and where the
// trainer is, never a shell or the deck's controls; the trainer's dashboard counts followers; a new link
// shuts the old one out; limits hold; a shared terminal is read-only; another Deckhand follows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FollowCloseCode, SUBPROTOCOL, decodeServerFrame, encodeClientFrame } from '@deckhand/protocol';
import { exchangeSecret } from '../access/access-client';
import { createLogger } from '../log';
import { LocalShellSandbox } from '../sandbox/local-shell';
import { startServer, type RunningServer, type ServerOptions } from '../server';

const dir = mkdtempSync(path.join(tmpdir(), 'deckhand-follow-'));
writeFileSync(path.join(dir, 'course.md'), '# One\n\n---\n\n# Two\n\n![diagram](diagram.svg)\n\n---\n\n# Three\n');
writeFileSync(path.join(dir, 'diagram.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(path.join(dir, 'trainer-notes.txt'), 'answers to every exercise');
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>app</title></head><body></body></html>');

async function serve(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({
    decks: dir,
    appDir: dir,
    sandbox: new LocalShellSandbox({ cwd: dir, shell: '/bin/bash', args: ['--norc', '--noprofile'] }),
    host: '127.0.0.1',
    port: 0,
    logger: createLogger(() => undefined),
    ...options,
  });
}

async function followerCredential(server: RunningServer): Promise<string> {
  const link = new URL(server.followUrl);
  const response = await fetch(`${link.origin}/api/access`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: link.searchParams.get('token'), role: 'follower' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { credential: string }).credential;
}

interface Peer {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
  until(check: (message: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
}

function connect(server: RunningServer, route: string, credential: string, protocols: string[] = []): Promise<Peer | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${route}`, protocols, { headers: { Authorization: `Bearer ${credential}` } });
    const messages: Record<string, unknown>[] = [];
    const waiters = new Set<() => void>();
    socket.on('message', (data, isBinary) => {
      if (!isBinary) messages.push(JSON.parse(data.toString()) as Record<string, unknown>);
      for (const wake of waiters) wake();
    });
    const closed = new Promise<{ code: number; reason: string }>((done) => socket.on('close', (code, reason) => done({ code, reason: reason.toString() })));
    const until: Peer['until'] = (check, what) =>
      new Promise((done, fail) => {
        const look = (): boolean => {
          const found = messages.find(check);
          if (found) {
            waiters.delete(wake);
            clearTimeout(timer);
            done(found);
          }
          return Boolean(found);
        };
        const wake = (): void => void look();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          fail(new Error(`no ${what} within 5 s; got ${JSON.stringify(messages.slice(-5))}`));
        }, 5_000);
        if (!look()) waiters.add(wake);
      });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('open', () => resolve({ socket, messages, closed, until }));
    socket.once('error', reject);
  });
}

let server: RunningServer;
let trainer: string;
let follower: string;

beforeAll(async () => {
  server = await serve();
  trainer = await exchangeSecret(server.url);
  follower = await followerCredential(server);
});

afterAll(async () => {
  await server.close();
});

describe('the follower link', () => {
  it('opens the follower door: the app page with a follower credential', async () => {
    const response = await fetch(server.followUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`content="${follower}" data-role="follower"`);
    // The trainer's secret does not open the follower door, nor the other way round.
    const token = new URL(server.url).searchParams.get('token') ?? '';
    expect((await fetch(`http://127.0.0.1:${server.port}/follow/?token=${token}`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${server.port}/?token=${new URL(server.followUrl).searchParams.get('token')}`)).status).toBe(401);
  });

  it('reads the decks, and nothing that drives them or opens a shell', async () => {
    const bearer = { Authorization: `Bearer ${follower}` };
    const deck = await fetch(`http://127.0.0.1:${server.port}/api/decks/course`, { headers: bearer });
    expect(deck.status).toBe(200);
    // The files the decks point to, and nothing else of the folder.
    const prefix = /src="(\/files\/[^/"]+\/)diagram\.svg"/.exec(JSON.stringify(await deck.json()).replace(/\\"/g, '"'))?.[1];
    expect(prefix).toBeTruthy();
    expect((await fetch(`http://127.0.0.1:${server.port}${prefix}diagram.svg`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${server.port}${prefix}trainer-notes.txt`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/follow-link`, { headers: bearer })).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/follow-link`, { method: 'POST', headers: bearer })).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/follow`, { method: 'DELETE', headers: bearer })).status).toBe(403);
    expect(await connect(server, '/ws/terminal', follower, [SUBPROTOCOL])).toBe(403);
    expect(await connect(server, '/ws/presenter', follower)).toBe(403);
    expect(await connect(server, '/ws/follow', trainer)).toBe(403);
  });
});

describe('the follow feed', () => {
  it('tells followers where the trainer is, and the trainer how many follow and where they are', async () => {
    const view = (await connect(server, '/ws/presenter', trainer)) as Peer;
    const first = (await connect(server, '/ws/follow', follower)) as Peer;
    const second = (await connect(server, '/ws/follow', follower)) as Peer;
    view.socket.send(JSON.stringify({ type: 'slide', deck: 'course', slide: 2 }));
    view.socket.send(JSON.stringify({ type: 'details', deck: 'course', slide: 2, index: 1, open: true }));
    for (const peer of [first, second]) {
      await peer.until((message) => message.type === 'position' && message.slide === 2 && (message.open as number[]).includes(1), 'the trainer on slide 2 with tip 1 open');
    }
    first.socket.send(JSON.stringify({ type: 'report', deck: 'course', slide: 2, done: ['ex-1'], name: 'Ada' }));
    second.socket.send(JSON.stringify({ type: 'report', deck: 'course', slide: 1 }));
    const summary = await view.until((message) => message.type === 'followers' && message.connected === 2 && message.here === 1, 'the dashboard');
    expect(summary).toMatchObject({ deck: 'course', slide: 2, terminal: null, connected: 2, here: 1, behind: 1, ahead: 0, elsewhere: 0, done: [['ex-1', 1]], names: ['Ada'] });
    for (const peer of [view, first, second]) peer.socket.close();
  });

  it('closes a follower that tries to drive the deck; the trainer never hears it', async () => {
    const view = (await connect(server, '/ws/presenter', trainer)) as Peer;
    const rogue = (await connect(server, '/ws/follow', follower)) as Peer;
    for (const message of [{ type: 'slide', deck: 'course', slide: 3 }, { type: 'run', deck: 'course', block: 'b' }, { type: 'report', slide: 'x' }]) {
      const peer = (await connect(server, '/ws/follow', follower)) as Peer;
      peer.socket.send(JSON.stringify(message));
      expect((await peer.closed).code).toBe(1008);
    }
    rogue.socket.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(view.messages.filter((message) => message.type === 'slide' || message.type === 'run')).toEqual([]);
    view.socket.close();
  });

  it('gives a follower that stopped reading only the latest position, and never holds back the others', async () => {
    const view = (await connect(server, '/ws/presenter', trainer)) as Peer;
    const stalled = (await connect(server, '/ws/follow', follower)) as Peer;
    (stalled.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const lively = (await connect(server, '/ws/follow', follower)) as Peer;
    for (let move = 0; move < 3_000; move++) view.socket.send(JSON.stringify({ type: 'slide', deck: 'course', slide: (move % 3) + 1 }));
    view.socket.send(JSON.stringify({ type: 'slide', deck: 'course', slide: 2 }));
    view.socket.send(JSON.stringify({ type: 'details', deck: 'course', slide: 2, index: 7, open: true }));
    await lively.until((message) => message.type === 'position' && (message.open as number[]).includes(7), 'the last position');
    (stalled.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await stalled.until((message) => message.type === 'position' && (message.open as number[]).includes(7), 'the last position, late');
    // It never got the 3,000 moves one by one: only what was on its way, and then the latest.
    expect(stalled.messages.length).toBeLessThan(100);
    for (const peer of [view, stalled, lively]) peer.socket.close();
  });
});

describe('a new follower link', () => {
  it('disconnects and refuses everyone who had the old one', async () => {
    const own = await serve();
    try {
      const ownTrainer = await exchangeSecret(own.url);
      const oldLink = own.followUrl;
      const oldCredential = await followerCredential(own);
      const peer = (await connect(own, '/ws/follow', oldCredential)) as Peer;
      const rotated = await fetch(`http://127.0.0.1:${own.port}/api/follow-link`, { method: 'POST', headers: { Authorization: `Bearer ${ownTrainer}` } });
      const { url, qr } = (await rotated.json()) as { url: string; qr: string };
      expect(url).not.toBe(oldLink);
      expect(qr).toMatch(/^<svg /);
      expect((await peer.closed).code).toBe(FollowCloseCode.LinkReplaced);
      expect((await fetch(oldLink)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${own.port}/api/decks`, { headers: { Authorization: `Bearer ${oldCredential}` } })).status).toBe(401);
      expect(await connect(own, '/ws/follow', oldCredential)).toBe(401);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe('limits', () => {
  it('refuses followers beyond the per-address limit, with a reason', async () => {
    const limited = await serve({ followLimits: { maxFollowersPerAddress: 3 } });
    try {
      const credential = await followerCredential(limited);
      const admitted = await Promise.all([1, 2, 3].map(() => connect(limited, '/ws/follow', credential) as Promise<Peer>));
      const refused = (await connect(limited, '/ws/follow', credential)) as Peer;
      const { code, reason } = await refused.closed;
      expect(code).toBe(FollowCloseCode.TooMany);
      expect(reason).toMatch(/at most 3 followers from one address/);
      admitted[0]?.socket.close();
      await admitted[0]?.closed;
      const again = (await connect(limited, '/ws/follow', credential)) as Peer;
      await again.until((message) => message.type === 'position', 'a position once there was room');
      for (const peer of [...admitted, again]) peer.socket.close();
    } finally {
      await limited.close();
    }
  });
});

describe('the shared terminal', () => {
  it('shows followers the trainer\'s terminal, read-only, only while it is shared', async () => {
    const client = 'trainer-page-0123456789';
    const shell = (await connect(server, `/ws/terminal?term=1&client=${client}`, trainer, [SUBPROTOCOL])) as Peer;
    const view = (await connect(server, '/ws/presenter', trainer)) as Peer;
    expect((await ((await connect(server, '/ws/follow/terminal', follower, [SUBPROTOCOL])) as Peer).closed).code).toBe(4012);

    view.socket.send(JSON.stringify({ type: 'share-terminal', deck: 'course', term: 1, client, on: true }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const watcher = (await connect(server, '/ws/follow/terminal', follower, [SUBPROTOCOL])) as Peer;
    let seen = '';
    watcher.socket.on('message', (data: Buffer) => {
      const frame = decodeServerFrame(new Uint8Array(data));
      if (frame.type === 'output') seen += Buffer.from(frame.data).toString();
    });
    shell.socket.send(encodeClientFrame({ type: 'input', data: Buffer.from('echo shared-$((6*7))\r') }));
    for (let i = 0; i < 100 && !seen.includes('shared-42'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toContain('shared-42');

    watcher.socket.send(encodeClientFrame({ type: 'input', data: Buffer.from('rm -rf ~\r') }));
    expect((await watcher.closed).code).toBe(1008);

    const second = (await connect(server, '/ws/follow/terminal', follower, [SUBPROTOCOL])) as Peer;
    view.socket.send(JSON.stringify({ type: 'share-terminal', deck: 'course', term: 1, client, on: false }));
    expect((await second.closed).code).toBe(4012);
    shell.socket.close();
    view.socket.close();
  });
});

describe('another Deckhand following this one', () => {
  it('tells its own views where the trainer is, and passes their reports to the trainer', async () => {
    const attendee = await serve({ follow: server.followUrl });
    try {
      const attendeeView = (await connect(attendee, '/ws/presenter', await exchangeSecret(attendee.url))) as Peer;
      const trainerView = (await connect(server, '/ws/presenter', trainer)) as Peer;
      trainerView.socket.send(JSON.stringify({ type: 'slide', deck: 'course', slide: 3 }));
      await attendeeView.until((message) => message.type === 'trainer' && message.state === 'following' && message.slide === 3, 'the trainer on slide 3');
      attendeeView.socket.send(JSON.stringify({ type: 'report', deck: 'course', slide: 3, name: 'Grace' }));
      await trainerView.until((message) => message.type === 'followers' && (message.names as string[]).includes('Grace') && message.here === 1, 'Grace on the dashboard');
      attendeeView.socket.close();
      trainerView.socket.close();
    } finally {
      await attendee.close();
    }
  });

  it('comes back by itself when the trainer\'s server restarts (same secret, same port)', async () => {
    const token = 'restart-secret-0123456789abcdef';
    let trainerServer = await serve({ token });
    const port = trainerServer.port;
    const attendee = await serve({ follow: trainerServer.followUrl });
    try {
      const attendeeView = (await connect(attendee, '/ws/presenter', await exchangeSecret(attendee.url))) as Peer;
      await attendeeView.until((message) => message.type === 'trainer' && message.state === 'following', 'following');
      await trainerServer.close();
      await attendeeView.until((message) => message.type === 'trainer' && message.state === 'connecting', 'reconnecting');
      trainerServer = await serve({ token, port });
      const trainerView = (await connect(trainerServer, '/ws/presenter', await exchangeSecret(trainerServer.url))) as Peer;
      trainerView.socket.send(JSON.stringify({ type: 'slide', deck: 'course', slide: 2 }));
      await attendeeView.until((message) => message.type === 'trainer' && message.state === 'following' && message.slide === 2, 'the trainer on slide 2 after the restart');
      attendeeView.socket.close();
      trainerView.socket.close();
    } finally {
      await attendee.close();
      await trainerServer.close();
    }
  }, 30_000);
});
