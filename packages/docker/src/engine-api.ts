// The Docker Engine API over its socket (dockerode), for what runs for as long as a terminal does: a
// sandbox container is created, attached and removed through the API, so a terminal costs the server
// one socket instead of a `docker` client process (~25 MiB each). It reads DOCKER_HOST as the CLI does
// (unix:// by default, tcp:// for an engine elsewhere).
import Docker from 'dockerode';
import type { Duplex } from 'node:stream';

/** Labels that mark Deckhand's objects and their owner (see owner.ts). */
export type Labels = Record<string, string>;

export interface AttachedContainer {
  id: string;
  /** The container's terminal: raw bytes both ways (a TTY container's attach is not multiplexed). */
  stream: Duplex;
  /** The exit status of the container's next exit (`wait?condition=next-exit`), set up before it starts. */
  exited: Promise<number>;
}

/** The Docker Engine API client Deckhand's sandboxes and reaper use. */
export class EngineApi {
  readonly api: Docker;
  /** Images seen present; an image once there stays there for the life of a server. */
  private readonly present = new Set<string>();

  constructor(api = new Docker()) {
    this.api = api;
  }

  /** Whether an engine answers on the socket. */
  async answers(): Promise<boolean> {
    try {
      await this.api.ping();
      return true;
    } catch {
      return false;
    }
  }

  async hasImage(ref: string): Promise<boolean> {
    if (this.present.has(ref)) return true;
    try {
      await this.api.getImage(ref).inspect();
      this.present.add(ref);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Creates a container with a terminal, attaches to it and starts it: attached before it starts, so
   * not a byte of its output is missed, and its exit awaited before it starts, so the status is known
   * even when the engine removes it at once (AutoRemove).
   */
  async runAttached(spec: Docker.ContainerCreateOptions): Promise<AttachedContainer> {
    const container = await this.api.createContainer({ ...spec, Tty: true, OpenStdin: true, StdinOnce: false, AttachStdin: true, AttachStdout: true, AttachStderr: true });
    try {
      const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as Duplex;
      const exited = container.wait({ condition: 'next-exit' }).then((result: { StatusCode?: number }) => result.StatusCode ?? 0);
      // A container that fails to start never exits: the caller learns it from start()'s rejection.
      exited.catch(() => undefined);
      await container.start();
      return { id: container.id, stream, exited };
    } catch (error) {
      await this.remove(container.id);
      throw error;
    }
  }

  async resize(id: string, cols: number, rows: number): Promise<void> {
    try {
      await this.api.getContainer(id).resize({ w: cols, h: rows });
    } catch {
      // The container has just exited: nothing is left to resize.
    }
  }

  /** The container's main process as the host sees it, or 0 when it is gone. */
  async hostPid(id: string): Promise<number> {
    try {
      return (await this.api.getContainer(id).inspect()).State.Pid;
    } catch {
      return 0;
    }
  }

  /** Memory the container's cgroup uses now (what `docker stats` shows), or undefined when it is gone. */
  async memoryBytes(id: string): Promise<number | undefined> {
    try {
      const stats = (await this.api.getContainer(id).stats({ stream: false, 'one-shot': true } as { stream: false })) as {
        memory_stats?: { usage?: number; stats?: { inactive_file?: number; total_inactive_file?: number } };
      };
      const usage = stats.memory_stats?.usage;
      if (usage === undefined) return undefined;
      // As the docker CLI does: page cache that could be dropped is not the container's own.
      const cache = stats.memory_stats?.stats?.inactive_file ?? stats.memory_stats?.stats?.total_inactive_file ?? 0;
      return Math.max(0, usage - cache);
    } catch {
      return undefined;
    }
  }

  /** Removes a container and its anonymous volumes; one already gone (or going) is no error. */
  async remove(id: string): Promise<void> {
    try {
      await this.api.getContainer(id).remove({ force: true, v: true });
    } catch {
      // Gone already, or being removed by the engine (AutoRemove).
    }
  }

  /** Containers (running or not), networks and volumes carrying `label`, with their labels. */
  async labelled(label: string): Promise<{ containers: Labelled[]; networks: Labelled[]; volumes: Labelled[] }> {
    const filters = JSON.stringify({ label: [label] });
    const [containers, networks, volumes] = await Promise.all([
      this.api.listContainers({ all: true, filters }),
      this.api.listNetworks({ filters }),
      this.api.listVolumes({ filters }),
    ]);
    return {
      containers: containers.map((c) => ({ id: c.Id, labels: c.Labels ?? {} })),
      networks: networks.map((n) => ({ id: n.Id, labels: n.Labels ?? {} })),
      volumes: (volumes.Volumes ?? []).map((v) => ({ id: v.Name, labels: v.Labels ?? {} })),
    };
  }

  async removeNetwork(id: string): Promise<boolean> {
    return this.api.getNetwork(id).remove().then(() => true, () => false);
  }

  async removeVolume(name: string): Promise<boolean> {
    return this.api.getVolume(name).remove({ force: true }).then(() => true, () => false);
  }
}

export interface Labelled {
  id: string;
  labels: Labels;
}

/** `256m`, `1g`, `512k`, `1000` (bytes) as a number of bytes, as `docker run --memory` reads it. */
export function sizeBytes(size: string): number {
  const match = /^(\d+)([bkmg]?)$/i.exec(size.trim());
  if (!match) throw new Error(`not a size: "${size}" (use a number with b, k, m or g)`);
  const scale: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  return Number(match[1]) * (scale[(match[2] ?? '').toLowerCase()] ?? 1);
}
