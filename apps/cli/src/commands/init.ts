// `deckhand init [folder]`: a new course repository (sample deck, package.json, attendee workspace).
// It never overwrites: when any file it would write exists, it names them all and writes nothing.
import { lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { courseFiles, courseNameFrom } from '../course-template';
import { parseFlags } from '../parse-flags';
import { UsageError } from '../usage-error';
import type { Command } from '../main';

const usage = `Usage: deckhand init [folder]

Creates a course repository in the folder (default: the current one; created when missing):
  slides/01-welcome.md             a sample deck: a Run block, an exercise with a tip and a solution, notes
  package.json                     Deckhand as a dependency; "npm start" presents, "npm run check" checks
  .devcontainer/devcontainer.json  the attendees' workspace (Codespaces, Dev Containers, Ona):
  .gitpod.yml                        Node, Docker, the course installed, Deckhand started on port 4321
  README.md, .gitignore
Existing files are never overwritten: if any of these exists, nothing is written.`;

export const initCommand: Command = {
  name: 'init',
  summary: 'create a course repository: a sample deck, package.json, attendee workspace',
  usage,
  async run(args) {
    const { positionals } = parseFlags(args, {}, usage);
    if (positionals.length > 1) throw new UsageError(`give one folder, got ${positionals.length}`, usage);
    const folder = positionals[0] ?? '.';
    const root = path.resolve(folder);
    if (kindOf(root) === 'file') throw new Error(`${folder} is a file, not a folder`);

    const files = courseFiles(courseNameFrom(path.basename(root)));
    const conflicts = [...files.keys()].filter((file) => blocked(root, file));
    if (conflicts.length > 0) {
      process.stderr.write(
        `deckhand init: ${folder} already has ${conflicts.length === 1 ? 'a file' : 'files'} that init would write, so nothing was written:\n` +
          conflicts.map((file) => `  ${file}\n`).join('') +
          'Move them away, or give another folder.\n',
      );
      return 1;
    }
    writeAll(root, files);

    process.stdout.write(
      `Created a Deckhand course in ${folder}:\n${[...files.keys()].map((file) => `  ${file}\n`).join('')}\nNext:\n` +
        (root === process.cwd() ? '' : `  cd ${/^[\w./-]+$/.test(folder) ? folder : `'${folder.replaceAll("'", "'\\''")}'`}\n`) +
        '  npm install      # Deckhand and its terminal\n' +
        '  npm start        # present slides/ with a live terminal\n' +
        '  npm run check    # run every example and compare what it prints with the slides\n',
    );
    return 0;
  },
};

function kindOf(target: string): 'missing' | 'folder' | 'file' {
  try {
    return lstatSync(target).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

/** A file is blocked when something is at its path, or a file sits where one of its folders goes. */
function blocked(root: string, file: string): boolean {
  const parts = file.split('/');
  for (let depth = 1; depth < parts.length; depth++) {
    if (kindOf(path.join(root, ...parts.slice(0, depth))) === 'file') return true;
  }
  return kindOf(path.join(root, ...parts)) !== 'missing';
}

/** Writes every file, each only if still absent; on a failure removes the ones it wrote. */
function writeAll(root: string, files: Map<string, string>): void {
  const written: string[] = [];
  try {
    for (const [file, content] of files) {
      const target = path.join(root, ...file.split('/'));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content, { flag: 'wx' });
      written.push(target);
    }
  } catch (error) {
    for (const target of written) rmSync(target, { force: true });
    throw error;
  }
}
