// Followers at scale: 1,000 real WebSocket followers of one Deckhand on loopback, and how long a slide
// change by the trainer takes to reach them (p50/p95/max over every follower and every change, the
// issue's goal p95 ≤ 100 ms), and what the server's memory grows by per follower. The followers come
// from 250 loopback addresses (127.0.0.2 …), so the per-address limit applies as it would in a room;
// they run in this process, so their own work is in the figures (a pessimistic measure).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { exchangeSecret } from '@deckhand/server';

const FOLLOWERS = Number(process.env.DECKHAND_BENCH_FOLLOWERS ?? 1_000);
const CHANGES = 30;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const server = spawn(process.execPath, [path.join(root, 'apps/cli/bin/deckhand.js'), 'serve', 'slides', '--port', '0', '--max-followers', String(FOLLOWERS + 100)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let printed = '';
const addresses = await new Promise<{ trainer: string; follower: string }>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no address in 120 s:\n${printed}`)), 120_000);
  const read = (chunk: Buffer): void => {
    printed += chunk.toString();
    const trainer = /Deckhand is running at (\S+)/.exec(printed)?.[1];
    const follower = /Followers \(slides only, no shell\): (\S+)/.exec(printed)?.[1];
    if (trainer && follower) {
      clearTimeout(timer);
      resolve({ trainer, follower });
    }
  };
  server.stdout.on('data', read);
  server.stderr.on('data', read);
});

try {
  const origin = new URL(addresses.trainer).origin;
  const port = new URL(origin).port;
  const trainerCredential = await exchangeSecret(addresses.trainer);
  const followLink = new URL(addresses.follower);
  const followerCredential = ((await (
    await fetch(`${origin}/api/access`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: followLink.searchParams.get('token'), role: 'follower' }),
    })
  ).json()) as { credential: string }).credential;

  const trainer = new WebSocket(`ws://127.0.0.1:${port}/ws/presenter`, { headers: { Authorization: `Bearer ${trainerCredential}` } });
  await new Promise((resolve) => trainer.once('open', resolve));
  const deck = '01-introduction';
  trainer.send(JSON.stringify({ type: 'slide', deck, slide: 1 }));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = rssMiB(server.pid ?? 0);

  /** For each change, when it was sent; for each follower, when each slide arrived. */
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const followers: WebSocket[] = [];
  for (let i = 0; i < FOLLOWERS; i++) {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/follow`, {
      headers: { Authorization: `Bearer ${followerCredential}` },
      localAddress: `127.0.0.${2 + (i % 250)}`,
    });
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { slide: number };
      const sent = sentAt.get(message.slide);
      if (sent !== undefined) latencies.push(performance.now() - sent);
    });
    followers.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('message', () => resolve());
      socket.once('error', reject);
      socket.once('close', (code, reason) => reject(new Error(`follower ${i} closed: ${code} ${reason.toString()}`)));
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const after = rssMiB(server.pid ?? 0);

  for (let change = 0; change < CHANGES; change++) {
    const slide = 2 + change; // a new slide each time, so every arrival belongs to one change
    sentAt.set(slide, performance.now());
    trainer.send(JSON.stringify({ type: 'slide', deck, slide }));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const expected = FOLLOWERS * CHANGES;
  console.log(
    `${FOLLOWERS} followers, ${CHANGES} slide changes: delivered ${latencies.length}/${expected}; ` +
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms (goal p95 ≤ 100 ms)`,
  );
  console.log(`server memory: ${before.toFixed(0)} MiB before followers, ${after.toFixed(0)} MiB with them: ${(((after - before) * 1024) / FOLLOWERS).toFixed(1)} KiB per follower`);
  for (const socket of followers) socket.terminate();
  trainer.close();
} finally {
  server.kill('SIGTERM');
}
