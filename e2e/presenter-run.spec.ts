// Run, Stop, Type and Copy on code blocks, with the running state the room sees, the run shortcut, and
// the running state shared with the audience window.
import { expect, test, type Page } from '@playwright/test';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';
import { expectSlide, openDeck, withShell } from './support/presenter';

let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  deckhand = await withShell('/bin/sh', () => startDeckhand(['e2e/fixtures/presenter']));
});

test.afterAll(async () => {
  await deckhand.stop();
});

const terminalText = (page: Page) => page.locator('.xterm-rows');
/** Whether a terminal row holds exactly this text (output, not the command line that contains it). */
const hasRow = async (page: Page, text: string): Promise<boolean> =>
  (await terminalText(page).locator('> div').allTextContents()).some((row) => row.trim() === text);

async function terminalReady(page: Page): Promise<void> {
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await expect(terminalText(page)).toContainText(/[$#] /);
}

test('Run shows the block running until the prompt returns; Stop sends Ctrl-C', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/3');
  await terminalReady(page);
  const longBlock = page.locator('pre.dh-code').first();
  await longBlock.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(longBlock.getByRole('button', { name: 'Running…' })).toBeVisible();
  await expect(longBlock).toHaveClass(/is-running/);
  await page.waitForTimeout(1_500); // still sleeping: the block must still show as running
  await expect(longBlock.getByRole('button', { name: 'Running…' })).toBeVisible();
  await longBlock.getByRole('button', { name: 'Stop' }).click();
  await expect(longBlock.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  await expect(longBlock.getByRole('button', { name: 'Stop' })).toBeHidden();
  await expect(terminalText(page)).toContainText('^C');
  expect(await hasRow(page, 'slept-through')).toBe(false);

  await page.keyboard.press('ArrowLeft');
  await expectSlide(page, 'Run a command', 2);
  const quick = page.locator('pre.dh-code');
  await quick.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(terminalText(page)).toContainText('presenter-42');
  await expect(quick.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  // After Run the keys belong to the slides again.
  await page.keyboard.press('ArrowRight');
  await expectSlide(page, 'Long and typed commands', 3);
});

test('a type block types its command without pressing Enter', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/3');
  await terminalReady(page);
  const typed = page.locator('pre.dh-code').nth(1);
  await typed.getByRole('button', { name: 'Type', exact: true }).click();
  await expect(terminalText(page)).toContainText('echo typed-not-entered');
  await page.waitForTimeout(500);
  // Not run: the output line `typed-not-entered` on its own never appears.
  expect(await hasRow(page, 'typed-not-entered')).toBe(false);
  await page.keyboard.press('Enter');
  await expect.poll(() => hasRow(page, 'typed-not-entered')).toBe(true);
});

test('r runs the focused block, or the first one on the slide', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/2');
  await terminalReady(page);
  await page.keyboard.press('r');
  await expect(terminalText(page)).toContainText('presenter-42');
});

test('Copy puts the block\'s commands on the clipboard', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await openDeck(page, deckhand, '#/course/2');
  const block = page.locator('pre.dh-code');
  await block.getByRole('button', { name: 'Copy' }).click();
  await expect(block.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('echo presenter-$((6*7))');
  await context.close();
});

test('a block run from the presenter view shows as running on the audience screen', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/3');
  await terminalReady(page);
  const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('p')]);
  await terminalReady(presenter);
  const current = presenter.getByRole('region', { name: 'Current slide' });
  await current.locator('pre.dh-code').first().getByRole('button', { name: 'Run', exact: true }).click();
  const onScreen = page.locator('pre.dh-code').first();
  await expect(onScreen.getByRole('button', { name: 'Running…' })).toBeVisible();
  await current.locator('pre.dh-code').first().getByRole('button', { name: 'Stop' }).click();
  await expect(onScreen.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
});

test('the presenter view\'s terminal is the same session as the audience screen\'s', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/2');
  await terminalReady(page);
  const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('p')]);
  await terminalReady(presenter);
  await presenter.locator('.xterm-screen').click();
  await presenter.keyboard.type('echo shared-$((20+22))\n');
  await expect.poll(() => hasRow(page, 'shared-42')).toBe(true);
  await expect.poll(() => hasRow(presenter, 'shared-42')).toBe(true);
});

test('a block with term=2 runs in terminal tab 2', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/9');
  await expectSlide(page, 'Slide nine', 9);
  await terminalReady(page);
  await page.locator('.slide-area pre.dh-code').getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Terminal 2' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.xterm-rows').filter({ hasText: 'second-tab-2' })).toHaveCount(1);
});
