// `deckhand serve --sandbox docker --docker-engine sidecar`, from a real browser: an attendee's
// terminal runs Docker commands against its own per-session engine, never the host's socket. Skipped,
// with the reason, without the engine or its image (DECKHAND_SANDBOX_ENGINE_IMAGE=1
// scripts/docker-engine.sh up builds deckhand-sandbox-engine, ~2 min).
import { expect, test } from '@playwright/test';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';
import { openDeck } from './support/presenter';
import { engineAbsence } from '@deckhand/docker';

const absent = engineAbsence(['busybox:latest', 'deckhand-sandbox-engine:latest']);
test.skip(absent !== null, absent ?? '');

let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  deckhand = await startDeckhand([
    'e2e/fixtures/docker-sandbox-engine.md',
    '--sandbox', 'docker', '--image', 'deckhand-sandbox-engine', '--docker-engine', 'sidecar',
  ]);
});

test.afterAll(async () => {
  await deckhand?.stop();
});

test('Run in a sandbox uses the session\'s own Docker engine, not the host socket', async ({ page }) => {
  test.setTimeout(60_000);
  await openDeck(page, deckhand, '#/docker-sandbox-engine/1');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open', { timeout: 30_000 });
  await page.locator('.slide-area').getByRole('button', { name: 'Run', exact: true }).first().click();
  const rows = page.locator('.xterm-rows > div');
  await expect(rows.filter({ hasText: /^inner-42 as 0\s*$/ })).toHaveCount(1, { timeout: 30_000 });
  await expect(rows.filter({ hasText: /^host-socket=1\s*$/ })).toHaveCount(1);
});
