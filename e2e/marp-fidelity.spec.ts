// A Marp deck looks as it does in Marp: public Marp decks (packages/deck/fixtures/marp-decks) and decks
// covering every built-in theme and class (e2e/fixtures/marp-fidelity) rendered by @marp-team/marp-core
// and by the real `deckhand serve` in the same Chromium, each slide at the deck's size, compared pixel by
// pixel (support/marp-fidelity.ts). Every slide must be within MAX_DIFF_PERCENT of Marp's pixels; when
// one is not, the worst slides are written side by side (Marp | Deckhand | difference) to
// test-results/marp-fidelity/ (every slide with DECKHAND_FIDELITY_IMAGES=1). Each deck's figures are
// printed for docs/benchmarks.md.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, startDeckhand, type RunningDeckhand } from './support/deckhand';
import { compareSlides, renderWithMarp, screenshotDeckhand, screenshotMarp } from './support/marp-fidelity';

const MAX_DIFF_PERCENT = 2;
const CORPORA = ['packages/deck/fixtures/marp-decks', 'e2e/fixtures/marp-fidelity'];
const failures = path.join(repoRoot, 'test-results', 'marp-fidelity');

const decks = CORPORA.flatMap((corpus) =>
  readdirSync(path.join(repoRoot, corpus))
    .filter((name) => name.endsWith('.md') && name !== 'SOURCES.md')
    .map((name) => ({ id: name.replace(/\.md$/, ''), file: path.join(repoRoot, corpus, name) })),
);

let folder: string;
let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'deckhand-marp-fidelity-'));
  for (const deck of decks) copyFileSync(deck.file, path.join(folder, `${deck.id}.md`));
  deckhand = await startDeckhand([folder]);
});

test.afterAll(async () => {
  await deckhand.stop();
  rmSync(folder, { recursive: true, force: true });
});

for (const deck of decks) {
  test(`every slide of ${deck.id} is within ${MAX_DIFF_PERCENT}% of Marp Core's pixels`, async ({ browser }) => {
    test.setTimeout(180_000);
    const source = readFileSync(deck.file, 'utf8');
    const size = renderWithMarp(source);
    const marpPage = await browser.newPage();
    const marp = await screenshotMarp(marpPage, source);
    await marpPage.close();
    const ourPage = await browser.newPage();
    const ours = await screenshotDeckhand(ourPage, deckhand, deck.id, size);
    await ourPage.close();
    expect(ours.shots.length, 'slides').toBe(marp.shots.length);

    const diffs = compareSlides(marp, ours);
    const worst = [...diffs].sort((a, b) => b.percent - a.percent);
    const mean = diffs.reduce((sum, diff) => sum + diff.percent, 0) / diffs.length;
    console.log(`| ${deck.id} | ${diffs.length} | ${worst[0]?.percent.toFixed(2)} % (slide ${worst[0]?.index}) | ${mean.toFixed(2)} % |`);
    const over = worst.filter((diff) => diff.percent > MAX_DIFF_PERCENT);
    // DECKHAND_FIDELITY_IMAGES=1 writes every slide side by side, to look at what passes too.
    const shown = process.env.DECKHAND_FIDELITY_IMAGES ? diffs : over.slice(0, 5);
    if (shown.length > 0) {
      mkdirSync(failures, { recursive: true });
      for (const diff of shown) writeFileSync(path.join(failures, `${deck.id}-${diff.index}.png`), diff.sideBySide());
    }
    expect(
      over.map((diff) => `slide ${diff.index}: ${diff.percent.toFixed(2)} %`),
      `slides more than ${MAX_DIFF_PERCENT}% off Marp (side by side in test-results/marp-fidelity/)`,
    ).toEqual([]);
  });
}

test('Run and Copy sit over a code block and move nothing on the slide', async ({ page }) => {
  await page.goto(deckhand.url);
  await page.goto(`${deckhand.origin}/#/default-theme/3`);
  const section = page.locator('.slide-area .dh-deck > section');
  const block = section.locator('pre.dh-code');
  await expect(block.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  const layout = (): Promise<number[][]> =>
    section.evaluate((element) => Array.from(element.children, (child) => {
      const box = child.getBoundingClientRect();
      return [box.x, box.y, box.width, box.height];
    }));
  const withButtons = await layout();
  const toolbar = await block.locator('.code-actions').boundingBox();
  const box = await block.boundingBox();
  expect(toolbar && box && toolbar.y >= box.y && toolbar.y + toolbar.height <= box.y + box.height).toBe(true);
  await block.locator('.code-actions').evaluate((element) => element.remove());
  expect(await layout()).toEqual(withButtons);
});
