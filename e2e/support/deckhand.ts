// Starts the real `deckhand serve` for a test, exactly as a user would, and reads the printed address.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningDeckhand {
  /** The printed address, with its secret. */
  url: string;
  origin: string;
  /** The server process, to measure it (terminal specs read its memory). */
  pid: number;
  output(): string;
  /** Whether the server process has ended (by itself, or stopped). */
  exited(): boolean;
  stop(): Promise<void>;
}

/**
 * The home the tests' shells start in: empty, so this machine's dotfiles do not change what the tests
 * see or how long a shell takes to start. (A root ~/.bashrc running `pyenv init` takes a minute when a
 * shell killed during its rehash left pyenv's lock file behind, and every later test's shell waits.)
 */
const testHome = mkdtempSync(path.join(os.tmpdir(), 'deckhand-e2e-home-'));

/** Which `deckhand` to start: this repository's (default), or an installed one (e2e/packed-install.spec.ts). */
export interface DeckhandInstall {
  bin: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const repositoryDeckhand = (): DeckhandInstall => ({ bin: path.join(repoRoot, 'apps/cli/bin/deckhand.js'), cwd: repoRoot, env: process.env });

export async function startDeckhand(args: string[], install: DeckhandInstall = repositoryDeckhand()): Promise<RunningDeckhand> {
  const port = args.includes('--port') ? [] : ['--port', '0'];
  const child: ChildProcess = spawn(process.execPath, [install.bin, 'serve', ...args, ...port], {
    cwd: install.cwd,
    env: { ...install.env, HOME: testHome },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`deckhand serve printed no address in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Deckhand is running at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`deckhand serve exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    pid: child.pid ?? 0,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Stops a server and starts it again on the same port with the same arguments, as a trainer restarting
 * Deckhand would; pass a fixed `--token` so the open page keeps its access. `whileDown` runs in between
 * (to edit a deck while the server is down).
 */
export async function restartDeckhand(deckhand: RunningDeckhand, args: string[], whileDown?: () => void | Promise<void>): Promise<RunningDeckhand> {
  const port = new URL(deckhand.url).port;
  await deckhand.stop();
  await whileDown?.();
  return startDeckhand([...args, '--port', port]);
}
