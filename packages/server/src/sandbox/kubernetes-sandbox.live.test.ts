// The Kubernetes backend against a live cluster: runs only when DECKHAND_K8S_NAMESPACE names a namespace
// of the cluster in KUBECONFIG (kind or k3s with busybox loaded: docs/scaling.md). No cluster can run
// where Deckhand is developed, so this has NOT been run there; it is the test to run before trusting it.
import { afterAll, describe, expect, it } from 'vitest';
import { KubernetesSandbox } from './kubernetes-sandbox';
import type { Shell } from './sandbox';

const namespace = process.env.DECKHAND_K8S_NAMESPACE;
if (!namespace) console.warn('skipping the live Kubernetes tests: set DECKHAND_K8S_NAMESPACE (and KUBECONFIG) to run them (docs/scaling.md)');

async function collect(shell: Shell, line: string, until: RegExp, timeoutMs = 30_000): Promise<string> {
  let text = '';
  const listening = shell.onData((data) => (text += Buffer.from(data).toString()));
  shell.write(line);
  const deadline = Date.now() + timeoutMs;
  while (!until.test(text) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  listening.dispose();
  return text;
}

describe.skipIf(!namespace)('Kubernetes sandbox on a live cluster', () => {
  let sandbox: KubernetesSandbox;
  const opened: Shell[] = [];
  const open = async (): Promise<Shell> => {
    sandbox ??= await KubernetesSandbox.create({ namespace: namespace as string, image: process.env.DECKHAND_K8S_IMAGE ?? 'busybox:latest', memory: '64m', cpus: '0.5', user: '1000:1000', tmpfsSize: '16m', maxLifetimeSeconds: 600 });
    const shell = await sandbox.openShell({ cols: 100, rows: 30 });
    opened.push(shell);
    return shell;
  };

  it('runs as uid 1000 with no capabilities, no token and a read-only root', async () => {
    const shell = await open();
    const text = await collect(shell, 'id -u; awk "/CapEff/ {print \\$2}" /proc/self/status; ls /var/run/secrets/kubernetes.io 2>&1 | head -1; touch /x; echo "end-$((1+1))"\r', /end-2/);
    expect(text).toMatch(/^1000\r?$/m);
    expect(text).toMatch(/^0000000000000000\r?$/m);
    expect(text).toMatch(/No such file or directory/);
    expect(text).toMatch(/Read-only file system/);
  }, 180_000);

  it('delivers a large output whole, and the exit code after the last byte', async () => {
    const shell = await open();
    let text = '';
    shell.onData((data) => (text += Buffer.from(data).toString('latin1')));
    const exit = new Promise<number>((resolve) => shell.onExit(({ code }) => resolve(code)));
    shell.write("head -c 3000000 /dev/zero | tr '\\0' 'x'; echo last-line; exit 3\r");
    expect(await exit).toBe(3);
    expect(text.split('x').length - 1).toBeGreaterThanOrEqual(3_000_000);
    expect(text).toContain('last-line');
  }, 180_000);

  afterAll(async () => {
    for (const shell of opened) shell.dispose();
    await sandbox?.close();
  });
});
