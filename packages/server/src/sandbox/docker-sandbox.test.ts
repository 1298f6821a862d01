// The Docker sandbox against the real engine: a hardened container per session. Skipped, with the
// reason, when no engine with busybox answers (scripts/docker-engine.sh up; CI always has one).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { startServer, type RunningServer } from '../server';
import { exchangeSecret } from '../access/access-client';
import { SANDBOX_LABEL } from './sandbox-labels';
import { DEFAULT_DOCKER_SANDBOX, DockerSandbox } from './docker-sandbox';
import { DEFAULT_SIDECAR, DockerSidecarEngine } from './docker-session-engine';
import type { Shell } from './sandbox';
import { engineAbsence } from '@deckhand/docker';

const absent = engineAbsence();
if (absent) console.warn(`skipping Docker sandbox tests: ${absent}`);

/** A shell and everything it printed so far. */
interface Session {
  shell: Shell;
  output(): string;
  /** Types a line and returns what it printed (the echoed line included), once it has finished. */
  run(line: string, timeoutMs?: number): Promise<string>;
}

let marks = 0;

async function open(sandbox: DockerSandbox): Promise<Session> {
  const shell = await sandbox.openShell({ cols: 120, rows: 30 });
  let text = '';
  shell.onData((data) => (text += Buffer.from(data).toString()));
  const session: Session = {
    shell,
    output: () => text,
    async run(line, timeoutMs = 15_000) {
      const start = text.length;
      // The end mark is computed by the shell, so the echo of the typed line never matches it.
      const mark = ++marks;
      shell.write(`${line}; echo "end-$((${mark}+1000000))"\r`);
      const end = `end-${mark + 1000000}`;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const after = text.slice(start);
        const at = after.indexOf(end);
        if (at >= 0) return after.slice(0, at);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`"${line}" did not finish within ${timeoutMs} ms; output:\n${text.slice(start)}`);
    },
  };
  await session.run('true');
  return session;
}

function labelled(): string {
  return execFileSync('docker', ['ps', '-aq', '--filter', `label=${SANDBOX_LABEL}`, '--filter', `label=deckhand.sandbox.owner=${os.hostname()}:${process.pid}`], {
    encoding: 'utf8',
  }).trim();
}

