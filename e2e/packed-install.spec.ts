// Deckhand installed as a trainer installs it: the tarball `npm pack` makes, installed from the npm
// registry into an empty folder outside this repository (e2e/support/packed-install.ts), then
// `deckhand init`, `inspect`, `check` and `serve` there, the served deck driven in Chromium.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { repoRoot, startDeckhand, type RunningDeckhand } from './support/deckhand';
import { packAndInstall, type PackedInstall } from './support/packed-install';
import { openDeck, withShell } from './support/presenter';

const run = promisify(execFile);

// One install for the whole file (it takes a while): its tests run in order, in one worker.
test.describe.configure({ mode: 'default' });

let install: PackedInstall;
let course: string;

test.beforeAll(async () => {
  test.setTimeout(10 * 60_000);
  install = await packAndInstall();
  course = path.join(install.app, 'course');
  const init = await deckhand(['init', 'course']);
  expect(init.stdout).toContain('Created a Deckhand course in course:');
});

test.afterAll(() => {
  if (install) rmSync(install.folder, { recursive: true, force: true });
});

/** The installed command, run as a user runs it: by its bin link, from the folder it is installed in. */
async function deckhand(args: string[], cwd = install.app): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(install.bin, args, { cwd, env: install.env, timeout: 60_000 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function filesUnder(folder: string): Record<string, number> {
  const files: Record<string, number> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[path.relative(folder, path.join(entry.parentPath, entry.name))] = statSync(path.join(entry.parentPath, entry.name)).mtimeMs;
  }
  return files;
}

test('the tarball holds the compiled command, the built app, the course template and user docs, nothing else', () => {
  const files = install.pack.files.map((file) => file.path);
  const allowed = /^(package\.json|README\.md|CHANGELOG\.md|docs\/[\w-]+\.md|apps\/cli\/dist\/[\w-]+\.js|apps\/presenter\/dist(-reader)?\/.+\.(html|js|css)|templates\/course\/.+)$/;
  expect(files.filter((file) => !allowed.test(file))).toEqual([]);
  expect(files.filter((file) => /\.(test|spec)\.|\.ts$|\.map$/.test(file))).toEqual([]);
  expect(files).toEqual(
    expect.arrayContaining([
      'apps/cli/dist/deckhand.js',
      'apps/cli/dist/screen-mirror-thread.js',
      'apps/presenter/dist/index.html',
      'apps/presenter/dist-reader/reader.js',
      'docs/deck-syntax.md',
      'templates/course/slides/01-welcome.md',
      'templates/course/.devcontainer/devcontainer.json',
      'templates/course/.gitpod.yml',
      'templates/course/gitignore',
    ]),
  );
});

test('the install runs compiled JavaScript: no TypeScript tooling installed or reachable', async () => {
  for (const tool of ['tsx', 'typescript', 'vite', 'esbuild', '@deckhand']) {
    expect(existsSync(path.join(install.app, 'node_modules', tool)), tool).toBe(false);
  }
  const reach = await run(process.execPath, ['--input-type=module', '-e', "await import('vite')"], { cwd: install.app, env: install.env }).catch((error: { stderr: string }) => error);
  expect('stderr' in reach && reach.stderr).toContain("Cannot find package 'vite'");
  const manifest = JSON.parse(readFileSync(path.join(install.app, 'node_modules/deckhand/package.json'), 'utf8'));
  // As the README says it, through npx (--no: never fetch a `deckhand` from the registry instead).
  const version = await run('npx', ['--no', '--', 'deckhand', '--version'], { cwd: install.app, env: install.env });
  expect(version.stdout).toBe(`${manifest.version}\n`);
  expect(manifest.version).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
});

test('init into a folder with the files it would write is refused, and nothing changes', async () => {
  const before = filesUnder(course);
  const again = await deckhand(['init', 'course']);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('deckhand init: course already has files that init would write, so nothing was written:\n  .devcontainer/devcontainer.json\n');
  expect(filesUnder(course)).toEqual(before);
});

test('inspect reads the sample deck: slides, a Run block, an exercise with a tip and a solution, no warning', async () => {
  const inspect = await deckhand(['inspect', 'course/slides/01-welcome.md']);
  expect(inspect.status).toBe(0);
  expect(inspect.stdout).toContain('5 slides, 2 code blocks (2 runnable), 1 exercise, 0 warnings');
  expect(inspect.stdout).toContain('exercise shout-a-sentence: tip "Tip", solution "Solution"');
});

test("check runs the sample deck's examples through the course's own npm script", async () => {
  const check = await run('npm', ['run', 'check'], { cwd: course, env: install.env, timeout: 60_000 });
  expect(check.stdout).toContain('1 deck(s): 2 passed, 0 failed, 0 skipped');
});

test('record, build and pdf make the offline course from the installed package', async () => {
  const record = await deckhand(['record', 'slides'], course);
  expect(record.status, record.stderr).toBe(0);
  expect(readdirSync(path.join(course, 'slides/.recordings/01-welcome')).filter((name) => name.endsWith('.cast'))).toHaveLength(2);
  const build = await deckhand(['build', 'slides', '--out', 'site', '--single-file'], course);
  expect(build.status, build.stderr).toBe(0);
  expect(readFileSync(path.join(course, 'site/01-welcome.html'), 'utf8')).toContain('2 + 3 = 5');
  const pdf = await deckhand(['pdf', 'slides', '--out', 'course.pdf'], course);
  expect(pdf.status, pdf.stderr).toBe(0);
  expect(readFileSync(path.join(course, 'course.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
});

test('serve presents the course, and a Run block runs in the live terminal', async ({ page }) => {
  let deckhandServer: RunningDeckhand | undefined;
  try {
    deckhandServer = await withShell('/bin/sh', () => startDeckhand(['slides'], { ...install, cwd: course }));
    await openDeck(page, deckhandServer, '#/01-welcome/3');
    await expect(page.locator('.slide-area').getByRole('heading', { name: 'Run a command' })).toBeVisible();
    await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
    await page.locator('pre.dh-code').first().getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('.xterm-rows')).toContainText('2 + 3 = 5');
    await expect(page.locator('.xterm-rows')).toContainText('apple');
    // Every terminal session starts the screen mirrors' worker thread, a file of its own in the package.
    expect(deckhandServer.output()).not.toMatch(/failed|error/i);
  } finally {
    await deckhandServer?.stop();
  }
});
