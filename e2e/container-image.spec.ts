// Deckhand's container image (the root Dockerfile, built by scripts/build-image.sh on a locally made Node
// base, as .ci/run does), run as compose.yaml runs it: non-root, read-only, with the host's Docker socket.
// Its health check passes, the printed address opens the deck in a real browser, a Run reaches a sandbox
// container (uid 1000, no Docker socket), and stopping it leaves none of its sandboxes behind.
// Skipped, with the reason, when the image or the engine is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { engineAbsence } from '@deckhand/docker';
import { repoRoot } from './support/deckhand';

const IMAGE = process.env.DECKHAND_IMAGE ?? 'deckhand:ci';
const absent = engineAbsence(['busybox:latest', IMAGE]);
test.skip(absent !== null, absent ? `${absent}; build the image with scripts/build-image.sh ${IMAGE}` : '');

const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8' }).trim();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

test('the image starts healthy, serves the deck, reaches a sandbox with Run, and leaves nothing when stopped', async ({ page }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const name = `deckhand-image-test-${process.pid}`;
  const socketGroup = String(statSync('/var/run/docker.sock').gid);
  const container = docker(
    'run', '-d', '--name', name, '--pull', 'never',
    '-p', `127.0.0.1:${port}:4321`,
    '--read-only', '--tmpfs', '/tmp', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges',
    '-v', '/var/run/docker.sock:/var/run/docker.sock', '--group-add', socketGroup,
    '-v', `${path.join(repoRoot, 'e2e/fixtures')}:/fixtures:ro`,
    IMAGE,
    'serve', '/fixtures/docker-sandbox.md', '--sandbox', 'docker', '--image', 'busybox', '--public-url', `http://127.0.0.1:${port}`,
  );
  const host = docker('inspect', '--format', '{{.Config.Hostname}}', container);
  const sandboxes = (): string[] =>
    docker('ps', '-a', '--filter', 'label=deckhand.sandbox', '--format', '{{.Label "deckhand.sandbox.owner"}}')
      .split('\n')
      .filter((owner) => owner.startsWith(`${host}:`));
  try {
    expect(docker('inspect', '--format', '{{.Config.User}}', container)).toBe('deckhand');
    await expect.poll(() => docker('inspect', '--format', '{{.State.Health.Status}}', container), { timeout: 60_000, intervals: [1_000] }).toBe('healthy');
    const logs = spawnSync('docker', ['logs', container], { encoding: 'utf8' });
    const address = /Deckhand is running at (\S+)/.exec(logs.stdout + logs.stderr)?.[1];
    expect(address).toContain(`http://127.0.0.1:${port}/?token=`);

    await page.goto(address as string);
    await page.goto(`http://127.0.0.1:${port}/#/docker-sandbox/1`);
    await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open', { timeout: 20_000 });
    await page.locator('.slide-area').getByRole('button', { name: 'Run', exact: true }).first().click();
    const rows = page.locator('.xterm-rows > div');
    await expect(rows.filter({ hasText: /^uid=1000\s*$/ })).toHaveCount(1, { timeout: 20_000 });
    await expect(rows.filter({ hasText: /^socket=1\s*$/ })).toHaveCount(1);
    expect(sandboxes().length).toBeGreaterThan(0);

    docker('stop', '--time', '20', container);
    expect(sandboxes()).toEqual([]);
  } finally {
    execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
  }
});
