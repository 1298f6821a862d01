// A server restart under an open page (issue 4): the page says the server restarted and the terminal
// sessions ended, offers a new shell in one click, and shows the deck as it is now, edited while the
// server was down. A real server, stopped and started again on the same port with the same --token.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { restartDeckhand, startDeckhand } from './support/deckhand';
import { expectSlide, openDeck, withShell } from './support/presenter';

const deck = (title: string): string => `---\ntitle: Restart\n---\n\n# ${title}\n\n---\n\n## Second slide\n`;

test('after a server restart the page says the shells ended, starts a new one in one click, and shows the edited deck', async ({ page }) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'deckhand-restart-'));
  const file = path.join(folder, 'restart.md');
  writeFileSync(file, deck('Before the restart'));
  const args = [folder, '--token', 'presenter-restart-token-0123456789'];
  let deckhand = await withShell('/bin/sh', () => startDeckhand(args));
  try {
    await openDeck(page, deckhand, '#/restart/1');
    await expectSlide(page, 'Before the restart', 1);
    const terminal = page.getByTestId('terminal');
    await expect(terminal).toHaveAttribute('data-status', 'open');
    await terminal.locator('.xterm-screen').click();
    await page.keyboard.type('echo first-$((6*7))\n');
    await expect(terminal.locator('.xterm-rows')).toContainText('first-42');

    deckhand = await withShell('/bin/sh', () => restartDeckhand(deckhand, args, () => writeFileSync(file, deck('After the restart'))));

    const notice = page.getByRole('alert').filter({ hasText: 'The Deckhand server restarted' });
    await expect(notice).toContainText('the terminal sessions ended', { timeout: 20_000 });
    await expectSlide(page, 'After the restart', 1);
    await expect(page.locator('.terminal-pane').getByText('The Deckhand server stopped, and this shell with it.')).toBeVisible();

    // One click for every terminal tab (each tab also offers its own "Start a new shell").
    await notice.getByRole('button', { name: 'Start new shells' }).click();
    await expect(notice).toBeHidden();
    await expect(terminal).toHaveAttribute('data-status', 'open');
    await terminal.locator('.xterm-screen').click();
    await page.keyboard.type('echo again-$((6*7))\n');
    await expect(terminal.locator('.xterm-rows')).toContainText('again-42');
    await expect(terminal.locator('.xterm-rows')).not.toContainText('first-42');
  } finally {
    await deckhand.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