describe.skipIf(absent !== null)('Docker sandbox', () => {
  let sandbox: DockerSandbox;
  beforeAll(async () => {
    sandbox = await DockerSandbox.create({ ...DEFAULT_DOCKER_SANDBOX, image: 'busybox', pids: 64, memory: '64m' });
  });

  it('runs the shell as a non-root user with no capabilities, no Docker socket and no network', async () => {
    const session = await open(sandbox);
    try {
      expect(await session.run('id -u')).toMatch(/^1000\r?$/m);
      expect(await session.run('test -e /var/run/docker.sock; echo "socket=$?"')).toMatch(/socket=1/);
      expect(await session.run("awk '/CapEff/ {print $2}' /proc/self/status")).toMatch(/^0000000000000000\r?$/m);
      expect(await session.run('touch /etc/x')).toMatch(/Read-only file system/);
      expect(await session.run('echo kept > ~/file && cat ~/file')).toMatch(/^kept\r?$/m);
      expect(await session.run('ip -o link | grep -c -v " lo:"')).toMatch(/^0\r?$/m);
    } finally {
      session.shell.dispose();
    }
  }, 60_000);

  it('shows a shared folder read-only at the same path, and starts there when asked', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-share-'));
    writeFileSync(path.join(dir, 'slide.md'), 'shared-42\n');
    chmodSync(dir, 0o755); // the sandbox user is not the owner
    const sharing = await DockerSandbox.create({ ...DEFAULT_DOCKER_SANDBOX, image: 'busybox', share: dir });
    const shell = await sharing.openShell({ cols: 120, rows: 30, cwd: dir });
    let text = '';
    shell.onData((data) => (text += Buffer.from(data).toString()));
    try {
      shell.write('cat slide.md; touch x; echo "end-$((1+1))"\r');
      await expect.poll(() => text, { timeout: 15_000 }).toMatch(/end-2/);
      expect(text).toMatch(/^shared-42\r?$/m);
      expect(text).toMatch(/Read-only file system/);
    } finally {
      shell.dispose();
    }
  }, 60_000);

  it('keeps a fork bomb inside its pids limit, and the server stays responsive', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-sandbox-'));
    writeFileSync(path.join(dir, 'deck.md'), '# One\n');
    const server: RunningServer = await startServer({ decks: dir, appDir: dir, sandbox, host: '127.0.0.1', port: 0, logger: createLogger(() => {}) });
    const session = await open(sandbox);
    try {
      session.shell.write('bomb() { bomb | bomb & }; bomb\r');
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const started = Date.now();
      const credential = await exchangeSecret(server.url);
      const response = await fetch(`http://127.0.0.1:${server.port}/api/decks`, { headers: { Authorization: `Bearer ${credential}` } });
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
      const container = labelled().split('\n')[0];
      expect(container).toBeTruthy();
      const pids = Number(execFileSync('docker', ['stats', '--no-stream', '--format', '{{.PIDs}}', container as string], { encoding: 'utf8' }).trim());
      expect(pids).toBeLessThanOrEqual(64);
      // A second session still opens while the first one's bomb runs.
      const other = await open(sandbox);
      other.shell.dispose();
    } finally {
      session.shell.dispose();
      await server.close();
    }
  }, 60_000);

  it('kills a memory hog inside the sandbox, not the server', async () => {
    const session = await open(sandbox);
    try {
      expect(await session.run('head -c 200m /dev/zero | tail; echo "status=$?"', 30_000)).toMatch(/status=137/);
      expect(await session.run('echo still-here')).toMatch(/^still-here\r?$/m);
    } finally {
      session.shell.dispose();
    }
  }, 60_000);

  it('removes the container when the session ends, and when the shell exits by itself', async () => {
    const first = await open(sandbox);
    const second = await open(sandbox);
    expect(labelled().split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    first.shell.dispose();
    const exited = new Promise<void>((resolve) => second.shell.onExit(() => resolve()));
    second.shell.write('exit\r');
    await exited;
    const deadline = Date.now() + 10_000;
    while (labelled() !== '' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(labelled()).toBe('');
  }, 60_000);

  it('reaps containers of servers that are gone when a sandbox starts, and keeps those of live ones', async () => {
    const dead = execFileSync('docker', ['run', '-d', '--label', `${SANDBOX_LABEL}=session`, '--label', `deckhand.sandbox.owner=${os.hostname()}:999999`, 'busybox', 'sleep', '300'], { encoding: 'utf8' }).trim();
    const live = await open(sandbox);
    try {
      await DockerSandbox.create({ ...DEFAULT_DOCKER_SANDBOX, image: 'busybox' });
      expect(execFileSync('docker', ['ps', '-aq', '--no-trunc', '--filter', `id=${dead}`], { encoding: 'utf8' }).trim()).toBe('');
      expect(labelled()).not.toBe('');
    } finally {
      live.shell.dispose();
      execFileSync('docker', ['rm', '-f', dead], { stdio: 'ignore' });
    }
  }, 60_000);

  afterAll(async () => {
    // Disposing removes containers in the background: give it a moment, then nothing may be left.
    const deadline = Date.now() + 10_000;
    while (labelled() !== '' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(labelled()).toBe('');
  }, 15_000);
});

const noSidecar = absent ?? engineAbsence([DEFAULT_SIDECAR.image]);
if (noSidecar) console.warn(`skipping sidecar engine tests: ${noSidecar}`);

describe.skipIf(noSidecar !== null)('Docker sandbox with a sidecar engine', () => {
  it('runs, builds and publishes with its own engine, never the host socket, and removes both containers', async () => {
    const sandbox = await DockerSandbox.create({ ...DEFAULT_DOCKER_SANDBOX, image: DEFAULT_SIDECAR.image, engine: new DockerSidecarEngine() });
    const session = await open(sandbox);
    try {
      expect(await session.run('id -u')).toMatch(/^1000\r?$/m);
      expect(await session.run('test -e /var/run/docker.sock; echo "socket=$?"')).toMatch(/socket=1/);
      expect(await session.run('docker run --rm busybox sh -c "echo inner-$((40+2))"', 30_000)).toMatch(/^inner-42\r?$/m);
      expect(await session.run('printf "FROM busybox\\nCMD echo built-\\$((40+2))\\n" | docker build -q -t mine - >/dev/null && docker run --rm mine', 60_000)).toMatch(/^built-42\r?$/m);
      expect(
        await session.run('docker run -d -p 8080:80 busybox sh -c "echo served-\\$((40+2)) > /i.html; httpd -f -p 80 -h /" >/dev/null; sleep 1; curl -s http://127.0.0.1:8080/i.html', 30_000),
      ).toMatch(/^served-42\r?$/m);
      // The shell's folders are the engine's too: a bind mount of $HOME or /tmp shows the same files.
      expect(await session.run('mkdir -p ~/d && echo "bound-$((40+2))" > ~/d/f && docker run --rm -v ~/d:/d busybox cat /d/f', 30_000)).toMatch(/^bound-42\r?$/m);
      expect(await session.run('d=$(mktemp -d) && docker run --rm -v "$d":/out busybox sh -c "echo made > /out/f" && cat "$d/f"', 30_000)).toMatch(/^made\r?$/m);
      // The host's engine does not see what the session ran.
      expect(execFileSync('docker', ['images', '-q', 'mine'], { encoding: 'utf8' }).trim()).toBe('');
    } finally {
      session.shell.dispose();
    }
    const deadline = Date.now() + 15_000;
    while (labelled() !== '' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(labelled()).toBe('');
  }, 120_000);
});
