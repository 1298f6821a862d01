// The busybox stand-ins (scripts/stand-in-images.sh) against the facts of Docker Hub's images that
// the course relies on (scripts/stand-in-images.md). Builds them under a prefix of its own, so the
// images other tests and checks use are not touched, and removes them afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAbsence } from './engine-absence';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const prefix = `deckhand-stand-in-${randomBytes(3).toString('hex')}/`;
const glibc = `${prefix}busybox:latest`;
const musl = `${prefix}busybox:musl`;
const built: string[] = [];

/**
 * Unpacked sizes (`du` of the image's files) the stand-ins must keep to, around Docker Hub's amd64
 * images: busybox:latest 4.26 MB (1.37.0-glibc) and 4.51 MB (1.38.0-glibc); busybox:musl 1.46 to
 * 1.53 MB, busybox:uclibc a little less. Debian's static busybox has more applets than the
 * official musl build, hence the wider static range.
 */
const SIZE_KB = { glibc: [4_000, 4_800], static: [1_200, 2_200] } as const;

const absent = engineAbsence();
if (absent) console.warn(`skipping the stand-in image tests: ${absent}`);

function docker(args: string[], input?: string): { status: number; out: string } {
  const run = spawnSync('docker', args, { encoding: 'utf8', timeout: 120_000, input });
  return { status: run.status ?? 1, out: `${run.stdout}${run.stderr}`.trim() };
}

/** Whether an ELF executable names a program interpreter (PT_INTERP): a dynamically linked one does. */
function isDynamic(elf: Buffer): boolean {
  expect(elf.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  const phoff = Number(elf.readBigUInt64LE(0x20));
  const phentsize = elf.readUInt16LE(0x36);
  const phnum = elf.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) if (elf.readUInt32LE(phoff + i * phentsize) === 3) return true;
  return false;
}

function busyboxOf(image: string): Buffer {
  return execFileSync('docker', ['run', '--rm', '--pull', 'never', '--entrypoint', 'cat', image, '/bin/busybox'], { maxBuffer: 16 * 1024 * 1024 });
}

/** An image of `/bin/busybox` from `image` alone on scratch, as module 5 builds one. */
function aloneOnScratch(image: string): string {
  const tag = `${prefix}scratch-${built.length}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-stand-in-'));
  writeFileSync(path.join(dir, 'Dockerfile'), `FROM scratch\nCOPY --from=${image} /bin/busybox /busybox\nENTRYPOINT ["/busybox"]\n`);
  const build = docker(['build', '-q', '-t', tag, dir]);
  rmSync(dir, { recursive: true, force: true });
  expect(build.status, build.out).toBe(0);
  built.push(tag);
  return tag;
}

describe.skipIf(absent !== null)('busybox stand-ins, as Docker Hub builds busybox', () => {
  beforeAll(() => {
    const run = spawnSync('bash', [path.join(root, 'scripts/stand-in-images.sh'), prefix], { encoding: 'utf8', timeout: 170_000 });
    expect(run.status, run.stderr).toBe(0);
    built.push(glibc, musl, `${prefix}busybox:uclibc`);
  }, 180_000);

  afterAll(() => {
    if (built.length > 0) docker(['image', 'rm', '-f', ...built]);
  });

  it('busybox:latest is the glibc variant: dynamically linked, so alone on scratch it cannot start', () => {
    expect(isDynamic(busyboxOf(glibc))).toBe(true);
    const lib = docker(['run', '--rm', glibc, 'ls', '/lib']).out.split('\n');
    expect(lib).toEqual(expect.arrayContaining(['libc.so.6', 'libm.so.6', 'libresolv.so.2', 'libnss_files.so.2']));
    expect(lib.some((file) => /^ld-linux.*\.so\.\d$/.test(file))).toBe(true);
    const alone = docker(['run', '--rm', aloneOnScratch(glibc), 'echo', 'hi']);
    expect(alone.status).not.toBe(0);
    expect(alone.out).toMatch(/exec \/busybox: no such file or directory/);
  }, 60_000);

  it('busybox:musl and :uclibc are one static binary that runs alone on scratch', () => {
    expect(isDynamic(busyboxOf(musl))).toBe(false);
    expect(isDynamic(busyboxOf(`${prefix}busybox:uclibc`))).toBe(false);
    expect(docker(['run', '--rm', aloneOnScratch(musl), 'echo', 'alone on scratch'])).toEqual({ status: 0, out: 'alone on scratch' });
  }, 60_000);

  it('each tag is its own image with one name, as pulled from Docker Hub', () => {
    expect(docker(['image', 'inspect', '--format', '{{json .RepoTags}}', glibc]).out).toBe(JSON.stringify([glibc]));
    expect(docker(['image', 'inspect', '--format', '{{json .RepoTags}}', musl]).out).toBe(JSON.stringify([musl]));
  });

  it.each([glibc, musl])('%s has the official accounts: no uid 1000, and 65534 is nobody in both files', (image) => {
    expect(docker(['run', '--rm', image, 'id']).out).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)');
    expect(docker(['run', '--rm', '--user', '1000', image, 'id']).out).toBe('uid=1000 gid=0(root) groups=0(root)');
    expect(docker(['run', '--rm', '--user', '65534:65534', image, 'id']).out).toBe('uid=65534(nobody) gid=65534(nobody) groups=65534(nobody)');
  }, 60_000);

  it.each([
    [glibc, SIZE_KB.glibc],
    [musl, SIZE_KB.static],
  ])('%s unpacks to about the official size', (image, [min, max]) => {
    const kb = Number(docker(['run', '--rm', image, 'du', '-skx', '/']).out.split(/\s/)[0]);
    expect(kb).toBeGreaterThanOrEqual(min);
    expect(kb).toBeLessThanOrEqual(max);
  }, 60_000);

  it('has the official configuration and top-level folders', () => {
    expect(docker(['image', 'inspect', '--format', '{{json .Config.Cmd}} {{json .Config.Env}}', glibc]).out).toBe(
      '["sh"] ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]',
    );
    expect(docker(['run', '--rm', glibc, 'ls', '/']).out.split('\n')).toEqual(['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']);
    expect(docker(['run', '--rm', musl, 'ls', '/']).out.split('\n')).toEqual(['bin', 'dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']);
    expect(docker(['run', '--rm', glibc, 'sh', '-c', 'getconf _NPROCESSORS_ONLN >/dev/null && date +%Z && stat -c %a /tmp /root']).out).toBe('UTC\n1777\n700');
  }, 60_000);
});
