// Which Docker engine a shell's `docker` talks to: `deckhand check` asks in the shell a deck runs in
// (the host's engine, or a sandbox's own), names it in its report, and skips blocks whose output only
// an engine of a given version or later prints (the `engine=` block option).

export interface DockerEngine {
  /** The daemon's version as it reports it: `28.5.2+dfsg4`, `29.1.3`. */
  version: string;
  /** The API version the client and daemon agreed on. */
  api: string;
  client: string;
  /** containerd: the image store of fresh Engine 29 and Docker Desktop installs; classic: overlay2 and friends. */
  imageStore: 'containerd' | 'classic';
}

/** A shell command printing what readEngine reads; it works on every engine from 20.10 on. */
export const ENGINE_QUERY =
  "docker version --format 'engine={{.Server.Version}} api={{.Server.APIVersion}} client={{.Client.Version}}' && " +
  `docker info --format 'driver={{range .DriverStatus}}{{if eq (index . 0) "driver-type"}}{{index . 1}}{{end}}{{end}}'`;

/** The engine in ENGINE_QUERY's output, or null when no engine answered. */
export function readEngine(output: string): DockerEngine | null {
  const versions = /engine=(\S+) api=(\S+) client=(\S+)/.exec(output);
  if (!versions) return null;
  const driver = /driver=(\S*)/.exec(output)?.[1] ?? '';
  return {
    version: versions[1] as string,
    api: versions[2] as string,
    client: versions[3] as string,
    imageStore: driver === 'io.containerd.snapshotter.v1' ? 'containerd' : 'classic',
  };
}

/** `Docker Engine 28.5.2+dfsg4 (API 1.51, containerd image store), client 28.2.2` */
export function describeEngine(engine: DockerEngine): string {
  return `Docker Engine ${engine.version} (API ${engine.api}, ${engine.imageStore} image store), client ${engine.client}`;
}

/** Whether `version` (`20.10.24+dfsg1`) is `minimum` (`23`, `29.1`) or later. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const have = numbers(version);
  const want = numbers(minimum);
  for (let i = 0; i < want.length; i++) {
    const a = have[i] ?? 0;
    const b = want[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

function numbers(version: string): number[] {
  return (/^\d+(?:\.\d+)*/.exec(version)?.[0] ?? '0').split('.').map(Number);
}
