// The offline reader's first paint (apps/presenter/src/reader/first-paint.ts): the slide in the address
// is drawn before the app's script has run, exactly where the app then draws it, and the app takes
// over without the slide moving or fading in again. The app's script is held back over http to see
// the page as it is before the app runs. Needs no Docker.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { expect, test, type Page } from '@playwright/test';
import { repoRoot } from './support/deckhand';

const work = mkdtempSync(path.join(os.tmpdir(), 'deckhand-first-paint-'));
const site = path.join(work, 'site');
const single = path.join(work, 'single');
let server: Server;
let origin = '';

// The site's service worker would answer the app's script from its cache, out of page.route's reach.
test.use({ serviceWorkers: 'block' });

function build(args: string[]): void {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'apps/cli/bin/deckhand.js'), 'build', path.join(repoRoot, 'e2e/fixtures/reader'), ...args], { encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stdout + run.stderr).toBe(0);
}

test.beforeAll(async () => {
  build(['--out', site]);
  build(['--out', single, '--single-file']);
  const app = express();
  app.use(express.static(site));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Holds the app's script back until the returned function is called. */
async function holdTheApp(page: Page): Promise<() => void> {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/reader.js', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

const canvas = (page: Page) => page.locator('.slide-area .slide-canvas');
const appIsRunning = (page: Page) => expect(page.getByRole('button', { name: 'Next slide' })).toBeVisible();

for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }, { width: 1920, height: 1080 }]) {
  test(`${viewport.width}×${viewport.height}: the first slide is drawn before the app runs, where the app keeps it, without fading in again`, async ({ page }) => {
    await page.setViewportSize(viewport);
    // Counts the frames without the slide once it has been drawn: the app's takeover must have none.
    await page.addInitScript(() => {
      const page = window as unknown as { framesWithoutSlide: number };
      page.framesWithoutSlide = 0;
      let seen = false;
      const look = (): void => {
        const drawn = document.querySelector('.slide-canvas section') !== null;
        if (seen && !drawn) page.framesWithoutSlide++;
        seen ||= drawn;
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    const release = await holdTheApp(page);
    await page.goto(`${origin}/#/reader/2`, { waitUntil: 'domcontentloaded' });
    await expect(canvas(page).getByRole('heading', { name: 'A slower block' })).toBeVisible();
    await expect(canvas(page).locator('img')).toHaveJSProperty('complete', true);
    await expect(page.locator('.slide-toolbar button'), 'the app has not run yet').toHaveCount(0);
    const before = await canvas(page).boundingBox();

    release();
    await appIsRunning(page);
    await expect(page.locator('.reader-notes')).toContainText('Lines come one by one');
    expect(await canvas(page).boundingBox()).toEqual(before);
    await expect(canvas(page)).not.toHaveClass(/slide-enter/);
    expect(await page.evaluate(() => (window as unknown as { framesWithoutSlide: number }).framesWithoutSlide)).toBe(0);

    // The slides after it fade in as ever.
    await page.keyboard.press('ArrowRight');
    await expect(canvas(page)).toHaveClass(/slide-enter/);
  });
}

test('what the first paint cannot draw where the app will, the app draws: a deck that is not there, the notes off, the terminal maximised', async ({ page }) => {
  const held = async (address: string): Promise<void> => {
    const release = await holdTheApp(page);
    await page.goto('about:blank'); // a new document, not a move within the last one
    await page.goto(`${origin}/${address}`, { waitUntil: 'domcontentloaded' });
    await page.waitForTimeout(300);
    await expect(page.locator('#root')).toBeEmpty();
    release();
  };
  await held('#/no-such-deck/1');
  await expect(page.getByText(/no deck named "no-such-deck"/)).toBeVisible();

  await page.evaluate(() => localStorage.setItem('deckhand.reader.notes', 'false'));
  await held('#/reader/1');
  await expect(canvas(page).getByRole('heading', { name: 'Offline reader' })).toBeVisible();
  await expect(page.locator('.reader-notes')).toHaveCount(0);

  await page.evaluate(() => localStorage.setItem('deckhand.layout', JSON.stringify('terminal')));
  await held('#/reader/1');
  await expect(page.locator('.audience.layout-terminal')).toBeVisible();
  await expect(page.getByRole('button', { name: /Show slides/ })).toBeVisible();
});

test('a single file draws its first slide before the app, within its Content-Security-Policy', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { violations: string[] }).violations.push(event.violatedDirective));
  });
  await page.goto(`${pathToFileURL(path.join(single, 'reader.html')).href}#/reader/1`);
  await expect(canvas(page).getByRole('heading', { name: 'Offline reader' })).toBeVisible();
  await appIsRunning(page);
  await expect(page.locator('.replay-controls')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
});
