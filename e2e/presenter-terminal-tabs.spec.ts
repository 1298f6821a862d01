// The terminal tab on show follows the presenter: a `term=2` block run from the presenter view, or a
// click on "Terminal 2" there, shows terminal 2 on the audience screen too, in one browser
// (BroadcastChannel, with the server's sync socket cut off) and on another device (through the server),
// which also joins on the tab on show when it opens later.
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

async function terminalReady(page: Page): Promise<void> {
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText(/[$#] /);
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name });

async function presenterFollowsTabs(presenter: Page, audience: Page): Promise<void> {
  const current = presenter.getByRole('region', { name: 'Current slide' });
  await expect(current.getByRole('heading', { name: 'Slide nine' })).toBeVisible();
  await current.locator('pre.dh-code').getByRole('button', { name: 'Run', exact: true }).click();
  await expect(tab(presenter, 'Terminal 2')).toHaveAttribute('aria-selected', 'true');
  await expect(tab(audience, 'Terminal 2')).toHaveAttribute('aria-selected', 'true');
  await expect(audience.getByTestId('terminal')).toHaveAttribute('data-status', 'open');

  // By hand, both ways: the presenter goes back to terminal 1, then the audience screen to terminal 2.
  await tab(presenter, 'Terminal 1').click();
  await expect(tab(audience, 'Terminal 1')).toHaveAttribute('aria-selected', 'true');
  await expect(tab(audience, 'Terminal 2')).toHaveAttribute('aria-selected', 'false');
  await tab(audience, 'Terminal 2').click();
  await expect(tab(presenter, 'Terminal 2')).toHaveAttribute('aria-selected', 'true');
}

test('a term=2 run or a tab click in the presenter window shows that tab in the audience window (one browser)', async ({ context, page }) => {
  // Only BroadcastChannel carries the messages: the server's sync socket is refused.
  await context.routeWebSocket(/\/ws\/presenter$/, (socket) => socket.close());
  await openDeck(page, deckhand, '#/course/9');
  await expectSlide(page, 'Slide nine', 9);
  await terminalReady(page);
  const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('p')]);
  await terminalReady(presenter);
  await presenterFollowsTabs(presenter, page);
  // Same browser, same shells: what terminal 2 printed for the presenter is on the audience screen.
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('second-tab-2');
});

test('the audience screen on another device follows the presenter\'s terminal tab through the server', async ({ browser }) => {
  const trainer = await browser.newContext();
  const projector = await browser.newContext();
  const presenter = await trainer.newPage();
  const screen = await projector.newPage();
  await openDeck(screen, deckhand, '#/course/9');
  await terminalReady(screen);
  await openDeck(presenter, deckhand, '#/course/9/presenter');
  await terminalReady(presenter);
  // Both sync sockets are up once a move on one side reaches the other; move until the screen follows.
  const slideOf = (url: string): string => /#\/course\/(\d+)/.exec(url)?.[1] ?? '';
  await expect(async () => {
    await presenter.keyboard.press('ArrowLeft');
    await expect(screen).toHaveURL(new RegExp(`#/course/${slideOf(presenter.url())}$`), { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await presenter.keyboard.type('9');
  await presenter.keyboard.press('Enter');
  await expectSlide(screen, 'Slide nine', 9);
  await presenterFollowsTabs(presenter, screen);
  // A screen that opens now joins on terminal 2 (the answer to its hello).
  const late = await browser.newContext();
  const lateScreen = await late.newPage();
  await openDeck(lateScreen, deckhand, '#/course/9');
  await expect(tab(lateScreen, 'Terminal 2')).toHaveAttribute('aria-selected', 'true');
  await late.close();
  await trainer.close();
  await projector.close();
});
