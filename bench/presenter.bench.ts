// The presenter app in Debian's Chromium, against Marp Core's HTML for the same deck, in one run:
// - first load: gzipped JavaScript the audience view needs before the first slide (the entry and
//   its static imports; lazy chunks such as the terminal and the presenter view listed apart);
// - first slide painted after navigation, cold cache, on loopback (goal ≤ 500 ms);
// - changing slide on a 300-slide deck, key press to the next frame with the new slide (goal p95 ≤
//   one frame, 16.7 ms).
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
const LOADS = 10;
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

async function firstPaint(browser: Browser, url: string, setup?: (request: import('@playwright/test').APIRequestContext) => Promise<void>): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  if (setup) await setup(context.request);
  await context.addInitScript(PAINT_PROBE);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __firstSlidePainted?: number }).__firstSlidePainted !== undefined);
  const time = await page.evaluate(() => (window as unknown as { __firstSlidePainted: number }).__firstSlidePainted);
  await context.close();
  return time;
}

/** Key press to the frame after the new slide is in the DOM, measured in the page. A string, so the
 *  TypeScript loader adds no helpers the page does not have. */
async function slideChanges(page: Page, headingSelector: string): Promise<number[]> {
  return page.evaluate(`(async () => {
    const selector = ${JSON.stringify(headingSelector)};
    const visibleHeading = () => Array.from(document.querySelectorAll(selector))
      .find((el) => el.offsetParent !== null || (el.closest('svg') && el.closest('svg').style.display !== 'none'));
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
    const times = [];
    for (let i = 0; i < ${CHANGES}; i++) {
      const before = visibleHeading()?.textContent;
      const start = performance.now();
      dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      while (visibleHeading()?.textContent === before) await new Promise((resolve) => setTimeout(resolve, 0));
      times.push((await frame()) - start);
      await frame();
    }
    return times;
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
    ours.push(await firstPaint(browser, `${origin}/#/bench/1`, async (request) => void (await request.get(url))));
    marp.push(await firstPaint(browser, marpUrl));
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.request.get(url);
  const page = await context.newPage();
  page.on('crash', () => console.error('page crashed'));
  page.on('pageerror', (error) => console.error('page error', error.message));
  await page.goto(`${origin}/#/bench/1`);
  await page.waitForSelector('.slide-area .dh-deck h1');
  const ourChanges = await slideChanges(page, '.slide-area .dh-deck :is(h1, h2)');
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
  console.log(`slide change on ${SLIDES} slides (p50 / p95 of ${CHANGES}): Deckhand ${ms(percentile(ourChanges, 50))} / ${ms(percentile(ourChanges, 95))}, Marp Core ${ms(percentile(marpChanges, 50))} / ${ms(percentile(marpChanges, 95))}, ratio p95 ${(percentile(ourChanges, 95) / percentile(marpChanges, 95)).toFixed(2)} (goal p95 ≤ 16.7 ms)`);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  marpServer.close();
  rmSync(folder, { recursive: true, force: true });
}
