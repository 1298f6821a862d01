// `deckhand record` as a user runs it: the real CLI, real shells, files on disk. No Docker needed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCast } from '@deckhand/recording';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'apps/cli/bin/deckhand.js');

function record(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, 'record', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
}

function deckIn(text: string): { dir: string; deck: string; recordings: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-record-'));
  const deck = path.join(dir, 'demo.md');
  writeFileSync(deck, text);
  return { dir, deck, recordings: path.join(dir, '.recordings', 'demo') };
}

function casts(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(path.join(folder, name), 'utf8')]));
}

const DECK = [
  '# Demo',
  '',
  '```console',
  '$ echo hello from the deck',
  'hello from the deck',
  '```',
  '',
  '---',
  '',
  '```sh {id=greeting}',
  "printf '\\033[32mgreen\\033[0m\\n'; sleep 0.2; echo done",
  '```',
  '',
  '```sh {skip="not today"}',
  'echo skipped',
  '```',
  '',
].join('\n');

describe('deckhand record', () => {
  it('records each block as asciicast v3 with its output and timing, then writes nothing when nothing changed', () => {
    const { deck, recordings } = deckIn(DECK);
    const first = record([deck]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/2 recorded, 0 unchanged, 1 skipped, 0 failed/);
    const files = casts(recordings);
    expect(Object.keys(files).sort()).toEqual([expect.stringMatching(/^[0-9a-f]{16}\.cast$/), 'greeting.cast']);
    const greeting = parseCast(files['greeting.cast'] as string);
    expect(greeting.problems).toEqual([]);
    expect(greeting.recording?.stamp).toMatchObject({ deck: 'demo.md', block: 'greeting', by: 'record' });
    const output = greeting.recording?.events.map((event) => event.data).join('') ?? '';
    expect(output).toContain("$ printf '\\033[32mgreen\\033[0m\\n'; sleep 0.2; echo done\r\n\x1b[32mgreen\x1b[0m\r\n");
    expect(output).not.toContain('\u001eDH'); // the check shell's prompt sentinel stays out
    const done = greeting.recording?.events.find((event) => event.data.startsWith('done'));
    expect(done?.time).toBeGreaterThanOrEqual(0.19);

    const mtimes = Object.keys(files).map((name) => statSync(path.join(recordings, name)).mtimeMs);
    const second = record([deck]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/every recording is current \(2\)/);
    expect(second.stdout).toMatch(/0 recorded, 2 unchanged, 1 skipped, 0 failed/);
    expect(casts(recordings)).toEqual(files);
    expect(Object.keys(files).map((name) => statSync(path.join(recordings, name)).mtimeMs)).toEqual(mtimes);
  }, 60_000);

  it('records only the block that changed, and reports (and prunes) a recording whose block is gone', () => {
    const { deck, recordings } = deckIn(DECK);
    expect(record([deck]).status).toBe(0);
    const before = casts(recordings);
    writeFileSync(deck, DECK.replace('echo done', 'echo finished').replace('echo hello from the deck\nhello from the deck', 'echo hi\nhi'));
    const run = record([deck]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/2 recorded, 0 unchanged/); // greeting changed, and the first block is a new one
    expect(run.stdout).toMatch(/STALE .*\.cast: no block of demo.md has this name any more \(--prune deletes it\)/);
    const after = casts(recordings);
    expect(after['greeting.cast']).not.toEqual(before['greeting.cast']);
    expect(after['greeting.cast']).toContain('finished');
    expect(record([deck, '--prune']).stdout).toMatch(/\(deleted\)/);
    expect(Object.keys(casts(recordings))).toHaveLength(2);
  }, 60_000);

  it('keeps secrets out: the environment stays outside the shell, and secret values are redacted', () => {
    const secret = 'sk-live-4f9a8b7c6d5e4f3a';
    const { dir, deck, recordings } = deckIn(['```sh', 'env | sort', 'cat secret.txt', '```', ''].join('\n'));
    writeFileSync(path.join(dir, 'secret.txt'), `the key is ${secret}\n`);
    const run = record([deck], { DEPLOY_API_TOKEN: secret, SOME_SETTING: 'visible-value-123' });
    expect(run.status).toBe(0);
    const text = Object.values(casts(recordings)).join('');
    expect(text).not.toContain(secret);
    expect(text).toContain('the key is [redacted]');
    expect(text).not.toContain('SOME_SETTING'); // the caller's environment is not the shell's
  }, 60_000);

  it('refuses a recording over the size limit with a clear message, and exits 1 as check does', () => {
    const { deck, recordings } = deckIn(['```sh', "head -c 300000 /dev/zero | tr '\\0' 'x'", '```', ''].join('\n'));
    const run = record([deck, '--max-size', '0.1']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAIL .*demo\.md:1/);
    expect(run.stdout).toMatch(/not recorded: its output is \d+ kB, over the 103 kB limit of a recording \(print less, or raise --max-size\)/);
    expect(existsSync(recordings) ? readdirSync(recordings) : []).toEqual([]);
  }, 60_000);

  it('explains a bad flag with the usage', () => {
    const run = record(['--format', 'v9', 'x.md']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--format is v3 or v2, got "v9"/);
    expect(run.stderr).toMatch(/Usage: deckhand record/);
  });

  it('leaves only whole recordings when killed at any moment while writing', async () => {
    // Every block is recorded once, then recorded again (--force) and killed the moment the run touches
    // the recordings folder for the Nth time. A kill rarely lands inside a write's few milliseconds:
    // packages/recording/src/store.test.ts proves the writes atomic with a reader racing a writer.
    const blocks = Array.from({ length: 6 }, (_, i) => ['```sh', `head -c 2000000 /dev/zero | tr '\\0' '${i}'; echo`, '```', ''].join('\n'));
    const { deck, recordings } = deckIn(blocks.join('\n---\n\n'));
    expect(record([deck]).status).toBe(0);
    const whole = (): string[] => {
      const names = readdirSync(recordings).filter((file) => file.endsWith('.cast'));
      for (const name of names) {
        const parsed = parseCast(readFileSync(path.join(recordings, name), 'utf8'));
        expect(parsed.problems, `${name} after a kill`).toEqual([]);
        expect(parsed.recording?.events.map((event) => event.data).join('')).toMatch(/\$ $/);
      }
      return names;
    };
    expect(whole()).toHaveLength(6);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const child = spawn(process.execPath, [cli, 'record', deck, '--force'], { stdio: 'ignore' });
      let events = 0;
      const watcher = watch(recordings, () => {
        if (++events === attempt) child.kill('SIGKILL');
      });
      const fallback = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await new Promise((resolve) => child.once('exit', resolve));
      clearTimeout(fallback);
      watcher.close();
      expect(events, 'the run wrote before it was killed').toBeGreaterThanOrEqual(attempt);
      expect(whole()).toHaveLength(6);
    }
  }, 120_000);
});

