// Moving through a deck: keys, numbers, the address with Back/Forward, the overview, the `?` help,
// swipes, the deck index and the not-found page.
import { expect, test } from '@playwright/test';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';
import { expectSlide, openDeck } from './support/presenter';

let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  deckhand = await startDeckhand(['e2e/fixtures/presenter']);
});

test.afterAll(async () => {
  await deckhand.stop();
});

test('arrow, space, page and home/end keys move between slides, and a number then Enter jumps', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/1');
  await expectSlide(page, 'Welcome aboard', 1);
  await page.keyboard.press('ArrowRight');
  await expectSlide(page, 'Run a command', 2);
  await page.keyboard.press('Space');
  await expectSlide(page, 'Long and typed commands', 3);
  await page.keyboard.press('PageDown');
  await expectSlide(page, 'Exercise: Say hello', 4);
  await page.keyboard.press('PageUp');
  await expectSlide(page, 'Long and typed commands', 3);
  await page.keyboard.press('ArrowLeft');
  await expectSlide(page, 'Run a command', 2);
  await page.keyboard.press('End');
  await expectSlide(page, 'The end', 12);
  await page.keyboard.press('Home');
  await expectSlide(page, 'Welcome aboard', 1);
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expectSlide(page, 'Slide ten', 10);
  await expect(page.getByTestId('slide-announcer')).toHaveText('Slide 10 of 12: Slide ten');
});

test('the address carries the slide, and Back and Forward walk the history', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/6');
  await expectSlide(page, 'A picture', 6);
  await page.keyboard.press('ArrowRight');
  await expectSlide(page, 'Placeholders', 7);
  await page.goBack();
  await expectSlide(page, 'A picture', 6);
  await page.goForward();
  await expectSlide(page, 'Placeholders', 7);
  await page.reload();
  await expectSlide(page, 'Placeholders', 7);
});

test('an address typed right after a key press wins over the key\'s history entry', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/2');
  await expectSlide(page, 'Run a command', 2);
  // The key's history entry is written a frame later; the typed address comes in between.
  await page.evaluate(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    window.location.hash = '#/course/9';
  });
  await expectSlide(page, 'Slide nine', 9);
  await page.waitForTimeout(300);
  await expectSlide(page, 'Slide nine', 9);
});

test('o opens the overview of every slide, and clicking one goes there', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/2');
  await expectSlide(page, 'Run a command', 2);
  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
  await expect(overview.getByRole('button', { name: /^Slide \d+/ })).toHaveCount(12);
  await expect(overview.getByRole('button', { name: 'Slide 2: Run a command' })).toBeFocused();
  await overview.getByRole('button', { name: 'Slide 9: Slide nine' }).click();
  await expect(overview).toBeHidden();
  await expectSlide(page, 'Slide nine', 9);
  await page.keyboard.press('o');
  await expect(overview).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(overview).toBeHidden();
  await expectSlide(page, 'Slide nine', 9);
});

test('? lists every shortcut, and Escape closes the list', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/1');
  await expectSlide(page, 'Welcome aboard');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const description of ['Next slide', 'Previous slide', 'Overview of all slides', 'Open the presenter view', 'Fullscreen', 'Show or hide the terminal', 'Run the focused code block', 'Go to slide 12']) {
    await expect(help.getByRole('cell', { name: description }).first()).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('f switches fullscreen on and off', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/1');
  await expectSlide(page, 'Welcome aboard');
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
});

test('keys typed in the terminal never move slides', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/2');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await page.locator('.xterm-screen').click();
  await page.keyboard.type('echo o p t f 12 ? ');
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('.xterm-rows')).toContainText('o p t f 12 ?');
  await expectSlide(page, 'Run a command', 2);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('a swipe on a touch screen changes slide', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 1024, height: 700 } });
  const page = await context.newPage();
  await openDeck(page, deckhand, '#/course/3');
  await expectSlide(page, 'Long and typed commands', 3);
  const box = await page.locator('.slide-frame').boundingBox();
  if (!box) throw new Error('no slide frame');
  const swipe = async (fromX: number, toX: number): Promise<void> => {
    const y = box.y + box.height / 2;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: fromX, y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: (fromX + toX) / 2, y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: toX, y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  await swipe(box.x + box.width * 0.8, box.x + box.width * 0.2);
  await expectSlide(page, 'Exercise: Say hello', 4);
  await swipe(box.x + box.width * 0.2, box.x + box.width * 0.8);
  await expectSlide(page, 'Long and typed commands', 3);
  await context.close();
});

test('the deck index lists the decks with title, slide count and duration', async ({ page }) => {
  await page.goto(deckhand.url);
  await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
  const course = page.getByRole('link', { name: /Presenter fixture/ });
  await expect(course).toContainText('12 slides · 10m');
  await expect(page.getByRole('link', { name: /Second fixture deck/ })).toContainText('2 slides · 5m');
  await course.click();
  await expectSlide(page, 'Welcome aboard', 1);
});

test('an unknown deck shows a clear not-found page with a way back', async ({ page }) => {
  await openDeck(page, deckhand, '#/no-such-deck/1');
  await expect(page.getByRole('heading', { name: 'Deck not found' })).toBeVisible();
  await expect(page.getByText('No deck named "no-such-deck".')).toBeVisible();
  await page.getByRole('link', { name: 'See the decks this server has' }).click();
  await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
});
