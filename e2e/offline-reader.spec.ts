// The offline reader, as a reader gets it: the real `deckhand record` and `deckhand build`, the built
// site opened from file://, served from a sub-path then used offline, and a single file opened with
// every request blocked. Needs no Docker: the fixture deck's blocks are plain shell.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { expect, test, type Page } from '@playwright/test';
import { repoRoot } from './support/deckhand';

test.describe.configure({ mode: 'serial' });

const work = mkdtempSync(path.join(os.tmpdir(), 'deckhand-reader-'));
const course = path.join(work, 'course');
const site = path.join(work, 'site');
const single = path.join(work, 'single');
let buildOutput = '';

function deckhand(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'apps/cli/bin/deckhand.js'), ...args], { cwd: work, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test.beforeAll(() => {
  cpSync(path.join(repoRoot, 'e2e/fixtures/reader'), course, { recursive: true });
  const record = deckhand(['record', path.join(course, 'reader.md')]);
  expect(record.status, record.stdout + record.stderr).toBe(0);
  expect(record.stdout).toMatch(/2 recorded, 1 unchanged, 1 skipped, 0 failed/); // from-asciinema is kept
  const build = deckhand(['build', course, '--out', site, '--title', 'Reader test course']);
  expect(build.status, build.stderr).toBe(0);
  buildOutput = build.stdout + build.stderr;
  const one = deckhand(['build', course, '--out', single, '--single-file']);
  expect(one.status, one.stderr).toBe(0);
});

const pane = (page: Page) => page.locator('.terminal-pane .xterm-rows');

/** Opens a page of the built course and waits for the terminal pane (it loads on demand) to be there. */
async function openReader(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('.replay-controls')).toBeVisible();
}
const blockOnSlide = (page: Page, index = 0) => page.locator('.slide-area pre.dh-code').nth(index);

