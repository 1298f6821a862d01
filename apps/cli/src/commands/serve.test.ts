// `deckhand serve`'s access secret: from a file or the environment (kept out of `ps`), one way only,
// with a clear error and the usage for a bad one. Runs the real command.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/deckhand.js');

function serve(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DECKHAND_TOKEN: _ignored, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, 'serve', ...args], { env: { ...inherited, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

describe('serve: the access secret', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'deckhand-token-'));
  const file = path.join(dir, 'secret');

  it('refuses a short secret from each source, naming the source, with the usage', async () => {
    writeFileSync(file, 'short\n');
    for (const [args, env, source] of [
      [['--token', 'short'], {}, '--token'],
      [['--token-file', file], {}, '--token-file'],
      [[], { DECKHAND_TOKEN: 'short' }, '$DECKHAND_TOKEN'],
    ] as const) {
      const { code, stderr } = await serve([...args, '--port', '0', 'e2e/fixtures/skeleton.md'], env);
      expect(code).toBe(2);
      expect(stderr).toContain(`the access secret from ${source} must be at least 16 characters`);
      expect(stderr).toContain('Usage: deckhand serve');
    }
  });

  it('refuses two sources at once, and a file it cannot read', async () => {
    writeFileSync(file, 'a-long-enough-secret-here\n');
    const both = await serve(['--token-file', file, 'e2e/fixtures/skeleton.md'], { DECKHAND_TOKEN: 'another-long-enough-secret' });
    expect(both.stderr).toContain('give the access secret one way, not with --token-file and $DECKHAND_TOKEN');
    const missing = await serve(['--token-file', path.join(dir, 'nope'), 'e2e/fixtures/skeleton.md']);
    expect(missing.stderr).toContain(`--token-file: cannot read ${path.join(dir, 'nope')} (ENOENT)`);
  });

  it('says in --help how to keep the secret out of ps', async () => {
    const { stdout } = await serve(['--help']);
    expect(stdout).toMatch(/--token-file F/);
    expect(stdout).toMatch(/\$DECKHAND_TOKEN/);
    expect(stdout).toMatch(/`ps`/);
  });
});
