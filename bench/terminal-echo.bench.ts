// Keystroke echo against the anchors, in one run on this machine (issue 17's goal: p50 at or below the
// anchor's, p95 within 1 ms of it). The anchors: ttyd when a build of it is at hand (ttyd.ts), and
// always the reference page (reference-terminal.ts): xterm.js on a bare WebSocket relay to the same
// shell, the floor for any page. All run bash without rc files and with an empty HOME, in Debian's
// Chromium at 1280×720. The pages take turns key by key (terminal-browser.ts echoLatencies), so load on
// the machine and the display's frames fall on all alike; rounds rotate which page goes first.
// Every page's echoes are also split into keydown → sent, sent → output arrived, arrived → rendered.
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium';
import { startReferenceTerminal } from './reference-terminal';
import { SOCKET_PROBE, echoLatencies, echoStages, installScreenProbe, openTerminalPage, percentile, socketProbe, startBench, summary } from './terminal-browser';
import { openTtydPage, startTtyd, ttydPath, TTYD_FRAMES, type Ttyd } from './ttyd';

const ROUNDS = 6;
const KEYS = 200;

async function referencePage(browser: Browser, url: string, probe: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(probe);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="terminal"][data-status="open"]').waitFor();
  await page.locator('.xterm-screen').click();
  return page;
}

process.env.SHELL = '/bin/bash';
const ttydBinary = ttydPath();
const bench = await startBench();
const reference = await startReferenceTerminal();
let ttyd: Ttyd | null = null;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const deckhand = await openTerminalPage(bench, SOCKET_PROBE);
  await deckhand.keyboard.type('exec bash --norc --noprofile\n');
  // The terminal given the whole page (m), as the anchors give it, and as issue 17 measured.
  await deckhand.locator('.slide-area').click({ position: { x: 5, y: 5 } });
  await deckhand.keyboard.press('m');
  await deckhand.locator('.audience.layout-terminal').waitFor();
  await deckhand.locator('[data-testid="terminal"] .xterm-screen').click();

  const pages: { name: string; page: Page }[] = [{ name: 'Deckhand', page: deckhand }];
  if (ttydBinary) {
    ttyd = await startTtyd(ttydBinary);
    console.log(`anchor: ${ttyd.version} (${ttydBinary}), DOM renderer`);
    pages.push({ name: 'ttyd', page: await openTtydPage(browser, ttyd, socketProbe(TTYD_FRAMES)) });
  } else {
    console.log('anchor: no ttyd build found ($DECKHAND_TTYD or ttyd on PATH): the reference page only');
  }
  // The reference speaks raw bytes: every send is a keystroke, every message output.
  pages.push({ name: 'reference', page: await referencePage(browser, reference.url, socketProbe()) });
  for (const { page } of pages.slice(1)) await installScreenProbe(page);
  await deckhand.waitForTimeout(1000);
  // A warm-up round on each, not counted: the first keys of a page pay for its code being compiled.
  await echoLatencies(pages.map(({ page }) => page), 60);

  const echoes = new Map<string, number[]>(pages.map(({ name }) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // The pages take turns key by key; which goes first rotates each round.
    const order = pages.map((_, i) => pages[(i + round) % pages.length] as (typeof pages)[number]);
    const times = await echoLatencies(order.map(({ page }) => page), KEYS);
    order.forEach(({ name }, i) => echoes.get(name)?.push(...(times[i] ?? [])));
    console.log(`round ${round + 1}: ${order.map(({ name }, i) => `${name} ${summary(times[i] ?? [])}`).join('; ')}`);
  }
  const ours = echoes.get('Deckhand') ?? [];
  console.log(`echo, all rounds: ${pages.map(({ name }) => `${name} ${summary(echoes.get(name) ?? [])}`).join('; ')}`);
  for (const { name } of pages.slice(1)) {
    const theirs = echoes.get(name) ?? [];
    const ratio = (p: number): string => (percentile(ours, p) / percentile(theirs, p)).toFixed(2);
    const p50 = percentile(ours, 50) <= percentile(theirs, 50) ? 'met' : 'not met';
    const p95 = percentile(ours, 95) <= percentile(theirs, 95) + 1 ? 'met' : 'not met';
    console.log(`against ${name}: ratio p50 ${ratio(50)}, p95 ${ratio(95)}; goal p50 ≤ anchor (${p50}), p95 ≤ anchor + 1 ms (${p95})`);
  }

  const stages = await echoStages(pages.map(({ page }) => page), KEYS);
  pages.forEach(({ name }, i) => {
    const own = stages[i] ?? [];
    const stage = (s: number): string => `p50 ${percentile(own.map((t) => t[s] as number), 50).toFixed(1)} / p95 ${percentile(own.map((t) => t[s] as number), 95).toFixed(1)} ms`;
    console.log(`${name}'s echo by stage (n=${own.length}): keydown → sent ${stage(0)}; sent → output arrived ${stage(1)}; arrived → rendered ${stage(2)}`);
  });
} finally {
  await browser.close();
  await ttyd?.close();
  await reference.close();
  await bench.close();
}
