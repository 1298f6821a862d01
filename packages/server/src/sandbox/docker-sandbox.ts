// The Docker backend: every terminal session is its own hardened container (`docker run --rm --init
// -it`) whose terminal is the Docker client's, in a node-pty pseudo-terminal like a local shell. The
// container is labelled, removed when the session ends, and leftovers of dead servers are reaped when
// a server starts. See docs/sandboxes.md for what each flag protects against.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import * as pty from 'node-pty';
import { PtyShell } from './pty-shell';
import type { Sandbox, Shell, ShellOptions } from './sandbox';
import { shellEnvironment } from './shell-environment';
import { DockerClient, ownerId, reapOrphans } from '@deckhand/docker';
import { SANDBOX_LABEL, SANDBOX_OWNER_LABEL } from './sandbox-labels';
import type { SessionEngine } from './docker-session-engine';

export type SandboxNetwork = 'none' | 'bridge' | (string & {});

export interface DockerSandboxOptions {
  /** Image each session runs (its default command is the shell). */
  image: string;
  /** `--memory` (and `--memory-swap`, so no swap on top): e.g. 256m. */
  memory: string;
  /** `--cpus`: e.g. 1. */
  cpus: string;
  /** `--pids-limit`: processes and threads in the container; stops fork bombs. */
  pids: number;
  /** `--network`: none (default), bridge, or a network's name. */
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

export class DockerSandbox implements Sandbox {
  readonly name = 'docker';
  private constructor(
    private readonly docker: DockerClient,
    private readonly options: DockerSandboxOptions,
  ) {}

  /**
   * Checks the engine and the image, then removes containers left by servers that are gone (crashed,
   * killed) so they do not pile up. Throws with what to do when the engine or the image is missing.
   */
  static async create(options: DockerSandboxOptions, docker = DockerClient.find()): Promise<DockerSandbox> {
    if (!docker) throw new Error('--sandbox docker needs the docker command: install Docker (scripts/docker-engine.sh up does it on Debian).');
    if (!(await docker.answers())) throw new Error('--sandbox docker: no Docker engine answers; start it (scripts/docker-engine.sh up) and try again.');
    if (!(await docker.hasImage(options.image))) {
      throw new Error(`--sandbox docker: image ${options.image} is not present; build or load it first (scripts/docker-engine.sh up builds busybox).`);
    }
    if (/^0+(:|$)|^root(:|$)/.test(options.user)) throw new Error('--sandbox docker: sessions never run as root; choose another --user.');
    await reapOrphans(docker, { label: SANDBOX_LABEL, ownerLabel: SANDBOX_OWNER_LABEL });
    await options.engine?.prepare(docker);
    return new DockerSandbox(docker, options);
  }

  async openShell(options: ShellOptions): Promise<Shell> {
    const name = `deckhand-session-${randomBytes(6).toString('hex')}`;
    const engine = this.options.engine
      ? await this.options.engine.start(this.docker, name, this.options.network, ['/tmp', HOME], this.options.share)
      : null;
    try {
      const share = this.options.share;
      const inShare = share && options.cwd && (options.cwd === share || options.cwd.startsWith(share + path.sep));
      const flags = this.runFlags(name, engine?.network ?? this.options.network, engine?.mounts, [
        ...(share ? ['--mount', `type=bind,src=${share},dst=${share},readonly`] : []),
        ...(inShare ? ['--workdir', options.cwd as string] : []),
        ...(engine?.runFlags ?? []),
      ]);
      const child = pty.spawn(this.docker.binary, ['run', ...flags, this.options.image], {
        name: 'xterm-256color',
        cols: options.cols,
        rows: options.rows,
        env: shellEnvironment(),
        encoding: null,
      });
      return new DockerShell(child, name, this.docker, () => engine?.stop());
    } catch (error) {
      await engine?.stop();
      throw error;
    }
  }

  /** The hardening, in one place: each flag is explained in docs/sandboxes.md. */
  runFlags(name: string, network: string, workspace: string[] | undefined, extra: string[] = []): string[] {
    const o = this.options;
    const tmpfs = `rw,nosuid,nodev,size=${o.tmpfsSize}`;
    const [uid = '1000', gid = uid] = o.user.split(':');
    // Writable folders: small tmpfs mounts that go with the session, or the engine's shared volumes.
    const writable = workspace ?? [
      '--tmpfs', `/tmp:${tmpfs}`,
      '--tmpfs', `${HOME}:${tmpfs},uid=${uid},gid=${gid},mode=0700`,
    ];
    return [
      '--rm', '--init', '-it', '--pull', 'never',
      '--name', name,
      '--label', `${SANDBOX_LABEL}=session`,
      '--label', `${SANDBOX_OWNER_LABEL}=${ownerId()}`,
      '--user', o.user,
      '--cap-drop', 'ALL',
      '--security-opt', 'no-new-privileges',
      '--pids-limit', String(o.pids),
      '--memory', o.memory, '--memory-swap', o.memory,
      '--cpus', o.cpus,
      '--read-only',
      ...writable,
      '--workdir', HOME,
      '--env', `HOME=${HOME}`,
      '--env', 'TERM=xterm-256color',
      '--env', 'DECKHAND=1',
      '--network', network,
      ...extra,
    ];
  }
}

class DockerShell extends PtyShell {
  constructor(
    child: pty.IPty,
    private readonly container: string,
    private readonly docker: DockerClient,
    private readonly afterEnd: () => Promise<void> | undefined,
  ) {
    super(child);
    // When the shell exits by itself (`exit`), --rm removes the container; the engine goes too.
    child.onExit(() => this.dispose());
  }

  protected end(): void {
    // Killing the client does not stop the container: remove it by name, then let the client go.
    void this.docker.run(['rm', '-f', '-v', this.container]).finally(() => {
      try {
        this.child.kill();
      } catch {
        // Already gone.
      }
      void this.afterEnd();
    });
  }
}
