// A class following its trainer, in real Chromium pages: the trainer's presenter view, a follower on
// the trainer's server (its follower link), a follower through an https forwarding proxy with another
// Host (as in a cloud workspace), and an attendee whose own Deckhand follows the trainer and runs
// blocks in the attendee's own shell. The trainer moves and they follow; one roams and catches up;
// the trainer's dashboard counts; a shared terminal shows read-only; a new link shuts the old one out.
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './support/chromium';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';
import { startHttpsProxy, type HttpsProxy } from './support/https-proxy';
import { expectInsideWindow } from './support/presenter';

test.describe.configure({ mode: 'serial' });

const PUBLIC_NAME = 'deckhand.test';
let proxy: HttpsProxy;
let trainerServer: RunningDeckhand;
let attendeeServer: RunningDeckhand;
let proxiedBrowser: Browser;
let contexts: BrowserContext[] = [];
let trainer: Page;
let direct: Page;
let proxied: Page;
let attendee: Page;

const heading = (page: Page) => page.locator('.slide-area .slide-canvas > section').getByRole('heading').first();
const bar = (page: Page) => page.getByRole('complementary', { name: 'Following the trainer' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  proxy = await startHttpsProxy(PUBLIC_NAME);
  trainerServer = await startDeckhand(['e2e/fixtures/follow/class.md', '--public-url', `https://${PUBLIC_NAME}:${proxy.port}`]);
  const printed = async (pattern: RegExp): Promise<string> => {
    await expect.poll(() => pattern.exec(trainerServer.output())?.[1]).toBeTruthy();
    return pattern.exec(trainerServer.output())?.[1] ?? '';
  };
  const local = await printed(/On this machine: (\S+)/);
  const followLink = await printed(/Followers \(slides only, no shell\): (\S+)/);
  expect(new URL(trainerServer.url).host).toBe(`${PUBLIC_NAME}:${proxy.port}`);
  expect(new URL(followLink).host).toBe(`${PUBLIC_NAME}:${proxy.port}`);
  const localOrigin = new URL(local).origin;
  proxy.target = Number(new URL(local).port);
  const directFollowLink = `${localOrigin}${new URL(followLink).pathname}${new URL(followLink).search}`;
  attendeeServer = await startDeckhand(['e2e/fixtures/follow/class.md', '--follow', directFollowLink]);

  const context = async (from: Browser, options = {}): Promise<Page> => {
    const created = await from.newContext(options);
    contexts.push(created);
    return created.newPage();
  };
  trainer = await context(browser);
  await trainer.goto(local);
  await trainer.goto(`${localOrigin}/#/class/1/presenter`);
  await expect(trainer.getByRole('main', { name: 'Presenter view' })).toBeVisible();

  direct = await context(browser);
  await direct.goto(directFollowLink);
  proxiedBrowser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${PUBLIC_NAME} 127.0.0.1`] });
  proxied = await context(proxiedBrowser, { ignoreHTTPSErrors: true });
  await proxied.goto(followLink);
  attendee = await context(browser);
  await attendee.goto(attendeeServer.url);
});

test.afterAll(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  await proxiedBrowser?.close();
  await attendeeServer?.stop();
  await trainerServer?.stop();
  await proxy?.close();
});

test('followers join on the trainer\'s slide and follow the trainer through the proxy, the link and their own Deckhand', async () => {
  for (const page of [direct, proxied, attendee]) {
    await expect(heading(page)).toHaveText('Welcome to the class');
    await expect(bar(page)).toContainText('Following the trainer');
  }
  expect(proxied.url()).toMatch(new RegExp(`^https://${PUBLIC_NAME.replace('.', '\\.')}:${proxy.port}/follow/`));
  expect(proxied.url()).not.toContain('token=');

  await trainer.keyboard.press('ArrowRight');
  for (const page of [direct, proxied, attendee]) await expect(heading(page)).toHaveText('Run a command');
  await expect(trainer.getByRole('button', { name: /^Followers: 3$/ })).toBeVisible();
  await expect(trainer.getByLabel('Where followers are')).toContainText('3 here');

  // A follower on the trainer's server has no shell: Copy, never Run. The attendee runs in its own.
  await expect(direct.locator('.slide-area').getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  await expect(direct.locator('.slide-area').getByRole('button', { name: 'Run', exact: true })).toHaveCount(0);
  await attendee.locator('.slide-area').getByRole('button', { name: 'Run', exact: true }).click();
  await expect(attendee.locator('.xterm-rows')).toContainText('follower-42');
});

test('a follower roams ahead, the dashboard says so, and catching up follows again, tips included', async () => {
  await direct.keyboard.press('ArrowRight');
  await direct.keyboard.press('ArrowRight');
  await expect(heading(direct)).toHaveText('Slide four');
  await expect(bar(direct)).toContainText('Roaming. The trainer is on slide 2.');
  await expect(trainer.getByLabel('Where followers are')).toContainText('2 here · 0 behind · 1 ahead');

  await trainer.keyboard.press('ArrowRight');
  await trainer.locator('.presenter-current').getByText('Tip 1').click();
  for (const page of [proxied, attendee]) {
    await expect(heading(page)).toHaveText('Exercise: Say hello');
    await expect(page.locator('.slide-area details').first()).toHaveAttribute('open', '');
  }
  await expect(heading(direct)).toHaveText('Slide four');
  await expect(bar(direct)).toContainText('The trainer is on slide 3.');

  await direct.getByRole('button', { name: 'Catch up' }).click();
  await expect(heading(direct)).toHaveText('Exercise: Say hello');
  await expect(direct.locator('.slide-area details').first()).toHaveAttribute('open', '');
  await expect(bar(direct)).toContainText('Following the trainer');

  await proxied.getByLabel('Exercise done').check();
  await attendee.getByRole('textbox', { name: /Your name/ }).fill('Grace');
  await expect(trainer.getByLabel('Where followers are')).toContainText('3 here · 0 behind · 0 ahead · exercise done 1/3');
  await trainer.getByRole('button', { name: /^Followers: 3$/ }).click();
  await expect(trainer.getByRole('region', { name: 'Followers' })).toContainText('Named: Grace');
});

test('a shared terminal shows read-only to followers, and a new link disconnects the old one', async () => {
  const panel = trainer.getByRole('region', { name: 'Followers' });
  await expect(panel.getByTestId('follower-link')).toContainText(`https://${PUBLIC_NAME}:${proxy.port}/follow/?token=`);
  await expect(panel.getByRole('img', { name: 'QR code of the follower link' })).toBeVisible();
  // The panel hangs from its toolbar group, which the bar wraps to the start of a row: all of it in the window.
  await expectInsideWindow(trainer, panel);
  await expect(trainer.locator('.presenter-terminal [data-testid="terminal"]')).toHaveAttribute('data-status', 'open');
  await panel.getByLabel('Followers may watch this terminal (read-only)').check();
  await trainer.locator('.presenter-terminal .xterm-screen').click();
  await trainer.keyboard.type('echo shared-$((40+2))\n');
  const watched = direct.getByRole('region', { name: "The trainer's terminal (read-only)" });
  await expect(watched.locator('.xterm-rows')).toContainText('shared-42');
  await watched.locator('.xterm-screen').click();
  await direct.keyboard.type('echo from-a-follower\n');
  await trainer.waitForTimeout(300);
  await expect(trainer.locator('.presenter-terminal .xterm-rows')).not.toContainText('from-a-follower');

  trainer.once('dialog', (dialog) => void dialog.accept());
  const before = await panel.getByTestId('follower-link').textContent();
  await panel.getByRole('button', { name: 'New link' }).click();
  await expect(panel.getByTestId('follower-link')).not.toHaveText(before ?? '');
  for (const page of [direct, proxied]) await expect(bar(page)).toContainText('replaced this follower link');
  await expect(bar(attendee)).toContainText(/refused|replaced/);
});
