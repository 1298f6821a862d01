// The walking skeleton, end to end: printed address → first slide → next slide → Run → shell output.
import { expect, test } from '@playwright/test';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';

let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  deckhand = await startDeckhand(['e2e/fixtures/skeleton.md']);
});

test.afterAll(async () => {
  await deckhand.stop();
});

test('the printed address opens the deck, arrows move, and Run runs a block in the live shell', async ({ page }) => {
  await page.goto(deckhand.url);
  await expect(page.getByRole('heading', { name: 'Hello from Deckhand' })).toBeVisible();
  expect(page.url(), 'the secret is removed from the address bar').not.toContain('token=');

  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('heading', { name: 'Run a command' })).toBeVisible();
  // The address is written just after the slide is painted (route.ts): wait for it, do not race it.
  await expect(page).toHaveURL(/#\/skeleton\/2$/);

  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('.xterm-rows')).toContainText('deckhand-42');
});

test('keys typed in the terminal go to the shell, not to the slides', async ({ page }) => {
  await page.goto(deckhand.url);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await page.locator('.xterm-screen').click();
  await page.keyboard.type('echo typed-$((2+3))');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.locator('.xterm-rows')).toContainText('typed-5');
  await expect(page.getByRole('heading', { name: 'Hello from Deckhand' })).toBeVisible();
});

test('without the secret the page explains how to get in and the terminal socket is refused', async ({ page }) => {
  await page.goto(deckhand.origin + '/');
  await expect(page.getByRole('heading', { name: /needs its access link/ })).toBeVisible();
  await expect(page.getByText(/Deckhand is running at http.*\?token=/)).toBeVisible();
  const outcome = await page.evaluate(
    (wsUrl) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(wsUrl, 'deckhand.terminal.v1');
        socket.onopen = () => resolve('opened');
        socket.onclose = (event) => resolve(`closed ${event.code}`);
      }),
    deckhand.origin.replace('http', 'ws') + '/ws/terminal',
  );
  expect(outcome).toBe('closed 1006');
});
