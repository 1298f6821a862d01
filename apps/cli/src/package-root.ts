// The deckhand package's own folder: the repository root in a clone, node_modules/deckhand once
// installed. The command reads its files from there at run time (package.json, the presenter app's
// build, the course template). The package build (scripts/build-package.ts) writes the compiled command
// to apps/cli/dist, as deep as these sources, so one relative path serves both.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
