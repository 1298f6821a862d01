// Builds the presenter web app when its build is missing or older than its sources, so `npm start`
// on a fresh clone needs no separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const presenterDir = path.join(repoRoot, 'apps/presenter');
export const presenterDist = path.join(presenterDir, 'dist');

const SOURCES = ['apps/presenter/src', 'apps/presenter/build', 'apps/presenter/index.html', 'apps/presenter/vite.config.ts', 'packages/protocol/src'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

export function presenterBuildIsCurrent(): boolean {
  const built = path.join(presenterDist, 'index.html');
  if (!existsSync(built)) return false;
  const sources = Math.max(...SOURCES.map((source) => newestMtime(path.join(repoRoot, source))));
  return statSync(built).mtimeMs >= sources;
}

export async function ensurePresenterBuilt(log: (line: string) => void): Promise<string> {
  if (presenterBuildIsCurrent()) return presenterDist;
  log('Building the presenter app (first start, or its sources changed)…');
  const { build } = await import('vite');
  await build({ root: presenterDir, configFile: path.join(presenterDir, 'vite.config.ts'), logLevel: 'warn' });
  return presenterDist;
}
