// Builds the presenter web app when its build is missing or older than its sources, so `npm start`
// on a fresh clone needs no separate build step. The npm package carries the build and not the
// sources: there the build is used as it is.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root';

export const presenterDir = path.join(packageRoot, 'apps/presenter');
export const presenterDist = path.join(presenterDir, 'dist');
/** The offline reader's build of the same app (`deckhand build` copies it into every site). */
export const readerDist = path.join(presenterDir, 'dist-reader');

const SOURCES = ['apps/presenter/src', 'apps/presenter/build', 'apps/presenter/index.html', 'apps/presenter/vite.config.ts', 'packages/protocol/src'];
const READER_SOURCES = ['apps/presenter/src', 'apps/presenter/build', 'apps/presenter/vite.reader.config.ts', 'apps/presenter/vite.first-paint.config.ts', 'apps/presenter/vite.sw.config.ts', 'packages/recording/src', 'packages/export/src/reader-format.ts'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

export function presenterBuildIsCurrent(): boolean {
  return isCurrent(path.join(presenterDist, 'index.html'), SOURCES);
}

function isCurrent(built: string, sources: string[]): boolean {
  if (!existsSync(built)) return false;
  const newest = Math.max(...sources.map((source) => newestMtime(path.join(packageRoot, source))));
  return statSync(built).mtimeMs >= newest;
}

/** The reader app (reader.js, reader.css, first-paint.js, sw.js), built when missing or older than its sources. */
export async function ensureReaderBuilt(log: (line: string) => void): Promise<string> {
  if (isCurrent(path.join(readerDist, 'sw.js'), READER_SOURCES)) return readerDist;
  if (!existsSync(path.join(presenterDir, 'src'))) {
    throw new Error(`the offline reader app is missing from this installation (${readerDist}): install deckhand again`);
  }
  log('Building the offline reader app (first build, or its sources changed)…');
  const { build } = await import('vite');
  // The service worker last: its file tells that the whole build is there.
  for (const config of ['vite.reader.config.ts', 'vite.first-paint.config.ts', 'vite.sw.config.ts']) {
    await build({ root: presenterDir, configFile: path.join(presenterDir, config), logLevel: 'warn' });
  }
  return readerDist;
}

export async function ensurePresenterBuilt(log: (line: string) => void): Promise<string> {
  if (presenterBuildIsCurrent()) return presenterDist;
  if (!existsSync(path.join(presenterDir, 'src'))) {
    throw new Error(`the presenter app is missing from this installation (${presenterDist}): install deckhand again`);
  }
  log('Building the presenter app (first start, or its sources changed)…');
  const { build } = await import('vite');
  await build({ root: presenterDir, configFile: path.join(presenterDir, 'vite.config.ts'), logLevel: 'warn' });
  return presenterDist;
}
