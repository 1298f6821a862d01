// `deckhand check --sandbox docker`: the deck runs in an attendee's sandbox with its own engine.
// Skipped, with the reason, without the engine or the deckhand-sandbox-engine image.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { engineAbsence } from '@deckhand/docker';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

const absent = engineAbsence(['busybox:latest', 'deckhand-sandbox-engine:latest']);
if (absent) console.warn(`skipping deckhand check --sandbox tests: ${absent}`);

describe.skipIf(absent !== null)('deckhand check --sandbox docker', () => {
  it('runs the deck in a sandbox with its own engine: same passes, failures and skips as on the host', () => {
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'apps/cli/bin/deckhand.js'), 'check', 'e2e/fixtures/docker-check.md', '--keep-going',
        '--sandbox', 'docker', '--image', 'deckhand-sandbox-engine', '--docker-engine', 'sidecar', '--share', '.',
      ],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.stdout).toMatch(/4 passed, 1 failed, 2 skipped/);
    expect(run.stdout).toMatch(/^SKIP .*deckhand-absent\/image:never.*\n\s+skipped: image deckhand-absent\/image:never is not here and cannot be pulled/m);
    expect(run.status).toBe(1);
    const left = execFileSync('docker', ['ps', '-aq', '--filter', 'name=dh-check-fixture'], { encoding: 'utf8' }).trim();
    expect(left, 'the host engine never saw the deck\'s container').toBe('');
  }, 120_000);
});
