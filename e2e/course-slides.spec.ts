// The bundled Docker course as an audience sees it: every slide of every module fits the slide (nothing
// is cut off or needs scrolling until a trainer opens a tip), and no module has deck warnings.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, startDeckhand, type RunningDeckhand } from './support/deckhand';
import { openDeck } from './support/presenter';

const modules = readdirSync(path.join(repoRoot, 'slides'))
  .filter((file) => /^\d\d-.*\.md$/.test(file))
  .map((file) => file.replace(/\.md$/, ''));

let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  deckhand = await startDeckhand(['slides']);
});

test.afterAll(async () => {
  await deckhand.stop();
});

for (const id of modules) {
  test(`every slide of ${id} fits the slide with its tips folded`, async ({ page }) => {
    test.setTimeout(90_000);
    await openDeck(page, deckhand, `#/${id}/1`);
    const total = Number(/of (\d+)/.exec((await page.locator('.slide-area [aria-roledescription="slide"]').getAttribute('aria-label')) ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(20);
    const overflowing: number[] = [];
    for (let index = 1; index <= total; index++) {
      await expect(page).toHaveURL(new RegExp(`#/${id}/${index}$`));
      const canvas = page.locator(`.slide-area [aria-label="Slide ${index} of ${total}"]`);
      await expect(canvas).toHaveAttribute('data-overflows', /true|false/);
      if ((await canvas.getAttribute('data-overflows')) === 'true') overflowing.push(index);
      if (index < total) await page.keyboard.press('ArrowRight');
    }
    expect(overflowing, `slides of ${id} taller than the slide`).toEqual([]);
    await expect(page.getByRole('button', { name: /deck warning/ })).toHaveCount(0);
  });
}
