// The Docker backend: every terminal session is its own hardened container with a terminal, created,
// attached and removed through the Docker Engine API over its socket (@deckhand/docker's EngineApi),
// so a terminal costs the server one socket, not a `docker` client process. The container is
// labelled, removed when the session ends, and leftovers of dead servers are reaped when a server
// starts. See docs/sandboxes.md for what each setting protects against.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type Docker from 'dockerode';
import { EngineApi, ownerId, reapOrphans, removeOwnedBy, sizeBytes } from '@deckhand/docker';
import { EngineShell } from './engine-shell';
import type { Sandbox, Shell, ShellOptions } from './sandbox';
import { SANDBOX_LABEL, SANDBOX_OWNER_LABEL } from './sandbox-labels';
import type { SessionEngine, StartedEngine } from './docker-session-engine';

export type SandboxNetwork = 'none' | 'bridge' | (string & {});

export interface DockerSandboxOptions {
  /** Image each session runs (its default command is the shell). */
  image: string;
  /** Memory limit, with no swap on top: e.g. 256m. */
  memory: string;
  /** CPUs: e.g. 1 or 0.5. */
  cpus: string;
  /** Processes and threads in the container; stops fork bombs. */
  pids: number;
  /** none (default), bridge, or a network's name. */
  network: SandboxNetwork;
  /** `user[:group]` the shell runs as; never root. */
  user: string;
  /** Size of the writable tmpfs mounts (/tmp and the home directory). */
  tmpfsSize: string;
  /**
   * A host folder (the course) mounted read-only at the same path, so a deck's `cd ../examples/x`
   * and paths printed on slides mean the same inside the sandbox; none by default.
   */
  share?: string;
  /** A Docker engine for the session's own `docker` commands (docs/sandboxes.md), or none. */
  engine?: SessionEngine;
  /** Labels added to each session container (the classroom names its attendee). */
  labels?: Record<string, string>;
}

export const DEFAULT_DOCKER_SANDBOX: Omit<DockerSandboxOptions, 'image'> = {
  memory: '256m',
  cpus: '1',
  pids: 128,
  network: 'none',
  user: '1000:1000',
  tmpfsSize: '64m',
};

const HOME = '/home/deckhand';
let sweptOwnId = false;

export class DockerSandbox implements Sandbox {
  readonly name = 'docker';
  private constructor(
    readonly engineApi: EngineApi,
    private readonly options: DockerSandboxOptions,
    /** Removals under way, shared by this sandbox and its labelled copies, awaited by close(). */
    private readonly removals = new Set<Promise<void>>(),
  ) {}

  /**
   * Checks the engine and the image, then removes containers left by servers that are gone (crashed,
   * killed) so they do not pile up. Throws with what to do when the engine or the image is missing.
   */
  static async create(options: DockerSandboxOptions, engine = new EngineApi()): Promise<DockerSandbox> {
    if (/^0+(:|$)|^root(:|$)/.test(options.user)) throw new Error('--sandbox docker: sessions never run as root; choose another --user.');
    sizeBytes(options.memory);
    if (!(await engine.answers())) {
      throw new Error('--sandbox docker: no Docker engine answers on its socket (DOCKER_HOST or /var/run/docker.sock); start it (scripts/docker-engine.sh up) and try again.');
    }
    if (!(await engine.hasImage(options.image))) {
      throw new Error(`--sandbox docker: image ${options.image} is not present; build or load it first (scripts/docker-engine.sh up builds busybox).`);
    }
    const labels = { label: SANDBOX_LABEL, ownerLabel: SANDBOX_OWNER_LABEL };
    await reapOrphans(engine, labels);
    // A process restarted in the same container has the same host name and pid as the one that
    // crashed there, so its leftovers look alive to the reaper: the first sandbox of a process removes
    // whatever already carries its own owner id (nothing of this process can exist yet).
    if (!sweptOwnId) {
      sweptOwnId = true;
      await removeOwnedBy(engine, labels, ownerId());
    }
    await options.engine?.prepare();
    return new DockerSandbox(engine, options);
  }

