// The presenter app in Debian's Chromium, against Marp Core's HTML for the same deck, in one run:
// - first load: gzipped JavaScript the audience view needs before the first slide (the entry and
//   its static imports; lazy chunks such as the terminal and the presenter view listed apart);
// - first slide painted after navigation, cold cache, on loopback (goal ≤ 500 ms);
// - changing slide on a 300-slide deck (goal: at most one frame, p95): the page's work from the key
//   press to the new slide in the DOM, the time to the frame that shows it, and how many frames that
//   took (1: painted in the first frame after the key press); in the audience and presenter views.
// Marp side: marp-core's render of the same deck in one HTML page with a few lines of script that
// show one <section> at a time on ← →, as Marp's bespoke template does (marp-cli is not installed).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Marp } from '@marp-team/marp-core';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SLIDES = 300;
const LOADS = 20;
const CHANGES = Number(process.env.BENCH_CHANGES ?? 150);

function deckSource(): string {
  const front = '---\nmarp: true\ntheme: default\ntitle: Bench deck\npaginate: true\nfooter: Presenter bench\n---\n\n';
  const slides = Array.from({ length: SLIDES }, (_, i) =>
    i % 3 === 0
      ? `# Slide ${i + 1}\n\n- containers are processes\n- images are layers\n\n<!-- note ${i} -->`
      : i % 3 === 1
        ? `## Slide ${i + 1}\n\n\`\`\`console\n$ docker run --rm busybox echo hello-${i}\nhello-${i}\n\`\`\``
        : `## Slide ${i + 1}\n\n| command | what |\n|---|---|\n| build | makes an image |\n| run | starts a container |`,
  );
  return front + slides.join('\n\n---\n\n') + '\n';
}

function firstLoadBytes(): { entry: number; lazy: Array<[string, number]> } {
  const dist = path.join(root, 'apps/presenter/dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
  const gz = (file: string): number => gzipSync(readFileSync(path.join(dist, file))).length;
  const all = readdirSync(path.join(dist, 'assets')).filter((name) => name.endsWith('.js')).map((name) => `assets/${name}`);
  return {
    entry: initial.reduce((sum, file) => sum + gz(file), 0),
    lazy: all.filter((file) => !initial.includes(file)).map((file) => [path.basename(file).replace(/-[\w-]{8}\.js$/, ''), gz(file)]),
  };
}

function marpPage(source: string): string {
  const { html, css } = new Marp().render(source);
  const script = `
    const slides = [...document.querySelectorAll('div.marpit > svg')];
    let current = 0;
    const show = (n) => { slides[current].style.display = 'none'; current = Math.max(0, Math.min(slides.length - 1, n)); slides[current].style.display = ''; location.hash = '#' + (current + 1); };
    slides.forEach((s, i) => { if (i) s.style.display = 'none'; });
    addEventListener('keydown', (e) => { if (e.key === 'ArrowRight') show(current + 1); if (e.key === 'ArrowLeft') show(current - 1); });`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css} body{margin:0} div.marpit > svg{width:100vw;height:100vh}</style></head><body>${html}<script>${script}</script></body></html>`;
}

/** Records when the first slide heading is in the DOM and a frame has passed (ms since navigation). */
const PAINT_PROBE = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.slide-area .dh-deck h1, div.marpit h1')) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstSlidePainted = performance.now(); });
  }).observe(document, { childList: true, subtree: true });`;

async function firstPaint(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(PAINT_PROBE);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __firstSlidePainted?: number }).__firstSlidePainted !== undefined);
  const time = await page.evaluate(() => (window as unknown as { __firstSlidePainted: number }).__firstSlidePainted);
  await context.close();
  return time;
}

/** One slide change as the page lives it. A key press lands at some moment of a frame (spread over the
 *  frame here, as real presses are), the view does its work, the browser paints at its next frame. */
interface SlideChange {
  /** Keydown to the new slide in the DOM: the page's own work (script, React, DOM). */
  work: number;
  /** Keydown to the animation frame that first has the new slide visible in the DOM. */
  frame: number;
  /** Display frames from the last one before the key press to the one that shows the new slide:
   *  1 = painted in the first frame after the key press; more when work made frames late or missed. */
  frames: number;
}

