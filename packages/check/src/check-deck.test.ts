// `deckhand check` against the real Docker engine and a real shell. Skipped, with the reason, when no
// engine answers (scripts/docker-engine.sh up starts one; in CI it is always there).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDeck } from './check-deck';
import { CHECK_LABEL } from './deck-leftovers';
import { engineAbsence } from '@deckhand/docker';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = path.join(root, 'e2e/fixtures/docker-check.md');

const absent = engineAbsence();
if (absent) console.warn(`skipping deckhand check engine tests: ${absent}`);

describe.skipIf(absent !== null)('deckhand check with the real engine', () => {
  it('reports passing, failing and skipped blocks, each with what a trainer needs to know', async () => {
    const report = await checkDeck(fixture);
    const byLine = Object.fromEntries(report.results.map((r) => [r.command, r]));
    expect(report.results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'fail', 'skip', 'skip']);
    expect(byLine['echo the real output']?.diff).toEqual(["- the deck's output", '+ the real output']);
    expect(byLine['docker pull nginx']?.reason).toBe('needs a registry');
    expect(byLine['docker run --rm deckhand-absent/image:never echo never']?.reason).toMatch(/image deckhand-absent\/image:never is not here and cannot be pulled/);
  }, 60_000);

  it('catches a changed output, exits non-zero and writes JUnit', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
    const deck = path.join(dir, 'changed.md');
    writeFileSync(deck, '# Changed\n\n```console\n$ docker run --rm --pull never busybox echo new text\nold text\n```\n');
    const junit = path.join(dir, 'junit.xml');
    const run = spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/deckhand.js'), 'check', deck, '--junit', junit], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FAIL');
    expect(run.stdout).toContain('- old text');
    expect(run.stdout).toContain('+ new text');
    expect(run.stdout).toMatch(/0 passed, 1 failed, 0 skipped/);
    expect(readFileSync(junit, 'utf8')).toMatch(/<failure message="the command printed other output than the deck shows">/);
    // What it ran against, so a trainer can tell an engine difference from a broken deck.
    expect(run.stdout).toMatch(/^engine: Docker Engine \d+\.\d+\S* \(API 1\.\d+, (containerd|classic) image store\), client \S+$/m);
    expect(readFileSync(junit, 'utf8')).toMatch(/<property name="docker.engine" value="Docker Engine \d+\.\d+/);
  }, 60_000);

  it('skips a block whose output only a newer engine prints, naming both versions, and runs the others', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
    const deck = path.join(dir, 'engine.md');
    writeFileSync(
      deck,
      '```console {engine=999}\n$ docker run --rm --pull never busybox echo from the future\nfrom the future\n```\n\n' +
        '```console {engine=20.10}\n$ docker run --rm --pull never busybox echo from now\nfrom now\n```\n\n' +
        '```console {image-store=containerd}\n$ docker run --rm --pull never busybox echo one store\none store\n```\n\n' +
        '```console {image-store=classic}\n$ docker run --rm --pull never busybox echo the other\nthe other\n```\n',
    );
    const report = await checkDeck(deck);
    expect(report.engine?.version).toMatch(/^\d+\.\d+/);
    const store = report.engine?.imageStore;
    expect(report.results.map((r) => r.status)).toEqual(['skip', 'pass', store === 'containerd' ? 'pass' : 'skip', store === 'classic' ? 'pass' : 'skip']);
    expect(report.results[0]?.reason).toBe(`shows what Docker Engine 999 or later prints; this engine is ${report.engine?.version}`);
    expect(report.results.find((r) => r.status === 'skip' && r !== report.results[0])?.reason).toBe(
      `shows what an engine with the ${store === 'containerd' ? 'classic' : 'containerd'} image store prints; this engine uses the ${store} store`,
    );
  }, 60_000);

  it('runs cwd, shell state, $? and a command that runs until the next block interrupts it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
    const deck = path.join(dir, 'state.md');
    writeFileSync(
      deck,
      [
        '```console {cwd=../../../e2e}',
        '$ basename "$PWD"',
        'e2e',
        "$ export GREETING=hi; sh -c 'echo failing; exit 3'",
        'failing',
        '$ echo $?',
        '3',
        '```',
        '',
        '```console',
        '$ echo $GREETING; while true; do sleep 1; done',
        'hi',
        '```',
        '',
        '```console {interrupt}',
        '$ echo back',
        'back',
        '```',
      ].join('\n').replace('../../../e2e', path.relative(dir, path.join(root, 'e2e'))),
    );
    const report = await checkDeck(deck);
    expect(report.results.map((r) => [r.status, r.reason ?? ''])).toEqual([
      ['pass', ''],
      ['pass', 'still running; a later block interrupts it'],
      ['pass', ''],
    ]);
  }, 60_000);

  it('fails a block that outlives its timeout, stops it with Ctrl-C, and runs the next one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
    const deck = path.join(dir, 'stuck.md');
    writeFileSync(deck, '```console {timeout=1}\n$ sleep 30\n```\n\n```console\n$ echo after\nafter\n```\n');
    const started = Date.now();
    const report = await checkDeck(deck);
    expect(report.results.map((r) => r.status)).toEqual(['fail', 'pass']);
    expect(report.results[0]?.reason).toMatch(/did not finish within 1 s/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);

  it('stops on Ctrl-C, kills the running command, and still removes what the deck created', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
    const deck = path.join(dir, 'long.md');
    const name = `dh-check-int-${process.pid}`;
    writeFileSync(deck, `\`\`\`console\n$ docker run -d --name ${name} busybox sleep 300\n<id>\n\`\`\`\n\n\`\`\`console {timeout=60}\n$ sleep 50\n\`\`\`\n`);
    const child = spawn(process.execPath, [path.join(root, 'apps/cli/bin/deckhand.js'), 'check', deck], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await expect.poll(() => out, { timeout: 30_000 }).toContain('PASS');
    const started = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(130);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(out).toMatch(/1 not run \(stopped by Ctrl-C\)/);
    expect(execFileSync('docker', ['ps', '-aq', '--filter', `name=${name}`], { encoding: 'utf8' }).trim()).toBe('');
  }, 60_000);

  it('removes what a killed check left behind, and keeps what a running one owns', async () => {
    const run = (label: string): string =>
      execFileSync('docker', ['run', '-d', '--label', `${CHECK_LABEL}=${label}`, 'busybox', 'sleep', '300'], { encoding: 'utf8' }).trim();
    const dead = run(`${os.hostname()}:999999:dead`);
    const live = run(`${os.hostname()}:${process.pid}:live`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
    writeFileSync(path.join(dir, 'deck.md'), '```console\n$ docker run --rm busybox echo ok\nok\n```\n');
    try {
      await checkDeck(path.join(dir, 'deck.md'));
      const exists = (id: string): boolean => execFileSync('docker', ['ps', '-aq', '--no-trunc', '--filter', `id=${id}`], { encoding: 'utf8' }).trim() !== '';
      expect(exists(dead)).toBe(false);
      expect(exists(live)).toBe(true);
    } finally {
      execFileSync('docker', ['rm', '-f', dead, live], { stdio: 'ignore' });
    }
  }, 60_000);

  it('runs term=2 blocks in their own shell beside a server that runs until a later Ctrl-C', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
    const deck = path.join(dir, 'terms.md');
    const port = 18_000 + (process.pid % 1000);
    writeFileSync(
      deck,
      [
        '```console',
        `$ docker run --rm -p 127.0.0.1:${port}:80 busybox sh -c 'echo served > /i.html; echo listening; httpd -f -p 80 -h /'`,
        'listening',
        '```',
        '',
        '```console {term=2}',
        `$ sleep 1; wget -qO- http://127.0.0.1:${port}/i.html`,
        'served',
        '```',
        '',
        '```console {interrupt}',
        '$ echo stopped',
        'stopped',
        '```',
      ].join('\n'),
    );
    const report = await checkDeck(deck);
    expect(report.results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
  }, 60_000);

  it('removes the containers, volumes and networks a deck created, and nothing else', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
    const deck = path.join(dir, 'leftovers.md');
    const keep = `dh-keep-${process.pid}`;
    execFileSync('docker', ['volume', 'create', keep]);
    writeFileSync(
      deck,
      '```console\n$ docker network create dh-test-net >/dev/null; docker run -d --name dh-test-left -v dh-test-vol:/data --network dh-test-net busybox sleep 300 >/dev/null\n```\n',
    );
    try {
      const report = await checkDeck(deck);
      expect(report.results[0]?.status).toBe('pass');
      const left = (args: string[]): string => execFileSync('docker', args, { encoding: 'utf8' }).trim();
      expect(left(['ps', '-a', '--filter', `label=${CHECK_LABEL}`, '--filter', 'name=dh-test-left', '-q'])).toBe('');
      expect(left(['volume', 'ls', '-q', '--filter', 'name=dh-test-vol'])).toBe('');
      expect(left(['network', 'ls', '-q', '--filter', 'name=dh-test-net'])).toBe('');
      expect(left(['volume', 'ls', '-q', '--filter', `name=${keep}`])).toBe(keep);
    } finally {
      execFileSync('docker', ['volume', 'rm', '-f', keep]);
    }
  }, 60_000);
});

describe('deckhand check without a Docker engine', () => {
  it('skips blocks that need Docker, with the reason, and still runs the others', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
    // A docker client whose engine never answers, first on PATH: what a machine without the engine shows.
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'docker'), '#!/bin/sh\necho "Cannot connect to the Docker daemon" >&2\nexit 1\n', { mode: 0o755 });
    const deck = path.join(dir, 'deck.md');
    writeFileSync(deck, '```console\n$ echo plain\nplain\n```\n\n```console\n$ docker run --rm busybox echo hi\nhi\n```\n');
    const run = spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/deckhand.js'), 'check', deck], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    });
    expect(run.stdout).toMatch(/^PASS .*echo plain$/m);
    expect(run.stdout).toMatch(/^SKIP .*docker run --rm busybox echo hi\n\s+skipped: needs Docker, and no Docker engine answers/m);
    expect(run.stdout).toMatch(/1 passed, 0 failed, 1 skipped/);
    expect(run.status).toBe(0);
  }, 60_000);
});
