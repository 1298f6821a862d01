// `npm run build:package` (and `npm pack`, through "prepack"): builds what the npm package runs.
//   apps/presenter/dist  the presenter web app, built by Vite (unless its build is current, as
//                        `npm start` decides: rebuilding under a running server would pull its files away)
//   apps/presenter/dist-reader  the same app built as the offline reader (`deckhand build`, `pdf`)
//   apps/cli/dist        the `deckhand` command as JavaScript, bundled by esbuild: this repository's
//                        code (apps/cli and every @deckhand/* package it imports, so a new command
//                        comes along by being imported), with each npm package left as an import
// The npm packages are installed with Deckhand from package.json's "dependencies", so the build fails
// when those differ from what the bundle imports. A file the code reaches with
// `new URL('./file', import.meta.url)` (the screen mirrors' worker thread) is emitted beside the
// bundle under the same name, so the reference holds from the bundle too.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { ensurePresenterBuilt, ensureReaderBuilt } from '../apps/cli/src/presenter-build';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** As deep as apps/cli/src, so apps/cli/src/package-root.ts finds the package's files from both. */
const outdir = path.join(root, 'apps/cli/dist');
const entry = 'apps/cli/src/deckhand.ts';

/**
 * Imports the bundle may make without a dependency: reached only in a clone of the repository, or only
 * for a choice whose error message says what to install.
 */
const CLONE_ONLY_IMPORTS: Record<string, string> = {
  vite: 'apps/cli/src/presenter-build.ts builds the presenter in a clone; the package ships it built',
  '@kubernetes/client-node':
    'only --sandbox kubernetes loads it, and says to install it when it is missing (53 MiB that trainers on one host never need)',
};

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

/** npm packages stay imports; the workspace's own @deckhand/* packages are bundled. */
const npmPackagesStayImports: Plugin = {
  name: 'npm-packages-stay-imports',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@deckhand/') ? undefined : { path: args.path, external: true }));
  },
};

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  outdir,
  entryNames: '[name]',
  metafile: true,
  logLevel: 'warning',
  plugins: [npmPackagesStayImports],
};

async function main(): Promise<void> {
  const started = Date.now();
  await ensurePresenterBuilt((line) => process.stderr.write(line + '\n'));
  await ensureReaderBuilt((line) => process.stderr.write(line + '\n'));

  rmSync(outdir, { recursive: true, force: true });
  const command = await esbuild({
    ...common,
    entryPoints: [entry],
    splitting: true, // dynamic imports (the math engines) stay lazy chunks
    chunkNames: 'chunk-[hash]',
    banner: { js: '#!/usr/bin/env node' },
  });
  const metafiles = [command.metafile as Metafile];
  for (const file of filesReachedByUrl(command.metafile as Metafile)) {
    if (existsSync(path.join(outdir, path.basename(file)))) throw new Error(`${file}: another output of the bundle has its name`);
    if (/\.[cm]?js$/.test(file)) metafiles.push((await esbuild({ ...common, entryPoints: [file] })).metafile as Metafile);
    else copyFileSync(path.join(root, file), path.join(outdir, path.basename(file)));
  }
  checkDependencies(metafiles);
  chmodSync(path.join(outdir, 'deckhand.js'), 0o755);

  // The bundle finds its files from where it is: a wrong layout shows here, not in a user's install.
  const version = execFileSync(process.execPath, [path.join(outdir, 'deckhand.js'), '--version'], { encoding: 'utf8' }).trim();
  if (version !== manifest.version) throw new Error(`the built command says version "${version}", package.json "${manifest.version}"`);
  // stderr: `npm pack --json` runs this first and its stdout must stay JSON.
  process.stderr.write(`Built the deckhand package's files in ${((Date.now() - started) / 1000).toFixed(1)} s: apps/presenter/dist, apps/presenter/dist-reader, apps/cli/dist\n`);
}

/** Files named by `new URL('./…', import.meta.url)` in the bundled sources, relative to the root. */
function filesReachedByUrl(metafile: Metafile): string[] {
  const reference = /new URL\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;
  const files = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    for (const match of readFileSync(path.join(root, input), 'utf8').matchAll(reference)) {
      files.add(path.relative(root, path.resolve(root, path.dirname(input), match[2] as string)));
    }
  }
  return [...files];
}

/** The npm packages the outputs import must be exactly package.json's "dependencies". */
function checkDependencies(metafiles: Metafile[]): void {
  const builtins = new Set(builtinModules);
  const imported = new Set<string>();
  for (const metafile of metafiles) {
    for (const output of Object.values(metafile.outputs)) {
      for (const { path: specifier, external } of output.imports) {
        if (!external || specifier.startsWith('node:') || builtins.has(specifier)) continue;
        const name = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
        if (!(name in CLONE_ONLY_IMPORTS)) imported.add(name);
      }
    }
  }
  const declared = new Set(Object.keys(manifest.dependencies));
  const undeclared = [...imported].filter((name) => !declared.has(name)).sort();
  const unused = [...declared].filter((name) => !imported.has(name)).sort();
  const problems = [
    ...undeclared.map((name) => `the command imports ${name}, which is not in package.json's "dependencies" (move it there from "devDependencies")`),
    ...unused.map((name) => `package.json's "dependencies" has ${name}, which the command never imports (move it to "devDependencies")`),
  ];
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`build-package: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
