// `yes` for a minute in a real Chromium: flow control keeps the server's and the page's memory flat,
// and Ctrl-C still brings the prompt back quickly. The figures are printed for docs/benchmarks.md.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';

const FLOOD_MS = 60_000;
/** Allowed growth between the first sample (after warm-up) and the end of the minute. */
const SERVER_RSS_GROWTH_LIMIT_MB = 30;
const PAGE_HEAP_GROWTH_LIMIT_MB = 15;

let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  deckhand = await startDeckhand(['e2e/fixtures/terminal-tabs.md']);
});

test.afterAll(async () => {
  await deckhand.stop();
});

function serverRssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

test('yes for 60 s: server and page memory stay flat, and Ctrl-C returns the prompt', async ({ page }) => {
  test.setTimeout(FLOOD_MS + 60_000);
  await page.goto(deckhand.url);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const pageHeapMb = async (): Promise<number> => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
  };
  const rows = page.locator('[data-testid="terminal"] .xterm-rows');
  await page.locator('[data-testid="terminal"] .xterm-screen').click();
  await page.keyboard.type('yes deckhand-flood');
  await page.keyboard.press('Enter');
  await expect(rows).toContainText('deckhand-flood');

  await page.waitForTimeout(10_000);
  const first = { server: serverRssMb(deckhand.pid), page: await pageHeapMb() };
  const samples = [first];
  for (let elapsed = 10_000; elapsed < FLOOD_MS; elapsed += 10_000) {
    await page.waitForTimeout(10_000);
    samples.push({ server: serverRssMb(deckhand.pid), page: await pageHeapMb() });
  }
  const last = samples[samples.length - 1]!;
  console.log(`yes flood, server RSS MB: ${samples.map((s) => s.server.toFixed(1)).join(' → ')}`);
  console.log(`yes flood, page JS heap MB: ${samples.map((s) => s.page.toFixed(1)).join(' → ')}`);
  expect(last.server - first.server, 'server RSS growth (MB)').toBeLessThan(SERVER_RSS_GROWTH_LIMIT_MB);
  expect(last.page - first.page, 'page heap growth (MB)').toBeLessThan(PAGE_HEAP_GROWTH_LIMIT_MB);

  const pressed = Date.now();
  await page.keyboard.press('Control+C');
  await expect(rows).toContainText('^C', { timeout: 5_000 });
  console.log(`Ctrl-C to ^C on screen: ${Date.now() - pressed} ms`);
  await page.keyboard.type('echo after-flood-$((5*5))');
  await page.keyboard.press('Enter');
  await expect(rows).toContainText('after-flood-25');
});
