// "Record runs" in the presenter view: a block run during a rehearsal is written by the server where
// `deckhand record` writes, and the offline course built afterwards replays that real session.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { repoRoot, startDeckhand, type RunningDeckhand } from './support/deckhand';
import { openDeck, withShell } from './support/presenter';

const work = mkdtempSync(path.join(os.tmpdir(), 'deckhand-rehearsal-'));
const course = path.join(work, 'course');
let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  cpSync(path.join(repoRoot, 'e2e/fixtures/reader'), course, { recursive: true });
  deckhand = await withShell('/bin/sh', () => startDeckhand([course]));
});

test.afterAll(async () => {
  await deckhand.stop();
});

test('a run recorded in the presenter view is written for the offline course, which replays it', async ({ page }) => {
  await openDeck(page, deckhand, '#/reader/1/presenter');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await page.getByRole('button', { name: 'Record runs' }).click();
  await expect(page.getByRole('button', { name: 'Record runs' })).toHaveAttribute('aria-pressed', 'true');
  await page.locator('.presenter-current pre.dh-code').getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded: echo "hello from the recording"' })).toBeVisible();

  const file = path.join(course, '.recordings', 'reader', 'hello.cast');
  const cast = readFileSync(file, 'utf8');
  expect(JSON.parse(cast.split('\n')[0] as string)).toMatchObject({ version: 3, deckhand: { deck: 'reader.md', block: 'hello', by: 'rehearsal' } });
  expect(cast).toContain('hello from the recording');
  expect(cast).not.toContain(new URL(deckhand.url).searchParams.get('token') as string);

  const site = path.join(work, 'site');
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'apps/cli/bin/deckhand.js'), 'build', course, '--out', site], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href + '#/reader/1');
  await expect(page.locator('.replay-controls')).toBeVisible();
  await page.locator('.slide-area pre.dh-code').getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('.terminal-pane .xterm-rows')).toContainText('hello from the recording');
});
