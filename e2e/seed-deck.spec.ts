// The Marp deck the course material came with (../shared/seeds/002_…, not part of this repository),
// opened unchanged in a real browser: every slide shows its header, its footer and its page number.
// Skipped, with the reason, where that folder is absent (CI clones only this repository); the same
// features are covered everywhere by packages/deck's header-footer-pagination fixture.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, startDeckhand, type RunningDeckhand } from './support/deckhand';
import { openDeck } from './support/presenter';

const seed = path.resolve(repoRoot, '../shared/seeds/002_b80fa1c517c71a00.txt');
const SLIDES = 79;

test.skip(!existsSync(seed), `the seed deck is not here (${seed})`);

let deckhand: RunningDeckhand;
let folder: string;

test.beforeAll(async () => {
  // A copy, so the server watches a file of ours and not the shared, read-only material.
  folder = mkdtempSync(path.join(os.tmpdir(), 'deckhand-seed-'));
  copyFileSync(seed, path.join(folder, 'seed.md'));
  deckhand = await startDeckhand([path.join(folder, 'seed.md')]);
});

test.afterAll(async () => {
  await deckhand?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('every slide of the seed Marp deck shows its header, footer and page number', async ({ page }) => {
  test.setTimeout(120_000);
  await openDeck(page, deckhand, '#/seed/1');
  const slide = page.locator('.slide-area .dh-deck > section');
  for (let index = 1; index <= SLIDES; index++) {
    await expect(page).toHaveURL(new RegExp(`#/seed/${index}$`));
    await expect(slide).toHaveAttribute('data-marpit-pagination', String(index));
    await expect(slide.locator('header')).toHaveText('Basic Containers Training');
    await expect(slide.locator('footer img')).toHaveCount(1);
    // The page number is drawn by the theme from the attribute: it must really be on screen.
    const number = await slide.evaluate((section) => getComputedStyle(section, '::after').content);
    expect(number).toBe(`"${index}"`);
    if (index < SLIDES) await page.keyboard.press('ArrowRight');
  }
  // Its remote images and `<image>` placeholders are reported, out of the audience's way, not fatal.
  await page.getByRole('button', { name: /\d+ deck warnings$/ }).click();
  await expect(page.getByRole('region', { name: /deck warnings/ })).toContainText('seed.md:94 Image "https://');
});
