// The course's promise, in a real browser against the real Docker engine: Run on a slide runs the
// example in the live terminal. Skipped, with the reason, when no engine with busybox answers
// (scripts/docker-engine.sh up starts one; CI always has one).
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';
import { openDeck } from './support/presenter';
import { engineAbsence } from '@deckhand/docker';

const absent = engineAbsence();

test.describe.configure({ mode: 'serial' });
test.skip(absent !== null, absent ?? '');

let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  deckhand = await startDeckhand(['e2e/fixtures/docker-engine.md']);
});

test.afterAll(async () => {
  await deckhand?.stop();
  const quiet = { stdio: 'ignore' } as const;
  try {
    execFileSync('docker', ['rm', '-f', 'dh-e2e-web'], quiet);
  } catch {
    // Not running.
  }
  try {
    execFileSync('docker', ['volume', 'rm', '-f', 'dh-e2e-data'], quiet);
    execFileSync('docker', ['image', 'rm', '-f', 'dh-e2e-hello'], quiet);
  } catch {
    // Already gone.
  }
});

/** A terminal row holding exactly `text`: the command's output, not the echo of the typed command. */
const row = (page: Page, text: string) => page.locator('.xterm-rows > div').filter({ hasText: new RegExp(`^${text}\\s*$`) });

async function runSlide(page: Page, slide: number): Promise<void> {
  await openDeck(page, deckhand, `#/docker-engine/${slide}`);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await page.locator('.slide-area').getByRole('button', { name: 'Run', exact: true }).first().click();
}

test('Run on docker run --rm busybox echo hi shows hi in the terminal', async ({ page }) => {
  await runSlide(page, 2);
  await expect(row(page, 'hi')).toHaveCount(1, { timeout: 20_000 });
});

test('an image builds from a folder in examples/ and runs', async ({ page }) => {
  await runSlide(page, 3);
  await expect(page.locator('.xterm-rows')).toContainText('hello from a container on', { timeout: 30_000 });
});

test('a named volume keeps data across two runs', async ({ page }) => {
  await runSlide(page, 4);
  await expect(row(page, 'kept-42')).toHaveCount(1, { timeout: 20_000 });
});

test('a container publishing a port on 127.0.0.1 answers a request from the terminal', async ({ page }) => {
  await runSlide(page, 5);
  await expect(row(page, 'served-42')).toHaveCount(1, { timeout: 20_000 });
});
