// Shared by the terminal benchmarks: the real `deckhand serve`, Debian's Chromium through Playwright,
// and in-page probes that time what the user sees (text rendered in xterm's rows), so every figure
// is keydown-to-screen or first-byte-to-screen as a person would perceive it.
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { FrameType } from '@deckhand/protocol';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium';
import { startDeckhand, type RunningDeckhand } from '../e2e/support/deckhand';

export const FIXTURE = 'e2e/fixtures/terminal-tabs.md';

export interface Bench {
  deckhand: RunningDeckhand;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBench(args: string[] = []): Promise<Bench> {
  const deckhand = await startDeckhand([FIXTURE, ...args]);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  return {
    deckhand,
    browser,
    close: async () => {
      await browser.close();
      await deckhand.stop();
    },
  };
}

/** A fresh browser context (its own client id, so its own shells) on the deck, terminal open. */
export async function openTerminalPage(bench: Bench, initScript?: string): Promise<Page> {
  const context = await bench.browser.newContext({ viewport: { width: 1280, height: 720 } });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  await page.goto(bench.deckhand.url);
  await page.locator('[data-testid="terminal"][data-status="open"]').waitFor();
  await page.locator('[data-testid="terminal"] .xterm-screen').click();
  await installScreenProbe(page);
  return page;
}

/**
 * Records, in the page, the time from the last keydown to the next change of the visible rows, and
 * lets a caller wait for text to be rendered. Both use performance.now() in the page.
 */
export async function installScreenProbe(page: Page): Promise<void> {
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  await page.evaluate(`(() => {
    const probe = { keydownAt: 0, lastKeydown: 0, echoes: [], waiting: null };
    window.__probe = probe;
    document.addEventListener('keydown', () => { probe.keydownAt = probe.lastKeydown = performance.now(); }, true);
    const rows = document.querySelector('[data-testid="terminal"] .xterm-rows');
    new MutationObserver(() => {
      const now = performance.now();
      if (probe.keydownAt) { probe.echoes.push(now - probe.keydownAt); probe.keydownAt = 0; }
      if (probe.waiting && rows.textContent.includes(probe.waiting.text)) {
        const { resolve } = probe.waiting;
        probe.waiting = null;
        resolve(now);
      }
    }).observe(rows, { childList: true, subtree: true, characterData: true });
  })()`);
}

/**
 * Records when the page hands a keystroke to its WebSocket and when output frames arrive, so an echo's
 * time splits into keydown → sent, sent → arrived (server, shell and the browser's network hops) and
 * arrived → rendered. Installed before the page's own script (an init script). `frames` names the first
 * byte of a keystroke's frame and of an output frame in the page's protocol; without them every send is
 * a keystroke and every message output (a bare relay).
 */
export function socketProbe(frames: { input?: number; output?: number } = {}): string {
  const isInput = frames.input === undefined ? 'true' : `data instanceof Uint8Array && data[0] === ${frames.input}`;
  const isOutput = frames.output === undefined ? 'true' : `new Uint8Array(event.data)[0] === ${frames.output}`;
  return `(() => {
  const times = (window.__socketTimes = { sent: [], arrived: [] });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer && ${isOutput}) times.arrived.push(performance.now());
      });
    }
    send(data) {
      if (${isInput}) times.sent.push(performance.now());
      return super.send(data);
    }
  };
})()`;
}

/** The probe for Deckhand's own pages. */
export const SOCKET_PROBE = socketProbe({ input: FrameType.Input, output: FrameType.Output });

/** Per typed character on each page: [keydown → sent, sent → first output arrived, arrived → rendered], ms. */
export async function echoStages(pages: Page[], keysPerPage: number): Promise<number[][][]> {
  for (const page of pages) {
    await page.evaluate(`(() => {
      const rows = document.querySelector('[data-testid="terminal"] .xterm-rows');
      window.__echoMarks = [];
      document.addEventListener('keydown', () => window.__echoMarks.push({ key: performance.now() }), true);
      new MutationObserver(() => {
        const mark = window.__echoMarks.at(-1);
        if (mark && !mark.drawn) mark.drawn = performance.now();
      }).observe(rows, { childList: true, subtree: true, characterData: true });
    })()`);
  }
  await echoLatencies(pages, keysPerPage);
  return Promise.all(
    pages.map(
      async (page) =>
        (await page.evaluate(`window.__echoMarks.filter((m) => m.drawn).map((m) => {
          const sent = window.__socketTimes.sent.find((t) => t >= m.key);
          const arrived = window.__socketTimes.arrived.find((t) => t >= sent);
          return sent && arrived && arrived < m.drawn ? [sent - m.key, arrived - sent, m.drawn - arrived] : null;
        }).filter(Boolean)`)) as number[][],
    ),
  );
}

/** How long a frame (requestAnimationFrame) takes to come when asked for from an idle task, ms. */
export async function frameWaits(page: Page, count: number): Promise<number[]> {
  return (await page.evaluate(`new Promise((done) => {
    const waits = [];
    const ask = () => {
      const asked = performance.now();
      requestAnimationFrame(() => {
        waits.push(performance.now() - asked);
        if (waits.length < ${count}) setTimeout(ask, 37 + Math.random() * 20);
        else done(waits);
      });
    };
    ask();
  })`)) as number[];
}

const pause = (page: Page, fromMs: number, toMs: number): Promise<void> => page.waitForTimeout(fromMs + Math.random() * (toMs - fromMs));

/**
 * Keydown-to-rendered times of `keysPerPage` typed characters on each page, ms. Typed as a person
 * types: each key held 40–60 ms (its keyup comes long after the echo, as a typist's does; a keyup at
 * once, as a scripted key press sends it, lands in the middle of the echo's path and changes when the
 * browser draws), 20–40 ms between keys. With several pages, they take turns key by key, so what the
 * machine is doing and where the keys fall in the display's frames fall on every page alike.
 */
export async function echoLatencies(pages: Page[], keysPerPage: number): Promise<number[][]> {
  for (const page of pages) await page.evaluate(() => ((window as unknown as { __probe: { echoes: number[] } }).__probe.echoes = []));
  for (let i = 0; i < keysPerPage; i++) {
    for (const page of pages) {
      const key = i % 2 ? 'k' : 'j';
      await page.keyboard.down(key);
      await pause(page, 40, 60);
      await page.keyboard.up(key);
      await pause(page, 20, 40);
      if (i % 60 === 59) {
        await page.keyboard.press('Control+U');
        await pause(page, 60, 80);
      }
    }
  }
  for (const page of pages) await page.keyboard.press('Control+U');
  return Promise.all(pages.map((page) => page.evaluate(() => (window as unknown as { __probe: { echoes: number[] } }).__probe.echoes.slice())));
}

/** Presses `key` and resolves with the ms until `text` is on screen (measured in the page). */
export async function keyToText(page: Page, key: string, text: string): Promise<number> {
  const done = page.evaluate(`new Promise((done) => {
    const probe = window.__probe;
    probe.waiting = { text: ${JSON.stringify(text)}, resolve: (at) => done(at - probe.lastKeydown) };
  })`) as Promise<number>;
  await page.waitForTimeout(20);
  await page.keyboard.press(key);
  return done;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function summary(values: number[]): string {
  return `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (n=${values.length})`;
}

export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

/** CPU time (user+system, s) of a process so far, to report load beside the figures. */
export function cpuSeconds(pid: number): number {
  return procStat(`/proc/${pid}/stat`).cpuMs / 1000;
}

/** CPU time (ms) and nice value from a process's or thread's `stat` file. */
function procStat(file: string): { cpuMs: number; nice: number } {
  const stat = readFileSync(file, 'utf8');
  // Fields after the command name, which may itself hold ") ": state is [0], utime [11], stime [12], nice [16].
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return { cpuMs: (Number(fields[11]) + Number(fields[12])) * 10, nice: Number(fields[16]) };
}

/**
 * CPU time (ms) used so far by the parts of the whole path, by thread: the server's event loop, its
 * screen-mirror thread (the one at the lowest priority), Chromium's renderer main threads (receive,
 * parse and draw), the renderers' other threads (compositor, raster, IO), the rest of Chromium (browser,
 * GPU and network processes), and the whole machine. The differences
 * between two calls show where a run's CPU went.
 */
export function cpuParts(serverPid: number): Record<string, number> {
  const parts: Record<string, number> = { 'server event loop': 0, 'server screen mirror': 0, 'server other threads': 0, 'page main threads': 0, 'page other threads': 0, 'rest of Chromium': 0 };
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const isServer = Number(pid) === serverPid;
      const isChromium = !isServer && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'chromium';
      if (!isServer && !isChromium) continue;
      const renderer = isChromium && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const thread = procStat(`/proc/${pid}/task/${tid}/stat`);
        const part = isServer
          ? tid === pid ? 'server event loop' : thread.nice > 0 ? 'server screen mirror' : 'server other threads'
          : renderer ? (tid === pid ? 'page main threads' : 'page other threads') : 'rest of Chromium';
        parts[part]! += thread.cpuMs;
      }
    } catch {
      // the process or thread ended meanwhile
    }
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  parts['whole machine'] = (cpu.reduce((sum, value) => sum + value, 0) - cpu[3]! - cpu[4]!) * 10;
  return parts;
}
