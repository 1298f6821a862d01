// Keystroke echo against an anchor, in one run on this machine (issue 17's goal: p50 at or below the
// anchor's, p95 within 1 ms of it). The anchor is ttyd when a build of it is at hand ($DECKHAND_TTYD or
// `ttyd` on PATH), else the reference page (reference-terminal.ts): xterm.js on a bare WebSocket relay
// to the same shell, the floor for any page. Both run bash without rc files and with an empty HOME, in
// Debian's Chromium at 1280×720; rounds alternate so load on the machine falls on both alike. Both
// pages' echoes are also split into keydown → sent, sent → output arrived, arrived → rendered.
import { execFileSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium';
import { startReferenceTerminal } from './reference-terminal';
import { SOCKET_PROBE, echoLatencies, echoStages, installScreenProbe, openTerminalPage, percentile, startBench, summary } from './terminal-browser';

const ROUNDS = 6;
const KEYS = 200;

function ttydPath(): string | null {
  if (process.env.DECKHAND_TTYD) return process.env.DECKHAND_TTYD;
  try {
    return execFileSync('sh', ['-c', 'command -v ttyd'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

process.env.SHELL = '/bin/bash';
const ttyd = ttydPath();
console.log(ttyd ? `anchor: ttyd at ${ttyd} is not driven by this bench yet; comparing with the reference page` : 'anchor: no ttyd build found ($DECKHAND_TTYD or ttyd on PATH): comparing with the reference page');
const bench = await startBench();
const reference = await startReferenceTerminal();
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const deckhand = await openTerminalPage(bench, SOCKET_PROBE);
  await deckhand.keyboard.type('exec bash --norc --noprofile\n');
  // The terminal given the whole page (m), as the reference page gives it, and as issue 17 measured.
  await deckhand.locator('.slide-area').click({ position: { x: 5, y: 5 } });
  await deckhand.keyboard.press('m');
  await deckhand.locator('.audience.layout-terminal').waitFor();
  await deckhand.locator('[data-testid="terminal"] .xterm-screen').click();
  const floorContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  // The reference speaks raw bytes: every send is a keystroke, every message output.
  await floorContext.addInitScript(SOCKET_PROBE.replace('data instanceof Uint8Array && data[0] === 0x01', 'true').replace('new Uint8Array(event.data)[0] === 0x81', 'true'));
  const floor: Page = await floorContext.newPage();
  await floor.goto(reference.url);
  await floor.locator('[data-testid="terminal"][data-status="open"]').waitFor();
  await floor.locator('.xterm-screen').click();
  await installScreenProbe(floor);
  await deckhand.waitForTimeout(1000);
  // A warm-up round on each, not counted: the first keys of a page pay for its code being compiled.
  await echoLatencies(deckhand, 60);
  await echoLatencies(floor, 60);

  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Which page goes first alternates too: the first of a pair has the machine a moment after a pause.
    let a: number[];
    let b: number[];
    if (round % 2 === 0) {
      a = await echoLatencies(deckhand, KEYS);
      b = await echoLatencies(floor, KEYS);
    } else {
      b = await echoLatencies(floor, KEYS);
      a = await echoLatencies(deckhand, KEYS);
    }
    ours.push(...a);
    theirs.push(...b);
    console.log(`round ${round + 1}: Deckhand ${summary(a)}; reference ${summary(b)}`);
  }
  const ratio = (p: number): string => (percentile(ours, p) / percentile(theirs, p)).toFixed(2);
  console.log(`echo, all rounds: Deckhand ${summary(ours)}; reference ${summary(theirs)}; ratio p50 ${ratio(50)}, p95 ${ratio(95)}`);
  console.log(`goal: p50 ≤ anchor (${percentile(ours, 50) <= percentile(theirs, 50) ? 'met' : 'not met'}), p95 ≤ anchor + 1 ms (${percentile(ours, 95) <= percentile(theirs, 95) + 1 ? 'met' : 'not met'})`);

  for (const [name, page] of [['Deckhand', deckhand], ['reference', floor]] as const) {
    const stages = await echoStages(page, KEYS);
    const stage = (i: number): string => `p50 ${percentile(stages.map((s) => s[i] as number), 50).toFixed(1)} / p95 ${percentile(stages.map((s) => s[i] as number), 95).toFixed(1)} ms`;
    console.log(`${name}'s echo by stage (n=${stages.length}): keydown → sent ${stage(0)}; sent → output arrived ${stage(1)}; arrived → rendered ${stage(2)}`);
  }
} finally {
  await browser.close();
  await reference.close();
  await bench.close();
}
