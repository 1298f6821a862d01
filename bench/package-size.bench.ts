// `npm run bench -- package`: the size of what a trainer installs. Packs this repository as `npm pack`
// does, installs the tarball into an empty folder from the npm registry (e2e/support/packed-install.ts)
// with the machine's npm cache, then again with an empty cache (a first install), and prints the
// tarball's size, the install's size on disk and the packages that weigh most in it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packAndInstall } from '../e2e/support/packed-install';

const MiB = 1024 * 1024;

/** Disk usage in bytes, as `du` counts it (blocks, so small files weigh what they cost). */
function diskUsage(target: string): number {
  return Number(execFileSync('du', ['-sk', target], { encoding: 'utf8' }).split('\t')[0]) * 1024;
}

function packagesIn(modules: string): string[] {
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(path.join(modules, name)).map((inner) => `${name}/${inner}`) : [name]));
}

const warm = await packAndInstall();
const modules = path.join(warm.app, 'node_modules');
const installed = diskUsage(modules);
const packages = packagesIn(modules);
const heaviest = packages.map((name) => ({ name, bytes: diskUsage(path.join(modules, name)) })).sort((a, b) => b.bytes - a.bytes).slice(0, 6);

const cache = mkdtempSync(path.join(os.tmpdir(), 'deckhand-npm-cache-'));
const cold = await packAndInstall({ cache });

const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;
console.log(`tarball            ${(warm.pack.size / 1000).toFixed(0)} kB packed, ${(warm.pack.unpackedSize / 1000).toFixed(0)} kB unpacked (kB as npm counts), ${warm.pack.files.length} files (npm pack ${(warm.packMs / 1000).toFixed(1)} s)`);
console.log(`installed          ${mib(installed)} on disk in node_modules, ${packages.length} packages; deckhand itself ${mib(diskUsage(path.join(modules, 'deckhand')))}`);
console.log(`heaviest           ${heaviest.map(({ name, bytes }) => `${name} ${mib(bytes)}`).join(', ')}`);
console.log(`npm install        ${(warm.installMs / 1000).toFixed(1)} s with this machine's npm cache, ${(cold.installMs / 1000).toFixed(1)} s with an empty one`);

for (const folder of [warm.folder, cold.folder, cache]) rmSync(folder, { recursive: true, force: true });