  /** The same sandbox with other labels on its containers (an attendee's), sharing the engine connection. */
  withLabels(labels: Record<string, string>): DockerSandbox {
    return new DockerSandbox(this.engineApi, { ...this.options, labels: { ...this.options.labels, ...labels } }, this.removals);
  }

  /** Memory this server's running sandboxes use now, summed by the value of `label` on them. */
  async memoryByLabel(label: string): Promise<Map<string, number>> {
    const { containers } = await this.engineApi.labelled(label);
    const mine = containers.filter(({ labels }) => labels[SANDBOX_OWNER_LABEL] === ownerId());
    const sums = new Map<string, number>();
    await Promise.all(
      mine.map(async ({ id, labels }) => {
        const bytes = await this.engineApi.memoryBytes(id);
        const key = labels[label] ?? '';
        if (bytes !== undefined) sums.set(key, (sums.get(key) ?? 0) + bytes);
      }),
    );
    return sums;
  }

  async openShell(options: ShellOptions): Promise<Shell> {
    const name = `deckhand-session-${randomBytes(6).toString('hex')}`;
    const engine = this.options.engine ? await this.options.engine.start(name, this.options.network, ['/tmp', HOME], this.options.share) : null;
    try {
      const attached = await this.engineApi.runAttached(this.containerSpec(name, options, engine));
      const shell = new EngineShell(this.engineApi, attached, () => engine?.stop(), (removal) => {
        this.removals.add(removal);
        void removal.finally(() => this.removals.delete(removal));
      });
      await shell.started(options.cols, options.rows);
      return shell;
    } catch (error) {
      await engine?.stop();
      throw error;
    }
  }

  /**
   * Waits for the removals under way, then removes anything else this server created (a session's
   * engine still starting): stopping the server leaves nothing behind.
   */
  async close(): Promise<void> {
    await Promise.all([...this.removals]);
    await removeOwnedBy(this.engineApi, { label: SANDBOX_LABEL, ownerLabel: SANDBOX_OWNER_LABEL }, ownerId());
  }

  /** The hardening, in one place: each setting is explained in docs/sandboxes.md. */
  containerSpec(name: string, options: ShellOptions, engine: StartedEngine | null): Docker.ContainerCreateOptions {
    const o = this.options;
    const tmpfs = `rw,nosuid,nodev,size=${o.tmpfsSize}`;
    const [uid = '1000', gid = uid] = o.user.split(':');
    const share = o.share;
    const inShare = share && options.cwd && (options.cwd === share || options.cwd.startsWith(share + path.sep));
    const mounts: Docker.MountSettings[] = [
      ...(share ? [{ Type: 'bind' as const, Source: share, Target: share, ReadOnly: true }] : []),
      // Writable folders: small tmpfs mounts that go with the session, or the engine's shared volumes.
      ...(engine?.volumes.map(({ volume, dir }) => ({ Type: 'volume' as const, Source: volume, Target: dir })) ?? []),
    ];
    const memory = sizeBytes(o.memory);
    return {
      name,
      Image: o.image,
      User: o.user,
      WorkingDir: inShare ? options.cwd : HOME,
      Env: [`HOME=${HOME}`, 'TERM=xterm-256color', 'DECKHAND=1', ...(engine?.env ?? [])],
      Labels: { ...o.labels, [SANDBOX_LABEL]: 'session', [SANDBOX_OWNER_LABEL]: ownerId() },
      HostConfig: {
        AutoRemove: true,
        Init: true,
        ConsoleSize: [options.rows, options.cols],
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        PidsLimit: o.pids,
        Memory: memory,
        MemorySwap: memory,
        NanoCpus: Math.round(Number(o.cpus) * 1e9),
        ReadonlyRootfs: true,
        Tmpfs: engine ? {} : { '/tmp': tmpfs, [HOME]: `${tmpfs},uid=${uid},gid=${gid},mode=0700` },
        Mounts: mounts,
        NetworkMode: engine?.network ?? o.network,
      },
    };
  }
}
