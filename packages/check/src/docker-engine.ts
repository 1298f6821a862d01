// The Docker engine as `deckhand check` sees it: is it there, is an image present (or pullable), and
// what did a deck leave behind. Containers, networks and volumes a deck creates are labelled by a
// `docker` wrapper put first in the check shell's PATH (invisible in output: labels show only in
// `inspect`); at the end everything with the run's label goes, plus whatever appeared during the run
// under a name the deck itself wrote. Nothing else is touched, so checks can share an engine with
// other work.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHECK_LABEL = 'deckhand.check';

const PULL_TIMEOUT_MS = 120_000;

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class DockerEngine {
  private present = new Set<string>();

  constructor(readonly binary: string) {}

  /** The first `docker` on PATH, or null. */
  static find(searchPath = process.env.PATH ?? ''): DockerEngine | null {
    for (const dir of searchPath.split(path.delimiter)) {
      if (!dir) continue;
      const candidate = path.join(dir, 'docker');
      try {
        accessSync(candidate, constants.X_OK);
        return new DockerEngine(candidate);
      } catch {
        // Not here.
      }
    }
    return null;
  }

  run(args: string[], timeoutMs = 30_000): Promise<CommandResult> {
    return new Promise((resolve) => {
      execFile(this.binary, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  async answers(): Promise<boolean> {
    return (await this.run(['version', '--format', '{{.Server.Version}}'], 10_000)).code === 0;
  }

  async hasImage(ref: string): Promise<boolean> {
    if (this.present.has(ref)) return true;
    const found = (await this.run(['image', 'inspect', '--format', '{{.Id}}', ref])).code === 0;
    if (found) this.present.add(ref);
    return found;
  }

  /** Present, or pulled now. Null when available, else why not. */
  async ensureImage(ref: string): Promise<string | null> {
    if (await this.hasImage(ref)) return null;
    const pull = await this.run(['pull', '--quiet', ref], PULL_TIMEOUT_MS);
    if (pull.code === 0) return null;
    const why = ((pull.stderr || pull.stdout).trim().split('\n')[0] ?? '').replace(/^Error response from daemon: /, '');
    return `image ${ref} is not here and cannot be pulled (${why.length > 160 ? why.slice(0, 159) + '…' : why})`;
  }

  async snapshot(): Promise<Snapshot> {
    const list = async (args: string[]): Promise<Set<string>> =>
      new Set((await this.run(args)).stdout.split('\n').map((line) => line.trim()).filter(Boolean));
    return {
      containers: await list(['ps', '-aq', '--no-trunc']),
      networks: await list(['network', 'ls', '-q', '--no-trunc']),
      volumes: await list(['volume', 'ls', '-q']),
      images: await list(['image', 'ls', '-q', '--no-trunc']),
    };
  }

  /**
   * Removes what the run labelled, and what appeared since `before` under a name in `names` (volumes
   * made implicitly by `-v data:/x`, networks, images the deck built or tagged). Returns what went.
   */
  async cleanUp(runId: string, before: Snapshot, names: Set<string>): Promise<string[]> {
    const removed: string[] = [];
    const filter = `label=${CHECK_LABEL}=${runId}`;
    const labelled = async (args: string[]): Promise<string[]> =>
      (await this.run([...args, '--filter', filter])).stdout.split('\n').map((line) => line.trim()).filter(Boolean);
    const after = await this.snapshot();

    const containers = await labelled(['ps', '-aq', '--no-trunc']);
    if (containers.length > 0 && (await this.run(['rm', '-f', '-v', ...containers])).code === 0) removed.push(`${containers.length} container(s)`);

    const networkNames = await this.names(['network', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Name}}']);
    const networks = [
      ...(await labelled(['network', 'ls', '-q', '--no-trunc'])),
      ...[...after.networks].filter((id) => !before.networks.has(id) && names.has(networkNames.get(id) ?? '')),
    ].filter((id, i, all) => all.indexOf(id) === i);
    if (networks.length > 0 && (await this.run(['network', 'rm', ...networks])).code === 0) removed.push(`${networks.length} network(s)`);

    const volumes = [
      ...(await labelled(['volume', 'ls', '-q'])),
      ...[...after.volumes].filter((name) => !before.volumes.has(name) && names.has(name)),
    ].filter((name, i, all) => all.indexOf(name) === i);
    if (volumes.length > 0 && (await this.run(['volume', 'rm', '-f', ...volumes])).code === 0) removed.push(`${volumes.length} volume(s)`);

    const tagged = await this.run(['image', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']);
    const images = new Set<string>();
    for (const line of tagged.stdout.split('\n')) {
      const [id, ref] = line.trim().split(' ');
      if (!id || !ref || before.images.has(id)) continue;
      if (names.has(ref) || names.has(ref.replace(/:latest$/, ''))) images.add(ref);
    }
    if (images.size > 0 && (await this.run(['image', 'rm', '-f', ...images])).code === 0) removed.push(`${images.size} image(s)`);
    return removed;
  }

  /**
   * Removes what checks that are gone left behind (killed, or their terminal closed before their
   * clean-up ran): objects whose run id names a process of this host that no longer exists.
   */
  async reapDeadRuns(): Promise<number> {
    const dead = async (args: string[]): Promise<string[]> => {
      const listed = await this.run([...args, '--filter', `label=${CHECK_LABEL}`, '--format', `{{.ID}}\t{{.Label "${CHECK_LABEL}"}}`]);
      return listed.stdout
        .split('\n')
        .map((line) => line.trim().split('\t'))
        .filter(([id, runId]) => id && runId && runIsGone(runId))
        .map(([id]) => id as string);
    };
    const containers = await dead(['ps', '-a']);
    if (containers.length > 0) await this.run(['rm', '-f', '-v', ...containers]);
    const networks = await dead(['network', 'ls']);
    if (networks.length > 0) await this.run(['network', 'rm', ...networks]);
    const volumes = await this.run(['volume', 'ls', '-q', '--filter', `label=${CHECK_LABEL}`]);
    for (const volume of volumes.stdout.split('\n').filter(Boolean)) {
      const runId = (await this.run(['volume', 'inspect', '--format', `{{index .Labels "${CHECK_LABEL}"}}`, volume])).stdout.trim();
      if (runIsGone(runId)) await this.run(['volume', 'rm', '-f', volume]);
    }
    return containers.length + networks.length;
  }

  private async names(args: string[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const line of (await this.run(args)).stdout.split('\n')) {
      const [id, name] = line.trim().split(' ');
      if (id && name) map.set(id, name);
    }
    return map;
  }

  /**
   * A directory holding a `docker` that adds the run's label to `run`, `create`, `network create`
   * and `volume create`, then hands over to the real client. Builds are not labelled: the classic
   * builder would print an extra LABEL step and change the output decks show.
   */
  makeLabellingWrapper(runId: string): { dir: string; dispose(): void } {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
    const label = `${CHECK_LABEL}=${runId}`;
    const script = `#!/bin/sh
# Written by deckhand check: labels what a deck creates so the check can remove it afterwards.
real='${this.binary.replace(/'/g, "'\\''")}'
case "$1" in
  run|create) verb=$1; shift; exec "$real" "$verb" --label '${label}' "$@" ;;
  container|network|volume)
    if [ "$2" = run ] || [ "$2" = create ]; then group=$1; verb=$2; shift 2; exec "$real" "$group" "$verb" --label '${label}' "$@"; fi ;;
esac
exec "$real" "$@"
`;
    const file = path.join(dir, 'docker');
    writeFileSync(file, script);
    chmodSync(file, 0o755);
    return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  }
}

export interface Snapshot {
  containers: Set<string>;
  networks: Set<string>;
  volumes: Set<string>;
  images: Set<string>;
}

/** A run id for this process: `host:pid:random`, so a later check can tell whether its run is gone. */
export function newRunId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

function runIsGone(runId: string): boolean {
  const [host, pid] = runId.split(':');
  if (host !== os.hostname()) return false;
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return false;
  try {
    process.kill(n, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
