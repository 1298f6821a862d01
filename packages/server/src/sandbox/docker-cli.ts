// The Docker client as the Docker sandbox uses it: one place that runs `docker`, the labels sandbox
// containers carry, and the reaper that removes what servers that are gone left behind.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Every container, network and volume the sandbox creates carries this label. */
export const SANDBOX_LABEL = 'deckhand.sandbox';
/** `host:pid` of the server that created it, so a reaper removes only what dead servers left. */
export const SANDBOX_OWNER_LABEL = 'deckhand.sandbox.owner';

export function ownerId(pid = process.pid): string {
  return `${os.hostname()}:${pid}`;
}

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class DockerCli {
  constructor(readonly binary: string) {}

  /** The first `docker` on PATH, or null. */
  static find(searchPath = process.env.PATH ?? ''): DockerCli | null {
    for (const dir of searchPath.split(path.delimiter)) {
      if (!dir) continue;
      try {
        accessSync(path.join(dir, 'docker'), constants.X_OK);
        return new DockerCli(path.join(dir, 'docker'));
      } catch {
        // Not here.
      }
    }
    return null;
  }

  run(args: string[], options: { timeoutMs?: number; input?: NodeJS.ReadableStream } = {}): Promise<DockerResult> {
    return new Promise((resolve) => {
      const child = execFile(this.binary, args, { timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
      if (options.input && child.stdin) options.input.pipe(child.stdin);
    });
  }

  async answers(): Promise<boolean> {
    return (await this.run(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 })).code === 0;
  }

  async hasImage(ref: string): Promise<boolean> {
    return (await this.run(['image', 'inspect', '--format', '{{.Id}}', ref])).code === 0;
  }
}

/**
 * Removes sandbox containers, networks and volumes whose server is gone: created on this host by a
 * process that no longer exists. Those of live servers (tests in parallel, a second `serve`) stay.
 */
export async function reapSandboxContainers(docker: DockerCli): Promise<number> {
  const orphans = async (args: string[]): Promise<string[]> => {
    const listed = await docker.run([...args, '--filter', `label=${SANDBOX_LABEL}`, '--format', `{{.ID}} {{.Label "${SANDBOX_OWNER_LABEL}"}}`]);
    return listed.stdout
      .split('\n')
      .map((line) => line.trim().split(' '))
      .filter(([id, owner]) => id && owner !== undefined && ownerIsGone(owner))
      .map(([id]) => id as string);
  };
  const containers = await orphans(['ps', '-a']);
  if (containers.length > 0) await docker.run(['rm', '-f', '-v', ...containers]);
  const networks = await orphans(['network', 'ls']);
  if (networks.length > 0) await docker.run(['network', 'rm', ...networks]);
  const volumes = await docker.run(['volume', 'ls', '-q', '--filter', `label=${SANDBOX_LABEL}`]);
  for (const volume of volumes.stdout.split('\n').filter(Boolean)) {
    const owner = (await docker.run(['volume', 'inspect', '--format', `{{index .Labels "${SANDBOX_OWNER_LABEL}"}}`, volume])).stdout.trim();
    if (ownerIsGone(owner)) await docker.run(['volume', 'rm', '-f', volume]);
  }
  return containers.length;
}

function ownerIsGone(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== os.hostname()) return false;
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return true;
  try {
    process.kill(n, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
