// Anyone who can reach the port, without the secret, sends what they like: malformed upgrade targets,
// badly %-encoded cookies, random request lines and headers, random WebSocket frames. The real server
// process answers each for itself and stays up for everyone else, and a peer that stops reading does
// not make it hold what it is sent.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { exchangeSecret } from '@deckhand/server';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';

let deckhand: RunningDeckhand;
let port: number;

test.beforeAll(async () => {
  deckhand = await startDeckhand(['e2e/fixtures/skeleton.md']);
  port = Number(new URL(deckhand.url).port);
});

test.afterAll(async () => {
  await deckhand.stop();
});

/**
 * Sends raw bytes and returns what came back before the server closed or `waitMs` passed. The server
 * closes after answering these requests, so the wait only bounds a server that does not; it is long
 * because the first answer after start can take over a second while the other suites load the machine.
 */
function raw(request: string | Buffer, waitMs = 5_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
    socket.write(request);
  });
}

async function expectAlive(after: string): Promise<void> {
  expect(deckhand.exited(), `the server process ended after ${after}:\n${deckhand.output().slice(-2000)}`).toBe(false);
  const response = await fetch(`${deckhand.origin}/`);
  expect(response.status, `the server answers after ${after}`).toBe(200);
}

const upgrade = (target: string, extra = ''): string =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

test('an upgrade to an absolute address that does not parse gets a 400, and the server stays up', async () => {
  for (const target of ['http://[/ws/terminal', 'http://[::1/ws/presenter', 'ws://%zz/ws/terminal', '*', 'http://127.0.0.1:1/ws/terminal?x=%']) {
    const answer = await raw(upgrade(target));
    expect(answer, target).toMatch(/^HTTP\/1\.1 (400|401|404)/);
    await expectAlive(`an upgrade to ${target}`);
  }
});

test('a badly %-encoded cookie on an upgrade or a request is harmless: refused, and the server stays up', async () => {
  for (const cookie of ['deckhand_access=%E0%A4%A', 'deckhand_client=%', 'deckhand_access=%E0%A4%A; deckhand_client=%ZZ']) {
    expect(await raw(upgrade('/ws/terminal', `Cookie: ${cookie}\r\n`))).toMatch(/^HTTP\/1\.1 401/);
    expect(await raw(upgrade('/ws/presenter', `Cookie: ${cookie}\r\nOrigin: ${deckhand.origin}\r\n`))).toMatch(/^HTTP\/1\.1 401/);
    const response = await fetch(`${deckhand.origin}/api/decks`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(401);
    await expectAlive(`the cookie ${cookie}`);
  }
});

test('a sync peer that stops reading is dropped, and the server does not hold what it was sent', async () => {
  test.setTimeout(60_000);
  const credential = await exchangeSecret(deckhand.url);
  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/presenter`, { headers: { Authorization: `Bearer ${credential}` } });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  const stalled = await open();
  const closed = new Promise<void>((resolve) => stalled.once('close', () => resolve()));
  (stalled as unknown as { _socket: net.Socket })._socket.pause();
  const sender = await open();
  // A view that reads, counting what the server relayed: the sender waits for each burst to arrive
  // there, so what was offered is what the server has handled.
  const bystander = await open();
  let relayed = 0;
  bystander.on('message', () => relayed++);
  const before = rssMiB(deckhand.pid);
  let peak = before;
  const message = JSON.stringify({ type: 'run', deck: 'skeleton', block: 'b'.repeat(240) });
  const dropped = (): boolean => deckhand.output().includes('dropping a presenter view that stopped reading');
  let sent = 0;
  // Up to 100 MB offered to the stalled peer, until the server says it dropped it (the peer itself
  // cannot see its close while it does not read).
  while (!dropped() && sent < 100 * 2 ** 20) {
    for (let i = 0; i < 1_000; i++) sender.send(message);
    sent += 1_000 * message.length;
    const target = relayed + 1_000;
    for (let wait = 0; relayed < target && wait < 1_000; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    peak = Math.max(peak, rssMiB(deckhand.pid));
  }
  expect(dropped(), `the stalled peer was dropped after ${Math.round(sent / 2 ** 20)} MB`).toBe(true);
  (stalled as unknown as { _socket: net.Socket })._socket.resume();
  await closed;
  peak = Math.max(peak, rssMiB(deckhand.pid));
  console.log(`stalled sync peer: dropped after ${(sent / 2 ** 20).toFixed(1)} MB relayed; server RSS ${before} → ${peak} MiB`);
  expect(sent, 'dropped once its queue passed the bound (and the kernel buffers filled)').toBeLessThan(32 * 2 ** 20);
  expect(peak - before, `the server grew from ${before} to ${peak} MiB while one view stalled`).toBeLessThan(64);
  bystander.close();
  sender.close();
  await expectAlive('a stalled sync peer');
});

test('fuzz: random request lines, headers, cookies and frames never end the server', async () => {
  test.setTimeout(90_000);
  const seed = Number(process.env.DECKHAND_FUZZ_SEED ?? Date.now() % 2 ** 31);
  const random = mulberry32(seed);
  const credential = await exchangeSecret(deckhand.url);
  const until = Date.now() + Number(process.env.DECKHAND_FUZZ_MS ?? 20_000);
  let requests = 0;
  while (Date.now() < until) {
    const request = hostileRequest(random, port);
    await raw(request, 300);
    requests++;
    if (requests % 25 === 0) await hostileFrames(random, port, credential);
    await expectAlive(`fuzz request ${requests} (seed ${seed}): ${JSON.stringify(request.toString('latin1').slice(0, 300))}`);
  }
  console.log(`fuzz: ${requests} requests and ${Math.floor(requests / 25)} sockets of random frames, seed ${seed}`);
  expect(requests).toBeGreaterThan(50);
});

/** Opens an authorized socket on a random route and sends it random frames, text and binary. */
async function hostileFrames(random: () => number, port: number, credential: string): Promise<void> {
  const route = random() < 0.5 ? '/ws/presenter' : '/ws/terminal?term=9&cols=0&rows=99999';
  const socket = new WebSocket(`ws://127.0.0.1:${port}${route}`, route.startsWith('/ws/terminal') ? ['deckhand.terminal.v2'] : [], {
    headers: { Authorization: `Bearer ${credential}` },
  });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1_000);
    socket.once('error', () => resolve());
    socket.once('close', () => resolve());
    socket.once('open', () => {
      for (let i = 0; i < 20 && socket.readyState === WebSocket.OPEN; i++) {
        const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
        const text = pick(random, ['{"type":"terminal-tab","deck":"x","term":1e9}', '{"type":"slide","deck":{},"slide":[]}', '{"__proto__":{"a":1},"type":"hello","deck":"d"}', 'null', '[]', '"', bytes.toString('latin1')]);
        socket.send(random() < 0.5 ? bytes : text);
      }
      setTimeout(() => {
        clearTimeout(timer);
        socket.terminate();
        resolve();
      }, 50);
    });
  });
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'CONNECT', 'TRACE', 'G\x00T', ''];
const TARGETS = ['/', '/?token=', '/?token=%', '/?token[]=a&token=b', '/api/decks', '/api/decks/%', '/api/decks/%E0%A4%A', '/api/access', '/api/tickets',
  '/files/%2e%2e/%2e%2e/etc/passwd', '/files/x/..%2f..%2fetc%2fpasswd', '/ws/terminal', '/ws/terminal?term=1e99&offset=-1', '/ws/presenter?ticket=%',
  'http://[/ws/terminal', 'http://[', '*', '//', '/\\..\\..\\', '/%00', '/assets/%ff'];
