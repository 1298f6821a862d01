// A Docker engine for one sandbox session, so attendees can run the course's `docker` commands inside
// their sandbox without the host's Docker socket. The one that runs on plain Docker hosts is a
// sidecar: a privileged container running its own dockerd, one per session, sharing its network
// namespace with the session's shell (so `docker run -p 8080:80` answers on the shell's localhost).
// Privileged is the price: see docs/sandboxes.md for what it costs and the alternatives.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { DockerClient, ownerId } from '@deckhand/docker';
import { SANDBOX_LABEL, SANDBOX_OWNER_LABEL } from './sandbox-labels';

export interface StartedEngine {
  /** The session container's network mode (it joins the engine's namespace: `container:NAME`). */
  network: string;
  /**
   * Volumes for the session container's writable folders, shared with the engine, so that
   * `docker run -v "$PWD":/data` from the shell names a folder the engine sees too.
   */
  volumes: Array<{ volume: string; dir: string }>;
  /** Environment for the session's shell (DOCKER_HOST). */
  env: string[];
  stop(): Promise<void>;
}

export interface SessionEngine {
  /** Checks what the engine needs (the docker command, its image) when the server starts; throws with what to do. */
  prepare(): Promise<void>;
  /**
   * Starts an engine for the session `session`, on the sandbox's network policy, seeing the session's
   * writable folders (`workspace`) and the shared course folder (`share`) at the same paths.
   */
  start(session: string, network: string, workspace: string[], share?: string): Promise<StartedEngine>;
}

export interface SidecarOptions {
  /** Image with dockerd (scripts/docker-engine.sh builds deckhand-sandbox-engine). */
  image: string;
  /** Images copied from the host into each session's engine (no registry may be reachable). */
  preload: string[];
  memory: string;
  pids: number;
}

export const DEFAULT_SIDECAR: SidecarOptions = {
  image: 'deckhand-sandbox-engine',
  preload: ['busybox:latest'],
  memory: '1g',
  pids: 1024,
};

/** The engine listens on the shared loopback only: nothing outside the session reaches it. */
const ENGINE_ADDRESS = 'tcp://127.0.0.1:2375';
const READY_TIMEOUT_MS = 30_000;

const ENGINE_PRIVILEGES = [
  '--cap-add', 'ALL',
  '--security-opt', 'seccomp=unconfined',
  '--security-opt', 'apparmor=unconfined',
  '--security-opt', 'systempaths=unconfined',
];
const WITHOUT_SYS_RESOURCE = ['--cap-drop', 'SYS_RESOURCE'];

// Docker mounts the container's cgroups read-only unless --privileged; the engine makes its own
// containers' cgroups below them, so it remounts them writable (cgroup v1; v2 is one mount).
const ENGINE_START =
  'for d in /sys/fs/cgroup /sys/fs/cgroup/*; do mountpoint -q "$d" && mount -o remount,bind,rw "$d"; done; ' +
  `exec dockerd --host unix:///var/run/docker.sock --host ${ENGINE_ADDRESS} --tls=false >/var/log/dockerd.log 2>&1`;

export class DockerSidecarEngine implements SessionEngine {
  /** The engine is started and fed images with the docker command (short-lived: once per session). */
  private client: DockerClient | null = null;

  constructor(private readonly options: SidecarOptions = DEFAULT_SIDECAR) {}

  async prepare(): Promise<void> {
    const docker = (this.client = DockerClient.find());
    if (!docker) throw new Error('--docker-engine sidecar needs the docker command: install Docker (scripts/docker-engine.sh up does it on Debian).');
    if (!(await docker.hasImage(this.options.image))) {
      throw new Error(
        `--docker-engine sidecar needs the image ${this.options.image}: build it with DECKHAND_SANDBOX_ENGINE_IMAGE=1 scripts/docker-engine.sh up`,
      );
    }
    for (const image of this.options.preload) {
      if (!(await docker.hasImage(image))) throw new Error(`--docker-engine sidecar preloads ${image}, which is not present on the host.`);
    }
  }

