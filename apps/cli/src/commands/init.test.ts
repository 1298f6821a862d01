// `deckhand init` run as a user runs it: the real command, real folders, the sample deck read and run
// by the real `inspect` and `check`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const COURSE_FILES = ['.devcontainer/devcontainer.json', '.gitignore', '.gitpod.yml', 'package.json', 'README.md', 'slides/01-welcome.md'];

function deckhand(args: string[], cwd: string) {
  return spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/deckhand.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

const scratches: string[] = [];
afterAll(() => scratches.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function scratch(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'deckhand-init-'));
  scratches.push(folder);
  return folder;
}

/** Every file under a folder with its content and modification time. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(folder, file)] = entry.isDirectory() ? 'folder' : `${readFileSync(file, 'utf8')} @${statSync(file).mtimeMs}`;
  }
  return files;
}

describe('deckhand init', () => {
  it('writes a course repository whose sample deck inspects clean and passes check', () => {
    const parent = scratch();
    const result = deckhand(['init', 'My Course'], parent);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("cd 'My Course'");
    const course = path.join(parent, 'My Course');
    expect(Object.keys(snapshot(course)).filter((file) => !statSync(path.join(course, file)).isDirectory()).sort()).toEqual([...COURSE_FILES].sort());

    const manifest = JSON.parse(readFileSync(path.join(course, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'my-course',
      private: true,
      scripts: { start: 'deckhand serve slides', check: 'deckhand check slides --keep-going' },
      dependencies: { deckhand: `^${version}` },
    });
    expect(readFileSync(path.join(course, '.gitignore'), 'utf8')).toContain('node_modules/');

    const deck = JSON.parse(deckhand(['inspect', 'slides/01-welcome.md', '--json'], course).stdout);
    expect(deck.warnings).toEqual([]);
    const slides = deck.slides as { notes: string[]; blocks: { runnable: boolean }[]; exercise: { parts: { kind: string }[] } | null }[];
    expect(slides.some((slide) => slide.blocks.some((block) => block.runnable))).toBe(true);
    expect(slides.flatMap((slide) => slide.exercise?.parts.map((part) => part.kind) ?? [])).toEqual(['tip', 'solution']);
    expect(slides.every((slide) => slide.notes.length > 0)).toBe(true);

    const check = deckhand(['check', 'slides'], course);
    expect(check.stdout).toMatch(/1 deck\(s\): 2 passed, 0 failed, 0 skipped/);
    expect(check.status).toBe(0);
  });

  it('links the deck syntax reference where the installed package has it', () => {
    const course = scratch();
    expect(deckhand(['init'], course).status).toBe(0);
    const deck = readFileSync(path.join(course, 'slides/01-welcome.md'), 'utf8');
    const link = /\]\((\.\.\/node_modules\/deckhand\/([^)]+))\)/.exec(deck);
    expect(link?.[2]).toBe('docs/deck-syntax.md');
    const packed = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { files: string[] }).files;
    expect(packed).toContain(link?.[2]);
    expect(existsSync(path.join(root, link?.[2] as string))).toBe(true);
  });

  it('gives attendees a workspace: Node, Docker inside, the course installed, Deckhand started on a private port 4321', () => {
    const course = scratch();
    expect(deckhand(['init', '.'], course).status).toBe(0);
    // Read as Codespaces and VS Code read it: by the Dev Containers CLI.
    const read = spawnSync(path.join(root, 'node_modules/.bin/devcontainer'), ['read-configuration', '--workspace-folder', course], { encoding: 'utf8', timeout: 60_000 });
    expect(read.status, read.stderr).toBe(0);
    const config = JSON.parse(read.stdout).configuration;
    expect(config.image).toMatch(/^mcr\.microsoft\.com\/devcontainers\/javascript-node:\d+/);
    expect(Object.keys(config.features)).toEqual(['ghcr.io/devcontainers/features/docker-in-docker:2']);
    expect(config.updateContentCommand).toBe('npm install');
    // In a workspace, `deckhand serve` listens where the forwarder reaches it by itself.
    expect(Object.values(config.postAttachCommand)).toEqual(['npm start']);
    expect(config.forwardPorts).toEqual([4321]);
    expect(config.portsAttributes['4321']).toEqual({ label: 'Deckhand', onAutoForward: 'openBrowserOnce', requireLocalPort: true });

    const gitpod = parseYaml(readFileSync(path.join(course, '.gitpod.yml'), 'utf8'));
    expect(gitpod.tasks).toEqual([{ name: 'Deckhand', init: 'npm install', command: 'npm start' }]);
    expect(gitpod.ports).toEqual([expect.objectContaining({ port: 4321, name: 'Deckhand', visibility: 'private', onOpen: 'open-browser' })]);
  });

  it('refuses a folder that has any file it would write, names them, and changes nothing', () => {
    const course = scratch();
    writeFileSync(path.join(course, 'package.json'), '{"name": "mine"}\n');
    mkdirSync(path.join(course, 'slides'));
    writeFileSync(path.join(course, 'slides/01-welcome.md'), '# My own first deck\n');
    writeFileSync(path.join(course, 'notes.txt'), 'unrelated\n');
    const before = snapshot(course);

    const result = deckhand(['init', course], os.tmpdir());
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `deckhand init: ${course} already has files that init would write, so nothing was written:\n` +
        '  package.json\n  slides/01-welcome.md\nMove them away, or give another folder.\n',
    );
    expect(result.stdout).toBe('');
    expect(snapshot(course)).toEqual(before);
  });

  it('refuses when a file stands where one of its folders goes', () => {
    const course = scratch();
    writeFileSync(path.join(course, '.devcontainer'), 'a file, not a folder\n');
    const before = snapshot(course);
    const result = deckhand(['init'], course);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('  .devcontainer/devcontainer.json\n');
    expect(snapshot(course)).toEqual(before);
  });

  it('adds the course beside files it does not write (a fresh git repository with a licence)', () => {
    const course = scratch();
    mkdirSync(path.join(course, '.git'));
    writeFileSync(path.join(course, 'LICENSE'), 'MIT\n');
    const before = snapshot(course);
    expect(deckhand(['init'], course).status).toBe(0);
    const after = snapshot(course);
    expect(Object.fromEntries(Object.keys(before).map((file) => [file, after[file]]))).toEqual(before);
    expect(existsSync(path.join(course, 'slides/01-welcome.md'))).toBe(true);
  });

  it('explains bad input: a file as the folder, an unknown flag, two folders', () => {
    const parent = scratch();
    writeFileSync(path.join(parent, 'deck.md'), '# A deck\n');
    expect(deckhand(['init', 'deck.md'], parent)).toMatchObject({ status: 1, stderr: 'deckhand init: deck.md is a file, not a folder\n' });
    const flag = deckhand(['init', '--force'], parent);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/^deckhand init: Unknown option '--force'[\s\S]*Usage: deckhand init \[folder\]/);
    expect(deckhand(['init', 'a', 'b'], parent)).toMatchObject({ status: 2, stderr: expect.stringContaining('give one folder, got 2') });
    expect(readdirSync(parent)).toEqual(['deck.md']);
  });
});

describe('deckhand --version', () => {
  it("prints the package's version", () => {
    expect(deckhand(['--version'], root)).toMatchObject({ status: 0, stdout: `${version}\n` });
  });
});