/** Measured in the page. A string, so the TypeScript loader adds no helpers the page does not have. */
async function slideChanges(page: Page, headingSelector: string): Promise<SlideChange[]> {
  return page.evaluate(`(async () => {
    const selector = ${JSON.stringify(headingSelector)};
    const headings = () => Array.from(document.querySelectorAll(selector)).filter((el) => !el.closest('svg') || el.closest('svg').style.display !== 'none');
    const visibleHeading = () => headings().find((el) => el.closest('svg') || (el.offsetParent !== null && getComputedStyle(el).visibility === 'visible'));
    // Frames are timed when their callbacks run (performance.now()), the moment the page's frame work
    // happens; headless Chromium runs a frame late when the page is busy instead of skipping it, as a
    // display would, so a frame more than a tenth of an interval late counts as the next one.
    const FRAME_SLACK = 0.1;
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
    let lastFrame = await frame();
    const intervals = [];
    for (let i = 0; i < 30; i++) { const t = await frame(); intervals.push(t - lastFrame); lastFrame = t; }
    const interval = intervals.sort((a, b) => a - b)[15];
    let ticking = true;
    const tick = () => { lastFrame = performance.now(); if (ticking) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const changes = [];
    for (let i = 0; i < ${CHANGES}; i++) {
      await frame();
      // Out of the frame's rendering step, at a spread of moments within the frame.
      await new Promise((resolve) => setTimeout(resolve, i % 16));
      const before = visibleHeading()?.textContent;
      const change = await new Promise((resolve) => {
        let inDom = null;
        const observer = new MutationObserver(() => {
          if (inDom === null && headings().every((el) => el.textContent !== before)) inDom = performance.now();
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const base = lastFrame;
        const start = performance.now();
        const onFrame = () => {
          const now = performance.now();
          if (visibleHeading()?.textContent === before) return requestAnimationFrame(onFrame);
          observer.disconnect();
          resolve({ work: (inDom ?? now) - start, frame: now - start, frames: Math.max(1, Math.ceil((now - base) / interval - FRAME_SLACK)) });
        };
        requestAnimationFrame(onFrame);
        dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      });
      changes.push(change);
    }
    ticking = false;
    return changes;
  })()`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const folder = mkdtempSync(path.join(tmpdir(), 'deckhand-presenter-bench-'));
const source = deckSource();
writeFileSync(path.join(folder, 'bench.md'), source);
const marpHtml = marpPage(source);
const marpServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(marpHtml));
await new Promise<void>((resolve) => marpServer.listen(0, '127.0.0.1', resolve));
const marpAddress = marpServer.address();
const marpUrl = `http://127.0.0.1:${typeof marpAddress === 'object' && marpAddress ? marpAddress.port : 0}/`;

const child = spawn(process.execPath, [path.join(root, 'apps/cli/bin/deckhand.js'), 'serve', folder, '--port', '0'], {
  cwd: root,
  env: { ...process.env, SHELL: '/bin/sh' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
const url = await new Promise<string>((resolve, reject) => {
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    const match = /Deckhand is running at (\S+)/.exec(output);
    if (match?.[1]) resolve(match[1]);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.once('exit', (code) => reject(new Error(`deckhand serve exited with ${code}:\n${output}`)));
});
const origin = new URL(url).origin;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

try {
  const bytes = firstLoadBytes();
  const ours: number[] = [];
  const marp: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    // The printed address, as the audience's browser opens it: a new browser, nothing cached.
    ours.push(await firstPaint(browser, `${url}#/bench/1`));
    marp.push(await firstPaint(browser, marpUrl));
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on('crash', () => console.error('page crashed'));
  page.on('pageerror', (error) => console.error('page error', error.message));
  await page.goto(`${url}#/bench/1`);
  await page.waitForSelector('.slide-area .dh-deck h1');
  const ourChanges = await slideChanges(page, '.slide-area .dh-deck :is(h1, h2)');
  await page.goto(`${origin}/#/bench/1/presenter`);
  await page.waitForSelector('.presenter-current .dh-deck h1');
  const presenterChanges = await slideChanges(page, '.presenter-current .dh-deck :is(h1, h2)');
  await page.goto(marpUrl);
  await page.waitForSelector('div.marpit h1');
  const marpChanges = await slideChanges(page, 'div.marpit :is(h1, h2)');
  await context.close();

  const kB = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
  const ms = (n: number): string => `${n.toFixed(1)} ms`;
  console.log(`audience view first load: ${kB(bytes.entry)} gzipped JS (goal ≤ 200 kB)`);
  console.log(`  on demand: ${bytes.lazy.map(([name, size]) => `${name} ${kB(size)}`).join(', ')}`);
  console.log(`  Marp Core page (HTML + CSS inline, ${SLIDES} slides): ${kB(gzipSync(marpHtml).length)} gzipped in all`);
  console.log(`first slide painted, cold cache (p50 / p95 of ${LOADS}): Deckhand ${ms(percentile(ours, 50))} / ${ms(percentile(ours, 95))}, Marp Core ${ms(percentile(marp, 50))} / ${ms(percentile(marp, 95))}, ratio p50 ${(percentile(ours, 50) / percentile(marp, 50)).toFixed(2)} (goal ≤ 500 ms)`);
  const figures = (changes: SlideChange[], key: keyof SlideChange): string =>
    `${(key === 'frames' ? String : ms)(percentile(changes.map((change) => change[key]), 50))} / ${(key === 'frames' ? String : ms)(percentile(changes.map((change) => change[key]), 95))}`;
  const inFirstFrame = (changes: SlideChange[]): string => `${Math.round((100 * changes.filter((change) => change.frames === 1).length) / changes.length)}%`;
  console.log(`slide change on ${SLIDES} slides, p50 / p95 of ${CHANGES} (goal: p95 of frames = 1, the new slide painted in the first frame after the key):`);
  console.log(`  page work, keydown to the new slide in the DOM: Deckhand ${figures(ourChanges, 'work')}, Marp Core ${figures(marpChanges, 'work')}, ratio p95 ${(percentile(ourChanges.map((c) => c.work), 95) / percentile(marpChanges.map((c) => c.work), 95)).toFixed(2)}`);
  console.log(`  keydown to the frame that shows it: Deckhand ${figures(ourChanges, 'frame')}, Marp Core ${figures(marpChanges, 'frame')}, ratio p95 ${(percentile(ourChanges.map((c) => c.frame), 95) / percentile(marpChanges.map((c) => c.frame), 95)).toFixed(2)}`);
  console.log(`  frames to visible: Deckhand ${figures(ourChanges, 'frames')} (${inFirstFrame(ourChanges)} in the first frame, worst ${Math.max(...ourChanges.map((c) => c.frames))}), Marp Core ${figures(marpChanges, 'frames')} (${inFirstFrame(marpChanges)} in the first frame, worst ${Math.max(...marpChanges.map((c) => c.frames))})`);
  console.log(`  presenter view (current, next slide, notes, its terminal): work ${figures(presenterChanges, 'work')}, to the frame ${figures(presenterChanges, 'frame')}, frames ${figures(presenterChanges, 'frames')} (${inFirstFrame(presenterChanges)} in the first frame)`);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  marpServer.close();
  rmSync(folder, { recursive: true, force: true });
}
