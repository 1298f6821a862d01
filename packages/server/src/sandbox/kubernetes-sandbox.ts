// The Kubernetes backend: every terminal session is its own pod (kubernetes-pod.ts: the Docker sandbox's
// hardening, a NetworkPolicy, ownership labels), its terminal the pod's attach stream (a WebSocket to
// the API server, through the official client). NOT TESTED AGAINST A LIVE CLUSTER: no API server can run
// on the machines this was written on; the manifests are validated against the Kubernetes OpenAPI
// schema and the backend's logic is unit-tested (docs/scaling.md says how to run its end-to-end test on
// kind or k3s). The client is loaded only when this backend is chosen, and is not part of Deckhand's
// npm package (53 MiB): the error says how to install it.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Writable } from 'node:stream';
import type { CoreV1Api, KubeConfig, V1Pod } from '@kubernetes/client-node';
import type WebSocket from 'ws';
import { ownerIsGone } from '@deckhand/docker';
import type { Disposable, Sandbox, Shell, ShellExit, ShellOptions } from './sandbox';
import { NETWORK_POLICY_NAME, orphanedPods, ownedBySelector, sandboxNetworkPolicy, sandboxPod, type KubernetesSandboxOptions, type PodOwner } from './kubernetes-pod';

const READY_TIMEOUT_MS = 120_000;
/** The version this backend was written and unit-tested with (the repository's devDependency). */
const KUBERNETES_CLIENT_VERSION = '1.4.0';
const POLL_MS = 250;

type Client = typeof import('@kubernetes/client-node');

export class KubernetesSandbox implements Sandbox {
  readonly name = 'kubernetes';
  private readonly deletions = new Set<Promise<void>>();

  private constructor(
    private readonly k8s: Client,
    private readonly config: KubeConfig,
    private readonly core: CoreV1Api,
    private readonly options: KubernetesSandboxOptions,
    private readonly owner: PodOwner,
  ) {}

  /**
   * Reads the kube config (KUBECONFIG, ~/.kube/config, or the pod's service account in a cluster), checks
   * the namespace answers, puts the sandboxes' NetworkPolicy in place and deletes the pods of this host's
   * servers that are gone. Throws with what to do when no cluster answers.
   */
  static async create(options: KubernetesSandboxOptions): Promise<KubernetesSandbox> {
    if (/^0+(:|$)|^root(:|$)/.test(options.user)) throw new Error('--sandbox kubernetes: sessions never run as root; choose another --user.');
    const k8s = await import('@kubernetes/client-node').catch(() => {
      throw new Error(
        `--sandbox kubernetes needs the Kubernetes client, which Deckhand's package leaves out: install it where deckhand is installed (npm install @kubernetes/client-node@${KUBERNETES_CLIENT_VERSION}).`,
      );
    });
    const config = new k8s.KubeConfig();
    config.loadFromDefault();
    const core = config.makeApiClient(k8s.CoreV1Api);
    const server = config.getCurrentCluster()?.server ?? '(no cluster in the kube config)';
    try {
      await core.listNamespacedPod({ namespace: options.namespace, labelSelector: ownedBySelector(os.hostname()), limit: 1 });
    } catch (error) {
      throw new Error(`--sandbox kubernetes: the cluster at ${server} did not answer for namespace ${options.namespace} (${describe(error)}); check KUBECONFIG and the namespace.`);
    }
    const networking = config.makeApiClient(k8s.NetworkingV1Api);
    const policy = sandboxNetworkPolicy(options.namespace);
    try {
      await networking.createNamespacedNetworkPolicy({ namespace: options.namespace, body: policy });
    } catch (error) {
      if (statusOf(error) !== 409) throw new Error(`--sandbox kubernetes: could not create the NetworkPolicy ${NETWORK_POLICY_NAME} (${describe(error)}).`);
      await networking.replaceNamespacedNetworkPolicy({ name: NETWORK_POLICY_NAME, namespace: options.namespace, body: policy });
    }
    const podName = process.env.DECKHAND_POD_NAME;
    const podUid = process.env.DECKHAND_POD_UID;
    const owner: PodOwner = { host: os.hostname(), pid: process.pid, ...(podName && podUid ? { pod: { name: podName, uid: podUid } } : {}) };
    const sandbox = new KubernetesSandbox(k8s, config, core, options, owner);
    await sandbox.reap(ownerIsGone);
    return sandbox;
  }

  withLabels(labels: Record<string, string>): KubernetesSandbox {
    return new KubernetesSandbox(this.k8s, this.config, this.core, { ...this.options, labels: { ...this.options.labels, ...labels } }, this.owner);
  }

  async openShell(options: ShellOptions): Promise<Shell> {
    const name = `deckhand-session-${randomBytes(6).toString('hex')}`;
    const namespace = this.options.namespace;
    await this.core.createNamespacedPod({ namespace, body: sandboxPod(name, this.options, this.owner) });
    try {
      await this.untilRunning(name);
      return await KubernetesShell.attach(this.k8s, this.config, this.core, namespace, name, options, (deletion) => {
        this.deletions.add(deletion);
        void deletion.finally(() => this.deletions.delete(deletion));
      });
    } catch (error) {
      await this.deletePod(name);
      throw error;
    }
  }