const asciinema = spawnSync('asciinema', ['--version'], { encoding: 'utf8' });
const noAsciinema = asciinema.status === 0 ? null : 'the asciinema CLI is not installed (apt-get install asciinema)';
if (noAsciinema) console.warn(`skipping asciinema interoperability tests: ${noAsciinema}`);

describe.skipIf(noAsciinema !== null)('deckhand record and the asciinema CLI', () => {
  it('writes v2 that asciinema 2 plays, and keeps a recording asciinema made for a block', () => {
    const { dir, deck, recordings } = deckIn(DECK);
    expect(record([deck, '--format', 'v2']).status).toBe(0);
    // asciinema wants a terminal even to print a recording: script(1) gives it one.
    const played = spawnSync('script', ['-qc', `asciinema cat ${path.join(recordings, 'greeting.cast')}`, '/dev/null'], { encoding: 'utf8', cwd: dir });
    expect(played.stdout).toContain('\x1b[32mgreen\x1b[0m\r\n');
    expect(played.stdout).toContain('done');

    // A rehearsal made with asciinema, dropped in under the block's name, is kept.
    const made = path.join(recordings, 'greeting.cast');
    const rec = spawnSync('asciinema', ['rec', '-q', '--overwrite', '-c', 'echo made by asciinema', made], { encoding: 'utf8', cwd: dir });
    expect(rec.status).toBe(0);
    const dropped = readFileSync(made, 'utf8');
    const again = record([deck]);
    expect(again.stdout).toMatch(/0 recorded, 2 unchanged/);
    expect(readFileSync(made, 'utf8')).toBe(dropped);
    expect(parseCast(dropped).recording?.events.map((event) => event.data).join('')).toContain('made by asciinema');
  }, 60_000);
});
