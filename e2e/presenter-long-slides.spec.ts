// An exercise whose opened tips and solution are taller than the slide: its body scrolls inside the
// slide (scrollbar, "More below", wheel, ↓ ↑) instead of being cut off; → ← still change slides at once, ↓ ↑ do once
// there is no more to see; a slide that fits does not scroll and ↓ leaves it.
import { expect, test, type Locator } from '@playwright/test';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';
import { expectSlide, openDeck } from './support/presenter';

let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  deckhand = await startDeckhand(['e2e/fixtures/presenter']);
});

test.afterAll(async () => {
  await deckhand.stop();
});

/** Whether the slide's section scrolls, and how far its content reaches past its height. */
const scrolling = (section: Locator) =>
  section.evaluate((element) => ({ overflowY: getComputedStyle(element).overflowY, beyond: element.scrollHeight - element.clientHeight }));

test('opened tips taller than the slide scroll inside it, and the keys still change slides', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openDeck(page, deckhand, '#/long-exercise/1');
  await expectSlide(page, 'A slide that fits', 1);
  await page.getByRole('button', { name: 'Slide', exact: true }).click();
  const section = page.locator('.slide-area .slide-canvas > section');
  expect((await scrolling(section)).overflowY).toBe('hidden');
  const moreBelow = page.locator('.slide-area').getByText('More below');
  await expect(moreBelow).toBeHidden();
  await page.keyboard.press('ArrowDown');
  await expectSlide(page, 'Exercise: Read a long tip', 2);

  const slide = page.locator('.slide-area');
  const footer = slide.getByText('Long exercise footer');
  const footerAt = async (): Promise<number> => (await footer.boundingBox())?.y ?? -1;
  const footerBefore = await footerAt();
  for (const summary of ['Tip 1', 'Tip 2', 'Tip 3', 'Solution']) await slide.getByText(summary, { exact: true }).click();
  await expect.poll(async () => (await scrolling(section)).overflowY).toBe('auto');
  expect((await scrolling(section)).beyond).toBeGreaterThan(100);
  // Opening the solution brought it into view; the top of the exercise went up to make room.
  const lastLine = slide.getByText('solution-last-line');
  const firstLine = slide.getByText(/exercise-first-line/);
  await expect(lastLine).toBeInViewport();
  await expect(firstLine).not.toBeInViewport();
  // The footer stays at the bottom of the slide while the content scrolls under it.
  expect(await footerAt()).toBe(footerBefore);

  // ↑ scrolls back up to the top before it would change slide.
  const scrollTop = (): Promise<number> => section.evaluate((element) => element.scrollTop);
  for (let presses = 0; (await scrollTop()) > 0; presses++) {
    expect(presses, 'a few presses reach the top').toBeLessThan(6);
    const before = await scrollTop();
    await page.keyboard.press('ArrowUp');
    await expect.poll(scrollTop).toBeLessThan(before);
  }
  await expect(firstLine).toBeInViewport();
  await expect(lastLine).not.toBeInViewport();
  await expect(moreBelow).toBeVisible();
  await expectSlide(page, 'Exercise: Read a long tip', 2);
  // The wheel scrolls it too.
  await firstLine.hover();
  const atEnd = (): Promise<boolean> => section.evaluate((element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 1);
  await page.mouse.wheel(0, 2000);
  await expect.poll(atEnd).toBe(true);
  await expect(lastLine).toBeInViewport();
  await page.mouse.wheel(0, -2000);
  await expect.poll(scrollTop).toBe(0);
  await expect(firstLine).toBeInViewport();

  // ↓ scrolls down through it, and once at the end goes to the next slide.
  for (let presses = 0; !(await atEnd()); presses++) {
    expect(presses, 'a few presses reach the end').toBeLessThan(6);
    const before = await scrollTop();
    await page.keyboard.press('ArrowDown');
    await expect.poll(scrollTop).toBeGreaterThan(before);
  }
  await expect(lastLine).toBeInViewport();
  await expect(moreBelow).toBeHidden();
  await expectSlide(page, 'Exercise: Read a long tip', 2);
  await page.keyboard.press('ArrowDown');
  await expectSlide(page, 'After the exercise', 3);

  // → and ← never scroll: they change slide at once, even with the tips open.
  await page.keyboard.press('ArrowLeft');
  await expectSlide(page, 'Exercise: Read a long tip', 2);
  for (const summary of ['Tip 1', 'Tip 2', 'Tip 3', 'Solution']) await slide.getByText(summary, { exact: true }).click();
  await expect.poll(async () => (await scrolling(section)).overflowY).toBe('auto');
  await page.keyboard.press('ArrowRight');
  await expectSlide(page, 'After the exercise', 3);
});
