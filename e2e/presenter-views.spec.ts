// The presenter view and keeping views in step: notes, next slide, timer, countdown and pace; the
// presenter window and the audience window in one browser (BroadcastChannel), and two devices
// (through the server).
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

test('the presenter view shows the slide, the next one, rendered notes, the timer, countdown and pace', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/1/presenter');
  const current = page.getByRole('region', { name: 'Current slide' });
  const next = page.getByRole('region', { name: 'Next slide' });
  await expect(current.getByRole('heading', { name: 'Welcome aboard' })).toBeVisible();
  await expect(next.getByRole('heading', { name: 'Run a command' })).toBeVisible();
  const notes = page.getByRole('region', { name: 'Speaker notes' });
  await expect(notes.locator('strong')).toHaveText('who has used Docker');
  await expect(page.getByTestId('countdown')).toHaveText(/^(10:00|9:5\d) left$/);
  await expect(page.getByTestId('pace')).toHaveText('On time');
  await expect(page.getByTestId('elapsed')).not.toHaveText('0:00', { timeout: 3_000 });
  await page.reload();
  await expect(page.getByTestId('elapsed'), 'a reload keeps the talk\'s elapsed time').toHaveText(/^0:0[1-9]$/, { timeout: 1_000 });
  await expect(page.getByRole('timer', { name: 'Clock' }).or(page.locator('time.timer-clock'))).toHaveText(/\d{1,2}:\d{2}/);

  const before = await notes.locator('.notes-text').evaluate((element) => getComputedStyle(element).fontSize);
  await notes.getByRole('button', { name: 'Larger notes' }).click();
  const after = await notes.locator('.notes-text').evaluate((element) => getComputedStyle(element).fontSize);
  expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));

  await page.keyboard.press('End');
  await expect(current.getByRole('heading', { name: 'The end' })).toBeVisible();
  await expect(next).toContainText('End of the deck.');
  await expect(page.getByTestId('pace')).toHaveText(/min ahead/);
  await expect(page.getByRole('region', { name: 'Terminal' })).toBeVisible();
});

test('p opens the presenter window, and it and the audience window follow each other', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/2');
  await expectSlide(page, 'Run a command', 2);
  const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('p')]);
  await expect(presenter).toHaveURL(/#\/course\/2\/presenter$/);
  const current = presenter.getByRole('region', { name: 'Current slide' });
  await expect(current.getByRole('heading', { name: 'Run a command' })).toBeVisible();

  await presenter.keyboard.press('ArrowRight');
  await expect(current.getByRole('heading', { name: 'Long and typed commands' })).toBeVisible();
  await expectSlide(page, 'Long and typed commands', 3);

  await page.keyboard.press('ArrowRight');
  await expectSlide(page, 'Exercise: Say hello', 4);
  await expect(current.getByRole('heading', { name: 'Exercise: Say hello' })).toBeVisible();

  // The presenter shows and hides the terminal on the audience screen.
  await expect(page.locator('.audience')).toHaveClass(/layout-split/);
  await presenter.getByRole('button', { name: 'Terminal on screen' }).click();
  await expect(page.locator('.audience')).toHaveClass(/layout-slide/);
  await presenter.keyboard.press('t');
  await expect(page.locator('.audience')).toHaveClass(/layout-split/);
});

test('the presenter view opens the audience window, which joins on the presenter\'s slide', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/5/presenter');
  await expect(page.getByRole('region', { name: 'Current slide' }).getByRole('heading', { name: 'Exercise: Count to three' })).toBeVisible();
  const [audience] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Open audience window' }).click()]);
  await expectSlide(audience, 'Exercise: Count to three', 5);
  await page.keyboard.press('ArrowLeft');
  await expectSlide(audience, 'Exercise: Say hello', 4);
});

test('a tip opened in the presenter window opens on the audience screen, and closing it there closes it here', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/4');
  await expectSlide(page, 'Exercise: Say hello', 4);
  const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('p')]);
  const current = presenter.getByRole('region', { name: 'Current slide' });
  const audienceTip = page.locator('.slide-area').getByText('prints its arguments');
  await expect(audienceTip).toBeHidden();
  await current.getByText('Tip 1').click();
  await expect(current.getByText('prints its arguments')).toBeVisible();
  await expect(audienceTip).toBeVisible();
  await page.locator('.slide-area').getByText('Tip 1').click();
  await expect(audienceTip).toBeHidden();
  await expect(current.getByText('prints its arguments')).toBeHidden();
});

test('views on two devices stay on the same slide through the server', async ({ browser }) => {
  const trainer = await browser.newContext();
  const projector = await browser.newContext();
  const presenter = await trainer.newPage();
  const screen = await projector.newPage();
  await openDeck(presenter, deckhand, '#/course/1/presenter');
  await openDeck(screen, deckhand, '#/course/1');
  await expectSlide(screen, 'Welcome aboard', 1);
  const current = presenter.getByRole('region', { name: 'Current slide' });
  await expect(current.getByRole('heading', { name: 'Welcome aboard' })).toBeVisible();
  // Both sync sockets are up once a move on one side reaches the other; move until the screen follows.
  const slideOf = (url: string): string => /#\/course\/(\d+)/.exec(url)?.[1] ?? '';
  await expect(async () => {
    await presenter.getByRole('button', { name: 'Next slide' }).click();
    await expect(screen).toHaveURL(new RegExp(`#/course/${slideOf(presenter.url())}$`), { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await presenter.keyboard.press('Home');
  await expectSlide(screen, 'Welcome aboard', 1);
  await presenter.keyboard.press('ArrowRight');
  await expectSlide(screen, 'Run a command', 2);
  await screen.keyboard.press('ArrowRight');
  await expect(current.getByRole('heading', { name: 'Long and typed commands' })).toBeVisible();
  // A tip opened on the trainer's device opens on the projector's, through the server.
  await presenter.keyboard.press('ArrowRight');
  await expectSlide(screen, 'Exercise: Say hello', 4);
  await current.getByText('Tip 1').click();
  await expect(screen.locator('.slide-area').getByText('prints its arguments')).toBeVisible();
  await trainer.close();
  await projector.close();
});

test('o in the presenter view opens the overview over it, and a click goes there', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/1/presenter');
  const current = page.getByRole('region', { name: 'Current slide' });
  await expect(current.getByRole('heading', { name: 'Welcome aboard' })).toBeVisible();
  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
  await overview.getByRole('button', { name: 'Slide 7: Placeholders' }).click();
  await expect(overview).toBeHidden();
  await expect(current.getByRole('heading', { name: 'Placeholders' })).toBeVisible();
  await expect(page).toHaveURL(/#\/course\/7\/presenter$/);
});
