// Terminal sessions as a user meets them: a reload brings back the same shell and screen, blocks run
// in the tab their `term` names, an exit shows its code and offers a new shell, a server restart is
// explained, and hostile output (titles, links) runs no script.
import { spawnSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';

let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  deckhand = await startDeckhand(['e2e/fixtures/terminal-tabs.md']);
});

test.afterAll(async () => {
  await deckhand.stop();
});

const screen = (page: Page) => page.locator('[data-testid="terminal"] .xterm-rows');

async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="terminal"] .xterm-screen').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function shellPid(page: Page, label: string): Promise<string> {
  await typeInTerminal(page, `echo ${label}-$$`);
  const match = new RegExp(`${label}-(\\d+)`);
  await expect(screen(page)).toContainText(match);
  return match.exec((await screen(page).textContent()) ?? '')![1]!;
}

async function lastLine(page: Page): Promise<number> {
  const numbers = [...((await screen(page).textContent()) ?? '').matchAll(/line-(\d+)/g)].map((match) => Number(match[1]));
  return Math.max(0, ...numbers);
}

test('reloading the page brings back the same shell ($$) with its screen', async ({ page }) => {
  await page.goto(deckhand.url);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  const before = await shellPid(page, 'before');
  await typeInTerminal(page, 'echo kept-on-screen-$((6*7))');
  await expect(screen(page)).toContainText('kept-on-screen-42');

  await page.reload();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await expect(screen(page), 'the screen is restored').toContainText('kept-on-screen-42');
  expect(await shellPid(page, 'after')).toBe(before);
});

test('a block with term=2 runs in terminal 2, its own shell, and the tabs switch', async ({ page }) => {
  await page.goto(deckhand.url);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await page.getByRole('button', { name: 'Run', exact: true }).first().click();
  await expect(screen(page)).toContainText(/first-terminal-\d+/);
  await page.getByRole('button', { name: 'Run', exact: true }).nth(1).click();
  await expect(page.getByRole('tab', { name: 'Terminal 2' })).toHaveAttribute('aria-selected', 'true');
  await expect(screen(page)).toContainText(/second-terminal-\d+/);
  await expect(screen(page)).not.toContainText('first-terminal');
  await page.getByRole('tab', { name: 'Terminal 1' }).click();
  await expect(screen(page)).toContainText(/first-terminal-\d+/);
});

test('an exit shows its code and offers a new shell; split UTF-8 arrives intact', async ({ page }) => {
  await page.goto(deckhand.url);
  await page.getByRole('button', { name: 'New terminal' }).click();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await typeInTerminal(page, `printf 'price: \\342\\202'; sleep 0.3; printf '\\254 each\\n'`);
  await expect(screen(page)).toContainText('price: € each');
  await typeInTerminal(page, 'exit 7');
  await expect(page.getByRole('status')).toContainText('The shell exited with code 7.');
  await page.getByRole('button', { name: 'Start a new shell' }).click();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await typeInTerminal(page, 'echo fresh-$((1+1))');
  await expect(screen(page)).toContainText('fresh-2');
});

test('terminal output cannot run script: titles and links stay text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(deckhand.url);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  const title = `printf '\\033]0;<img src=x onerror=alert(1)>\\007'`;
  const link = `printf '\\033]8;;javascript:alert(2)\\033\\\\click-me\\033]8;;\\033\\\\\\n'`;
  await typeInTerminal(page, `${title}; ${link}; echo done-$((3*3))`);
  await expect(screen(page)).toContainText('done-9');
  // The rows do not take pointer events; click where the link is drawn, as a user would.
  const box = (await page.getByText('click-me', { exact: true }).boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test('a server restart ends the shells, and the page says so and offers a new shell', async ({ page }) => {
  const token = 'restart-token-0123456789abcdef';
  let server = await startDeckhand(['e2e/fixtures/terminal-tabs.md', '--token', token]);
  const port = new URL(server.url).port;
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
    await typeInTerminal(page, 'echo before-restart');
    await expect(screen(page)).toContainText('before-restart');
    await server.stop();
    await expect(page.getByRole('status')).toContainText('The Deckhand server stopped, and this shell with it.');
    server = await startDeckhand(['e2e/fixtures/terminal-tabs.md', '--token', token, '--port', port]);
    await page.getByRole('button', { name: 'Start a new shell' }).click();
    await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
    await typeInTerminal(page, 'echo after-restart');
    await expect(screen(page)).toContainText('after-restart');

    // Killed outright, the page first tries to reconnect, then learns its shell is gone.
    process.kill(server.pid, 'SIGKILL');
    await expect(page.getByText(/reconnecting to the same shell/)).toBeVisible();
    server = await startDeckhand(['e2e/fixtures/terminal-tabs.md', '--token', token, '--port', port]);
    await expect(page.getByRole('status')).toContainText('This shell has ended while the page was away', { timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Start a new shell' })).toBeVisible();
  } finally {
    await server.stop();
  }
});

test('an idle shell is announced before it ends, and the page offers a new one', async ({ page }) => {
  const server = await startDeckhand(['e2e/fixtures/terminal-tabs.md', '--idle-timeout', '3s']);
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
    await expect(page.getByRole('alert')).toContainText(/This shell has been idle and ends in \d+ s: press a key in it to keep it\./);
    await expect(page.getByRole('status')).toContainText('This shell ended after being idle too long.', { timeout: 10_000 });
    await expect(page.getByRole('button', { name: 'Start a new shell' })).toBeVisible();
    expect(server.output()).toMatch(/session end .*reason="idle timeout"/);
  } finally {
    await server.stop();
  }
});

test('a dropped connection comes back to the same shell, output in order, nothing doubled', async ({ page }) => {
  const server = await startDeckhand(['e2e/fixtures/terminal-tabs.md']);
  const port = new URL(server.url).port;
  // Drops every TCP connection to this server, as a network loss does (needs ss -K: Linux, root).
  const dropConnections = (): boolean => spawnSync('ss', ['-K', 'dst', '127.0.0.1', 'dport', '=', port]).status === 0;
  const terminalSockets: string[] = [];
  page.on('websocket', (socket) => socket.url().includes('/ws/terminal') && terminalSockets.push(socket.url()));
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
    const before = await shellPid(page, 'before');
    await typeInTerminal(page, 'for i in $(seq 1 300); do echo line-$i; sleep 0.01; done; echo stream-$((1+1))-done');
    // Each drop waits for the stream to pass a line, whichever lines are on screen when the page is polled.
    await expect.poll(() => lastLine(page)).toBeGreaterThanOrEqual(40);
    test.skip(!dropConnections(), 'ss -K cannot drop connections here');
    await expect.poll(() => lastLine(page)).toBeGreaterThanOrEqual(150);
    dropConnections();
    await expect(screen(page)).toContainText('stream-2-done', { timeout: 20_000 });
    const numbers = [...((await screen(page).textContent()) ?? '').matchAll(/line-(\d+)/g)].map((match) => Number(match[1]));
    expect(numbers.length).toBeGreaterThan(5);
    expect(numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1), `lines on screen: ${numbers.join(' ')}`).toBe(true);
    expect(numbers.at(-1)).toBe(300);
    expect(await shellPid(page, 'after')).toBe(before);
    expect(terminalSockets.length, 'reconnected after each drop').toBeGreaterThanOrEqual(3);
    expect(terminalSockets.slice(1).every((url) => /[?&]offset=\d+/.test(url)), 'reconnections resume from an offset').toBe(true);
  } finally {
    await server.stop();
  }
});
