// Deckhand as a trainer gets it: `npm pack` of this repository, then `npm install <tarball>` in an empty
// folder outside the repository, dependencies from the npm registry (node-pty builds there). Used by
// e2e/packed-install.spec.ts and bench/package-size.bench.ts.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, type DeckhandInstall } from './deckhand';

/** What `npm pack --json` says about the tarball. */
export interface PackReport {
  filename: string;
  /** Bytes of the .tgz. */
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

export interface PackedInstall extends DeckhandInstall {
  /** The temporary folder holding the tarball and `app/`, the folder Deckhand is installed in. */
  folder: string;
  app: string;
  tarball: string;
  pack: PackReport;
  packMs: number;
  installMs: number;
}

/**
 * The environment of a user's shell: without what `npm test` adds for this repository (its
 * node_modules/.bin on PATH, npm's lifecycle and package variables) or a loader in NODE_OPTIONS, so
 * nothing installed here can reach this repository's node_modules. npm's user configuration stays
 * (npm_config_nodedir: node-gyp builds node-pty against this machine's Node headers).
 */
export function userEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_(package|lifecycle|command|execpath|node_execpath)|npm_config_local_prefix$|INIT_CWD$|NODE_OPTIONS$|NODE_PATH$)/.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.endsWith(`${path.sep}node_modules${path.sep}.bin`))
    .join(path.delimiter);
  return env;
}

const run = promisify(execFile);

/** `cache`: an npm cache folder for the install (an empty one measures a first install). */
export async function packAndInstall(options: { cache?: string } = {}): Promise<PackedInstall> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'deckhand-packed-'));
  const env = userEnvironment();
  let started = Date.now();
  // `npm pack` runs "prepack" (npm run build:package) first; its stdout is the JSON report.
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', folder], { cwd: repoRoot, env, timeout: 120_000 });
  const pack = (JSON.parse(stdout) as PackReport[])[0] as PackReport;
  const packMs = Date.now() - started;

  const app = path.join(folder, 'app');
  mkdirSync(app);
  const tarball = path.join(folder, pack.filename);
  started = Date.now();
  const cache = options.cache ? ['--cache', options.cache] : [];
  await run('npm', ['install', '--no-audit', '--no-fund', ...cache, tarball], { cwd: app, env, timeout: 600_000 });
  const installMs = Date.now() - started;
  return { folder, app, tarball, pack, packMs, installMs, bin: path.join(app, 'node_modules/.bin/deckhand'), cwd: app, env };
}
