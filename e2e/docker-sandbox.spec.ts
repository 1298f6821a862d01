// `deckhand serve --sandbox docker`, driven from a real browser: the terminal is a hardened container
// (not root, no Docker socket), and no sandbox container is left once the server stops. Skipped, with
// the reason, when no engine with busybox answers (scripts/docker-engine.sh up; CI always has one).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';
import { openDeck } from './support/presenter';
import { engineAbsence } from '@deckhand/docker';

const absent = engineAbsence();
test.skip(absent !== null, absent ?? '');

let deckhand: RunningDeckhand;
let serverPid = 0;

test.beforeAll(async () => {
  deckhand = await startDeckhand(['e2e/fixtures/docker-sandbox.md', '--sandbox', 'docker', '--image', 'busybox', '--pids', '64']);
});

test.afterAll(async () => {
  await deckhand?.stop();
});

function parentOf(pid: number): number {
  try {
    // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

/** Sandbox containers whose owner is a `deckhand serve` started by this test. */
function sandboxContainers(): string[] {
  return execFileSync('docker', ['ps', '-a', '--filter', 'label=deckhand.sandbox', '--format', '{{.ID}} {{.Label "deckhand.sandbox.owner"}}'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => serverPid > 0 && line.endsWith(`:${serverPid}`));
}

test('the terminal is a container: not root, no Docker socket, a fork bomb stays inside, nothing is left after the server stops', async ({ page }) => {
  test.setTimeout(60_000);
  await openDeck(page, deckhand, '#/docker-sandbox/1');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await page.locator('.slide-area').getByRole('button', { name: 'Run', exact: true }).first().click();
  const rows = page.locator('.xterm-rows > div');
  await expect(rows.filter({ hasText: /^uid=1000\s*$/ })).toHaveCount(1, { timeout: 20_000 });
  await expect(rows.filter({ hasText: /^socket=1\s*$/ })).toHaveCount(1);

  // A fork bomb hits the pids limit inside the container: the server keeps answering, and the shell
  // still runs builtins (echo needs no new process).
  await page.locator('.xterm-screen').click();
  await page.keyboard.type('bomb() { bomb | bomb & }; bomb\n');
  await page.waitForTimeout(3_000);
  const started = Date.now();
  const status = await page.evaluate(async () => (await fetch('/api/decks', { headers: { Authorization: `Bearer ${localStorage.getItem('deckhand.credential')}` } })).status);
  expect(status).toBe(200);
  expect(Date.now() - started).toBeLessThan(2_000);
  await page.keyboard.type('echo "still-$((40+2))"\n');
  await expect(rows.filter({ hasText: /^still-42\s*$/ })).toHaveCount(1, { timeout: 20_000 });

  // The server is this worker's child: its containers are those whose owner pid has us as parent.
  const owners = execFileSync('docker', ['ps', '--filter', 'label=deckhand.sandbox=session', '--format', '{{.Label "deckhand.sandbox.owner"}}'], { encoding: 'utf8' });
  serverPid = owners.split('\n').filter(Boolean).map((owner) => Number(owner.split(':')[1])).find((pid) => parentOf(pid) === process.pid) ?? 0;
  expect(sandboxContainers().length).toBeGreaterThan(0);

  await deckhand.stop();
  await expect.poll(() => sandboxContainers().length, { timeout: 15_000 }).toBe(0);
});