test('the built course opens from file://: slides, notes, navigation, and Run replays the recording', async ({ page }) => {
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
  await expect(page.getByRole('heading', { name: 'Reader test course' })).toBeVisible();
  await page.getByRole('link', { name: /Offline reader/ }).click();
  await expect(page.locator('.slide-area').getByRole('heading', { name: 'Offline reader' })).toBeVisible();
  await expect(page.locator('.reader-notes')).toContainText('the reader shows it under the slide');
  await expect(page.locator('.replay-controls')).toBeVisible();

  await blockOnSlide(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(pane(page)).toContainText('$ echo "hello from the recording"');
  await expect(pane(page)).toContainText(/^.*hello from the recording\s*\$/m);
  // Its running state ends with the replay's closing prompt, as with a live shell.
  await expect(blockOnSlide(page).getByRole('button', { name: 'Run', exact: true })).toBeVisible();

  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.slide-area').getByRole('heading', { name: 'A slower block' })).toBeVisible();
  await expect(page.locator('.slide-area img')).toHaveJSProperty('complete', true);
  expect(await page.locator('.slide-area img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
});

test('replay controls: 1x plays at the recorded pace, pause holds, Instant and the position bar jump', async ({ page }) => {
  await openReader(page, pathToFileURL(path.join(site, 'index.html')).href + '#/reader/2');
  await blockOnSlide(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(pane(page)).toContainText('line 1 of three');
  await expect(pane(page)).not.toContainText('line 3 of three'); // the recorded pause is kept
  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await page.getByLabel('Time').textContent();
  await page.waitForTimeout(800);
  expect(await page.getByLabel('Time').textContent()).toBe(paused);
  await expect(pane(page)).not.toContainText('line 3 of three');

  await page.getByRole('button', { name: 'Instant' }).click();
  await page.getByRole('button', { name: 'Restart' }).click();
  await expect(pane(page)).toContainText('line 3 of three');
  const position = page.getByLabel('Position in the recording');
  expect(Number(await position.inputValue())).toBeGreaterThan(0.5);
  // Back to the start: the screen is redrawn up to there. (Line 1 may share the recording's first
  // event with the command's echo, when the shell printed both in one read; line 2 came a second later.)
  await position.fill('0');
  await expect(pane(page)).not.toContainText('line 2 of three');

  // The replayed text is the page's to select and copy: xterm holds it as text, not a picture.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(pane(page)).toContainText('line 3 of three');
  await page.locator('.terminal-pane .xterm-screen').dblclick({ position: { x: 20, y: 30 } });
  const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  expect(selected.length + (await page.locator('.terminal-pane .xterm-selection div').count())).toBeGreaterThan(0);
});

test('a recording made with the asciinema CLI replays; a block without one says so and keeps Copy', async ({ page }) => {
  await openReader(page, pathToFileURL(path.join(site, 'index.html')).href + '#/reader/3');
  await blockOnSlide(page, 0).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(pane(page)).toContainText('made by asciinema');
  await blockOnSlide(page, 1).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('.replay-note')).toContainText('No recording of echo this block has no recording');
  await expect(blockOnSlide(page, 1).getByRole('button', { name: 'Copy' })).toBeVisible();

  // "All outputs" shows every block's recorded output on the slide, as text.
  await page.getByRole('button', { name: 'All outputs' }).click();
  await expect(page.locator('.slide-area .recorded-output').first()).toContainText('made by asciinema');
  await expect(page.locator('.slide-area .recorded-output').nth(1)).toContainText('No recording of this block');
});

test('search finds a slide by its notes and by a recorded output, and opens it', async ({ page }) => {
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
  await page.getByRole('searchbox', { name: 'Search the course' }).fill('line of three');
  await page.getByRole('link', { name: /A slower block/ }).click();
  await expect(page.locator('.slide-area').getByRole('heading', { name: 'A slower block' })).toBeVisible();
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search the course' }).fill('asciinema');
  await expect(page.getByRole('link', { name: /Dropped in from asciinema/ })).toBeVisible();
});

test('bad input is a warning with file and line, and the rest of the site is still built', async ({ page }) => {
  expect(buildOutput).toMatch(/bad-input\.md:5: image not found \(looked for .*images\/missing\.png\): images\/missing\.png/);
  expect(buildOutput).toMatch(/bad-input\.md:7: an image on the network: the offline course leaves it out .*: https:\/\/example\.com\/picture\.png/);
  expect(buildOutput).toMatch(/\.recordings\/bad-input\/not-json\.cast:1: not an asciicast: the first line is not a JSON header/);
  expect(buildOutput).toMatch(/\.recordings\/bad-input\/gone\.cast:1: no block of bad-input\.md has this recording's name/);
  expect(buildOutput).toMatch(/\.recordings\/bad-input\/truncated\.cast:4: the file ends in the middle of an event \(truncated\?\)/);

  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await openReader(page, pathToFileURL(path.join(site, 'index.html')).href + '#/bad-input/1');
  await expect(page.locator('.slide-area').getByRole('heading', { name: 'Bad input' })).toBeVisible();
  // What was readable of the truncated recording still replays.
  await blockOnSlide(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(pane(page)).toContainText('this recording was cut short');
  expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
});

test('served from a sub-path, the site keeps working offline after the first visit', async ({ context, page }) => {
  const app = express();
  app.use('/course', express.static(site));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    await page.goto(`http://127.0.0.1:${port}/course/`);
    await expect(page.getByRole('heading', { name: 'Reader test course' })).toBeVisible();
    // The service worker has cached the site once it controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 10_000 }).toBe(true);
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

    await context.setOffline(true);
    await page.goto(`http://127.0.0.1:${port}/course/#/reader/1`);
    await page.reload();
    await expect(page.locator('.slide-area').getByRole('heading', { name: 'Offline reader' })).toBeVisible();
    await expect(page.locator('.replay-controls')).toBeVisible();
    await blockOnSlide(page).getByRole('button', { name: 'Run', exact: true }).click();
    await expect(pane(page)).toContainText('hello from the recording');
    await page.goto(`http://127.0.0.1:${port}/course/#/reader/2`);
    await expect(page.locator('.slide-area img')).toHaveJSProperty('complete', true);
    expect(await page.locator('.slide-area img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
  } finally {
    await context.setOffline(false);
    await new Promise((resolve) => server.close(resolve));
  }
});

test('--single-file: one HTML file per deck and one for the course; with every request blocked it works and asks for nothing', async ({ page }) => {
  expect(readdirSync(single).filter((name) => name.endsWith('.html')).sort()).toEqual(['bad-input.html', 'course.html', 'reader.html']);
  const requests: string[] = [];
  const file = pathToFileURL(path.join(single, 'course.html')).href;
  // Every request is aborted but the opening of the file itself (Playwright routes file:// too).
  const aborted: string[] = [];
  await page.route('**/*', (route) => {
    if (route.request().url() === file) return route.continue();
    aborted.push(route.request().url());
    return route.abort();
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(file);
  await page.getByRole('link', { name: /Offline reader/ }).click();
  await expect(page.locator('.slide-area').getByRole('heading', { name: 'Offline reader' })).toBeVisible();
  await expect(page.locator('.replay-controls')).toBeVisible();
  await blockOnSlide(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(pane(page)).toContainText('hello from the recording');
  await page.keyboard.press('ArrowRight');
  expect(await page.locator('.slide-area img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
  // The only request is the file itself being opened; nothing else was asked for, not even aborted.
  expect(requests).toEqual([file]);
  expect(aborted).toEqual([]);
  expect(readFileSync(path.join(single, 'reader.html'), 'utf8')).not.toMatch(/\s(?:src|href)="(?:https?:)?\/\//);
});

test('the bundled course, built with its committed recordings, replays real Docker output from file://', async ({ page }) => {
  const out = path.join(work, 'course-site');
  const build = deckhand(['build', path.join(repoRoot, 'slides'), '--out', out, '--title', 'The Docker course']);
  expect(build.status, build.stderr).toBe(0);
  expect(build.stdout).toMatch(/Built 11 deck\(s\) with \d{2,} recording\(s\)/);
  await page.goto(pathToFileURL(path.join(out, 'index.html')).href);
  await expect(page.getByRole('link', { name: /Containers/ }).first()).toBeVisible();
  // Found by search, so the test follows the slide wherever the course moves it.
  await page.getByRole('searchbox', { name: 'Search the course' }).fill('Hello from a container');
  await page.getByRole('link', { name: /What `docker run` does/ }).click();
  await expect(page.locator('.replay-controls')).toBeVisible();
  const block = page.locator('.slide-area pre.dh-code', { hasText: 'busybox echo "Hello from a container"' });
  await block.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(pane(page)).toContainText('$ docker run --rm busybox echo "Hello from a container"');
  await expect(pane(page).locator('> div', { hasText: /^Hello from a container\s*$/ })).toHaveCount(1);
});
