// The course repository `deckhand init` writes: the files of templates/course (a sample deck, the
// attendee workspace for Codespaces, Dev Containers, Ona and Gitpod-style hosts, a README) and a
// package.json that depends on this version of Deckhand.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot, packageVersion } from './package-root';

export const courseTemplateDir = path.join(packageRoot, 'templates/course');

/** npm never packs a file named .gitignore, so the template keeps it under another name. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

/** Each file of a new course by its path in the course (with `/`), and its content. */
export function courseFiles(courseName: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const source = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(source);
        continue;
      }
      const target = path.join(dir, RENAMED[entry.name] ?? entry.name);
      files.set(path.relative(courseTemplateDir, target).split(path.sep).join('/'), readFileSync(source, 'utf8'));
    }
  };
  walk(courseTemplateDir);
  files.set('package.json', coursePackageJson(courseName));
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

function coursePackageJson(courseName: string): string {
  const manifest = {
    name: courseName,
    version: '1.0.0',
    private: true,
    description: 'A hands-on course: slides with a live terminal, presented with Deckhand',
    scripts: {
      start: 'deckhand serve slides',
      check: 'deckhand check slides --keep-going',
    },
    engines: { node: '>=20.19' },
    dependencies: { deckhand: `^${packageVersion()}` },
    // npm asks for approval of install scripts: node-pty's picks its prebuilt binary or compiles one.
    // node-pty builds its native part; the Docker Engine API client's optional SSH transport does not
    // need its install scripts (Deckhand talks to the local socket).
    allowScripts: { 'node-pty': true, 'cpu-features': false, ssh2: false, protobufjs: false },
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** A valid npm package name from a folder name: `My Course!` → `my-course`. */
export function courseNameFrom(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '').slice(0, 214);
  return name || 'course';
}