  /** Waits for the deletions under way, then deletes whatever else this server made. */
  async close(): Promise<void> {
    await Promise.all([...this.deletions]);
    await this.reap((owner) => owner === `${this.owner.host}:${this.owner.pid}`);
  }

  private async reap(remove: (owner: string) => boolean): Promise<void> {
    const pods = await this.core.listNamespacedPod({ namespace: this.options.namespace, labelSelector: ownedBySelector(this.owner.host) });
    await Promise.all(orphanedPods(pods.items, this.owner.host, remove).map((name) => this.deletePod(name)));
  }

  private async untilRunning(name: string): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const pod: V1Pod = await this.core.readNamespacedPod({ name, namespace: this.options.namespace });
      const phase = pod.status?.phase;
      if (phase === 'Running') return;
      if (phase === 'Failed' || phase === 'Succeeded') throw new Error(`the sandbox pod ${name} ended before its shell started (${phase})`);
      const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting;
      if (waiting && ['ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError', 'InvalidImageName'].includes(waiting.reason ?? '')) {
        throw new Error(`the sandbox pod ${name} cannot start: ${waiting.reason} ${waiting.message ?? ''}`.trim());
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`the sandbox pod ${name} was not running within ${READY_TIMEOUT_MS / 1000} s`);
  }

  private deletePod(name: string): Promise<void> {
    return this.core.deleteNamespacedPod({ name, namespace: this.options.namespace, gracePeriodSeconds: 0 }).then(
      () => undefined,
      () => undefined,
    );
  }
}

/** Where attach output goes: a writable with a terminal size, which the client turns into resize messages. */
class TerminalOutput extends Writable {
  rows: number;
  columns: number;
  constructor(
    cols: number,
    rows: number,
    private readonly deliver: (chunk: Buffer) => void,
  ) {
    super();
    this.columns = cols;
    this.rows = rows;
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.deliver(chunk);
    done();
  }
}

class KubernetesShell implements Shell {
  private readonly exitListeners = new Set<(exit: ShellExit) => void>();
  private socket!: WebSocket;
  private disposed = false;
  private paused = false;
  readonly pid = 0;

  private constructor(
    private readonly dataListeners: Set<(data: Uint8Array) => void>,
    private readonly core: CoreV1Api,
    private readonly namespace: string,
    private readonly pod: string,
    private readonly output: TerminalOutput,
    private readonly input: import('node:stream').PassThrough,
    private readonly deleting: (deletion: Promise<void>) => void,
  ) {}

  static async attach(
    k8s: Client,
    config: KubeConfig,
    core: CoreV1Api,
    namespace: string,
    pod: string,
    size: ShellOptions,
    deleting: (deletion: Promise<void>) => void,
  ): Promise<KubernetesShell> {
    const { PassThrough } = await import('node:stream');
    const input = new PassThrough();
    const listeners = new Set<(data: Uint8Array) => void>();
    const output = new TerminalOutput(size.cols, size.rows, (chunk) => {
      for (const listener of listeners) listener(chunk);
    });
    const shell = new KubernetesShell(listeners, core, namespace, pod, output, input, deleting);
    shell.socket = (await new k8s.Attach(config).attach(namespace, pod, 'shell', output, null, input, true)) as unknown as WebSocket;
    shell.socket.once('close', () => void shell.exited());
    return shell;
  }

  onData(listener: (data: Uint8Array) => void): Disposable {
    this.dataListeners.add(listener);
    return { dispose: () => this.dataListeners.delete(listener) };
  }

  onExit(listener: (exit: ShellExit) => void): Disposable {
    this.exitListeners.add(listener);
    return { dispose: () => this.exitListeners.delete(listener) };
  }

  write(data: Uint8Array | string): void {
    if (!this.disposed) this.input.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.disposed) return;
    this.output.columns = cols;
    this.output.rows = rows;
    this.output.emit('resize');
  }

  /** Stops reading the WebSocket: TCP back-pressure reaches the API server and the kubelet, which stop reading the pod's terminal. */
  pause(): void {
    if (this.disposed || this.paused) return;
    this.paused = true;
    this.socket.pause();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (!this.disposed) this.socket.resume();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.exitListeners.clear();
    this.socket.close();
    this.deleting(
      this.core.deleteNamespacedPod({ name: this.pod, namespace: this.namespace, gracePeriodSeconds: 0 }).then(
        () => undefined,
        () => undefined,
      ),
    );
  }

  /** The stream has closed (every byte delivered): the exit status is the container's, once the pod says it. */
  private async exited(): Promise<void> {
    let code = 1;
    for (let tries = 0; tries < 40 && !this.disposed; tries++) {
      const pod = await this.core.readNamespacedPod({ name: this.pod, namespace: this.namespace }).catch(() => undefined);
      const terminated = pod?.status?.containerStatuses?.[0]?.state?.terminated;
      if (terminated) {
        code = terminated.exitCode;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    for (const listener of [...this.exitListeners]) listener({ code, signal: 0 });
    this.dispose();
  }
}

function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 200) ?? text;
}
