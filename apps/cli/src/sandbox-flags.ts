// The `serve` flags that choose where terminal sessions run (--sandbox local|docker) and the limits
// of a Docker sandbox, kept apart from the rest of `serve` so the command stays one screen long.
import { DEFAULT_DOCKER_SANDBOX, DockerSandbox, DockerSidecarEngine, KubernetesSandbox, LocalShellSandbox, type Sandbox } from '@deckhand/server';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './usage-error';

export const SANDBOX_FLAGS = {
  sandbox: { type: 'string' },
  image: { type: 'string' },
  memory: { type: 'string' },
  cpus: { type: 'string' },
  pids: { type: 'string' },
  network: { type: 'string' },
  user: { type: 'string' },
  'docker-engine': { type: 'string' },
  share: { type: 'string' },
  namespace: { type: 'string' },
} as const;

export const SANDBOX_USAGE = `  --sandbox local|docker   where terminals run (default local: a shell on this machine as this user).
                           docker: each terminal is its own hardened container (docs/sandboxes.md)
  --image IMAGE            image of a docker sandbox (default busybox); must be present locally
  --memory SIZE            memory per sandbox, no swap on top (default ${DEFAULT_DOCKER_SANDBOX.memory})
  --cpus N                 CPUs per sandbox (default ${DEFAULT_DOCKER_SANDBOX.cpus})
  --pids N                 processes per sandbox, stops fork bombs (default ${DEFAULT_DOCKER_SANDBOX.pids})
  --network none|bridge|NAME  network of a sandbox (default ${DEFAULT_DOCKER_SANDBOX.network}: no network at all)
  --user UID[:GID]         user the sandbox shell runs as, never root (default ${DEFAULT_DOCKER_SANDBOX.user})
  --share DIR              mount DIR (e.g. the course) read-only at the same path in each sandbox
  --docker-engine none|sidecar  a Docker engine for each sandbox: sidecar starts a privileged dockerd
                           per session (see its security cost in docs/sandboxes.md; default none)
  --sandbox kubernetes     each terminal a hardened pod in --namespace NS (default default) of the
                           cluster in KUBECONFIG; --image, --memory, --cpus, --user apply. Needs
                           npm install @kubernetes/client-node@1.4.0; not yet tested against a
                           live cluster (docs/scaling.md)`;

type SandboxValues = Partial<Record<keyof typeof SANDBOX_FLAGS, string | undefined>>;

export async function sandboxFromFlags(values: SandboxValues, cwd: string, usage: string): Promise<Sandbox> {
  const kind = values.sandbox ?? 'local';
  if (kind === 'local') {
    const dockerOnly = (Object.keys(SANDBOX_FLAGS) as Array<keyof SandboxValues>).filter((key) => key !== 'sandbox' && values[key] !== undefined);
    if (dockerOnly.length > 0) throw new UsageError(`--${dockerOnly[0]} applies to --sandbox docker only`, usage);
    return new LocalShellSandbox({ cwd });
  }
  if (kind === 'kubernetes') return kubernetesSandbox(values, usage);
  if (kind !== 'docker') throw new UsageError(`--sandbox must be local, docker or kubernetes, got "${kind}"`, usage);
  if (values.namespace !== undefined) throw new UsageError('--namespace applies to --sandbox kubernetes only', usage);
  const pids = values.pids !== undefined ? Number(values.pids) : DEFAULT_DOCKER_SANDBOX.pids;
  if (!Number.isInteger(pids) || pids < 8) throw new UsageError(`--pids must be a whole number of at least 8, got "${values.pids}"`, usage);
  if (values.memory !== undefined && !/^\d+[bkmg]?$/i.test(values.memory)) throw new UsageError(`--memory takes a size like 256m or 1g, got "${values.memory}"`, usage);
  if (values.cpus !== undefined && !(Number(values.cpus) > 0)) throw new UsageError(`--cpus takes a positive number like 0.5 or 2, got "${values.cpus}"`, usage);
  if (values.network === 'host') throw new UsageError('--network host would give sandboxes the host\'s network stack: use none, bridge or a network name', usage);
  const engineKind = values['docker-engine'] ?? 'none';
  if (engineKind !== 'none' && engineKind !== 'sidecar') throw new UsageError(`--docker-engine must be none or sidecar, got "${engineKind}"`, usage);
  return DockerSandbox.create({
    ...DEFAULT_DOCKER_SANDBOX,
    image: values.image ?? 'busybox',
    ...(values.memory !== undefined ? { memory: values.memory } : {}),
    ...(values.cpus !== undefined ? { cpus: values.cpus } : {}),
    pids,
    ...(values.network !== undefined ? { network: values.network } : {}),
    ...(values.user !== undefined ? { user: values.user } : {}),
    ...(values.share !== undefined ? { share: shareDir(values.share, usage) } : {}),
    ...(engineKind === 'sidecar' ? { engine: new DockerSidecarEngine() } : {}),
  });
}

async function kubernetesSandbox(values: SandboxValues, usage: string): Promise<Sandbox> {
  const unsupported = (['pids', 'network', 'share', 'docker-engine'] as const).find((key) => values[key] !== undefined);
  if (unsupported) throw new UsageError(`--${unsupported} applies to --sandbox docker only (a pod's limits and network are the cluster's: docs/scaling.md)`, usage);
  if (values.memory !== undefined && !/^\d+[bkmg]?$/i.test(values.memory)) throw new UsageError(`--memory takes a size like 256m or 1g, got "${values.memory}"`, usage);
  if (values.cpus !== undefined && !(Number(values.cpus) > 0)) throw new UsageError(`--cpus takes a positive number like 0.5 or 2, got "${values.cpus}"`, usage);
  if (values.user !== undefined && !/^\d+(:\d+)?$/.test(values.user)) throw new UsageError(`--user takes UID[:GID] as numbers for a pod, got "${values.user}"`, usage);
  return KubernetesSandbox.create({
    namespace: values.namespace ?? 'default',
    image: values.image ?? 'busybox',
    memory: values.memory ?? DEFAULT_DOCKER_SANDBOX.memory,
    cpus: values.cpus ?? DEFAULT_DOCKER_SANDBOX.cpus,
    user: values.user ?? DEFAULT_DOCKER_SANDBOX.user,
    tmpfsSize: DEFAULT_DOCKER_SANDBOX.tmpfsSize,
    maxLifetimeSeconds: 12 * 60 * 60,
  });
}

function shareDir(dir: string, usage: string): string {
  const absolute = path.resolve(dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) throw new UsageError(`--share needs a folder, got "${dir}"`, usage);
  if (absolute === '/' || ['/etc', '/root', '/home', '/var', '/run', '/proc', '/sys', '/dev'].includes(absolute)) {
    throw new UsageError(`--share ${absolute} would show the host's system files to every sandbox: share the course folder`, usage);
  }
  return absolute;
}