  async start(session: string, network: string, workspace: string[], share?: string): Promise<StartedEngine> {
    const docker = this.client;
    if (!docker) throw new Error('the sidecar engine was not prepared');
    const name = `${session}-engine-${randomBytes(3).toString('hex')}`;
    const o = this.options;
    const labels = ['--label', `${SANDBOX_LABEL}=workspace`, '--label', `${SANDBOX_OWNER_LABEL}=${ownerId()}`];
    // One labelled volume per writable folder, mounted in both containers. A new volume takes the
    // image's content and owners at that path (the session user's home, a 1777 /tmp).
    const volumes = workspace.map((_, i) => `${name}-work${i}`);
    for (const volume of volumes) await docker.run(['volume', 'create', ...labels, volume]);
    const mounts = workspace.flatMap((dir, i) => ['--mount', `type=volume,src=${volumes[i]},dst=${dir}`]);
    const run = (privileges: string[]) => docker.run([
      'run', '-d', '--rm', '--pull', 'never',
      '--name', name,
      '--label', `${SANDBOX_LABEL}=engine`,
      '--label', `${SANDBOX_OWNER_LABEL}=${ownerId()}`,
      // What dockerd needs (mounts, cgroups, iptables, namespaces): nearly --privileged, the cost this
      // design pays (docs/sandboxes.md). Not --privileged itself: hosts that are containers themselves
      // (CI machines) cannot grant CAP_SYS_RESOURCE, and dockerd does without it.
      ...privileges,
      '--memory', o.memory, '--memory-swap', o.memory,
      '--pids-limit', String(o.pids),
      '--network', network,
      // Image layers on a volume: overlay2 does not stack on the container's own overlay root.
      '--mount', 'type=volume,dst=/var/lib/docker',
      ...mounts,
      ...(share ? ['--mount', `type=bind,src=${share},dst=${share},readonly`] : []),
      o.image,
      'sh', '-c', ENGINE_START,
    ]);
    let started = await run([...ENGINE_PRIVILEGES, ...WITHOUT_SYS_RESOURCE]);
    // Where the environment itself lacks CAP_SYS_RESOURCE (a host that is a container), ALL lacks it
    // too, and newer engines (28 does; 20.10 did not) refuse to drop a capability they cannot grant.
    if (started.code !== 0 && /invalid CapDrop.*SYS_RESOURCE/.test(started.stderr)) started = await run(ENGINE_PRIVILEGES);
    const stop = async (): Promise<void> => {
      await docker.run(['rm', '-f', '-v', name]);
      await docker.run(['volume', 'rm', '-f', ...volumes]);
    };
    if (started.code !== 0) throw new Error(`could not start the session's Docker engine: ${started.stderr.trim()}`);
    try {
      await waitUntilReady(docker, name);
      for (const image of o.preload) await copyImage(docker, image, name);
    } catch (error) {
      await stop();
      throw error;
    }
    return {
      network: `container:${name}`,
      volumes: workspace.map((dir, i) => ({ volume: volumes[i] as string, dir })),
      env: [`DOCKER_HOST=${ENGINE_ADDRESS}`],
      stop,
    };
  }
}

async function waitUntilReady(docker: DockerClient, name: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if ((await docker.run(['exec', name, 'docker', 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 5_000 })).code === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const logs = await docker.run(['exec', name, 'tail', '-5', '/var/log/dockerd.log']);
  throw new Error(`the session's Docker engine did not answer within ${READY_TIMEOUT_MS / 1000} s: ${logs.stdout.trim()}`);
}

/** `docker save IMAGE | docker exec -i ENGINE docker load`: no registry needed. */
function copyImage(docker: DockerClient, image: string, engine: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const save = spawn(docker.binary, ['save', image], { stdio: ['ignore', 'pipe', 'pipe'] });
    const load = spawn(docker.binary, ['exec', '-i', engine, 'docker', 'load', '--quiet'], { stdio: ['pipe', 'ignore', 'pipe'] });
    save.stdout.pipe(load.stdin);
    let errors = '';
    save.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    load.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    load.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`could not copy ${image} into the session's engine: ${errors.trim()}`))));
  });
}