const HEADER_NAMES = ['Cookie', 'Authorization', 'Origin', 'Host', 'Content-Length', 'Transfer-Encoding', 'Upgrade', 'Connection', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version', 'Sec-WebSocket-Protocol', 'Content-Type', 'X-Forwarded-For', 'Accept-Encoding', 'Range'];

function hostileRequest(random: () => number, port: number): Buffer {
  const junk = (max: number): string => Array.from({ length: Math.floor(random() * max) }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
  const percent = (): string => pick(random, ['%', '%E0%A4%A', '%zz', '%00', '%ff%fe', '%2e%2e', '%u0041', encodeURIComponent(junk(8))]);
  const target = random() < 0.7 ? pick(random, TARGETS) + (random() < 0.3 ? percent() : '') : '/' + junk(40);
  const lines = [`${pick(random, METHODS)} ${target} ${pick(random, ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', ''])}`];
  if (random() < 0.9) lines.push(`Host: ${pick(random, [`127.0.0.1:${port}`, `localhost:${port}`, 'evil.example', '', '[', junk(20)])}`);
  if (random() < 0.5) lines.push('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==');
  for (let i = Math.floor(random() * 6); i > 0; i--) {
    const name = pick(random, HEADER_NAMES);
    const value =
      name === 'Cookie'
        ? `${pick(random, ['deckhand_access', 'deckhand_client', 'a', ''])}=${percent()}${junk(10)}; ${junk(10)}`
        : name === 'Authorization'
          ? `Bearer ${pick(random, ['', 'x'.repeat(600), percent(), junk(30)])}`
          : name === 'Content-Length'
            ? pick(random, ['-1', '99999999999999999999', '5', 'abc', ''])
            : junk(40);
    lines.push(`${name}: ${value}`);
  }
  const body = random() < 0.3 ? pick(random, ['{"token":', '{"token":{"a":1}}', junk(200), '0\r\n\r\n', 'ff\r\nshort']) : '';
  return Buffer.from(lines.join('\r\n') + '\r\n\r\n' + body, 'latin1');
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A small seeded generator, so a failing run can be repeated with DECKHAND_FUZZ_SEED. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(match?.[1] ?? 0) / 1024);
}
