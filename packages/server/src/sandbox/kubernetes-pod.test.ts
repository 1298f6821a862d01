// The Kubernetes backend's manifests and logic, without a cluster (none can run here): each manifest is
// validated against the Kubernetes OpenAPI schema (kubernetes-models, generated from it), carries the
// same hardening as a Docker sandbox, and the reaper picks only what a gone server of this host left.
// With no API server, choosing the backend fails at start with what to check.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { Pod } from 'kubernetes-models/v1';
import type { V1Pod } from '@kubernetes/client-node';
import { labelValue, orphanedPods, ownedBySelector, quantity, sandboxNetworkPolicy, sandboxPod, type KubernetesSandboxOptions } from './kubernetes-pod';
import { KubernetesSandbox } from './kubernetes-sandbox';

const OPTIONS: KubernetesSandboxOptions = {
  namespace: 'class-1',
  image: 'busybox:latest',
  memory: '256m',
  cpus: '1',
  user: '1000:1000',
  tmpfsSize: '64m',
  maxLifetimeSeconds: 43_200,
  labels: { 'deckhand.attendee': 'a1b2c3' },
};
const OWNER = { host: 'trainer-laptop.example', pid: 4242 };

describe('Kubernetes sandbox manifests', () => {
  it('are valid against the Kubernetes OpenAPI schema, and an invalid one is caught', () => {
    expect(() => new Pod(sandboxPod('deckhand-session-abc', OPTIONS, OWNER) as never).validate()).not.toThrow();
    expect(() => new Pod(sandboxPod('deckhand-session-abc', OPTIONS, { ...OWNER, pod: { name: 'deckhand-0', uid: '2f9c0b8e-1d1f-4a53-9f0e-9a1f3f0c1d2e' } }) as never).validate()).not.toThrow();
    expect(() => new NetworkPolicy(sandboxNetworkPolicy('class-1') as never).validate()).not.toThrow();
    // The validator is not a rubber stamp: a wrong type fails.
    const broken = sandboxPod('deckhand-session-abc', { ...OPTIONS, user: '1000' }, OWNER) as unknown as { spec: { securityContext: { runAsUser: unknown } } };
    broken.spec.securityContext.runAsUser = 'deckhand';
    expect(() => new Pod(broken as never).validate()).toThrow(/runAsUser/);
  });

  it('harden the pod as the Docker sandbox: non-root, no escalation, no capabilities, read-only root, limits, no token, no network', () => {
    const pod = sandboxPod('deckhand-session-abc', OPTIONS, OWNER);
    const container = pod.spec?.containers[0];
    expect(pod.spec?.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container?.securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container?.resources?.limits).toMatchObject({ memory: '256Mi', cpu: '1' });
    expect(pod.spec).toMatchObject({ automountServiceAccountToken: false, enableServiceLinks: false, hostNetwork: false, hostPID: false, hostIPC: false, restartPolicy: 'Never', activeDeadlineSeconds: 43_200 });
    expect(container).toMatchObject({ stdin: true, tty: true });
    expect(pod.spec?.volumes?.map((volume) => volume.emptyDir)).toEqual([
      { medium: 'Memory', sizeLimit: '64Mi' },
      { medium: 'Memory', sizeLimit: '64Mi' },
    ]);
    const policy = sandboxNetworkPolicy('class-1');
    expect(policy.spec).toMatchObject({ policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [] });
    // The policy selects exactly the sandbox pods.
    for (const [key, value] of Object.entries(policy.spec?.podSelector?.matchLabels ?? {})) expect(pod.metadata?.labels?.[key]).toBe(value);
    expect(pod.metadata?.labels?.['deckhand.attendee']).toBe('a1b2c3');
  });

  it('sizes as Docker reads them: m is MiB, not milli', () => {
    expect(quantity('256m')).toBe('256Mi');
    expect(quantity('1g')).toBe('1Gi');
    expect(quantity('512k')).toBe('512Ki');
    expect(quantity('1000')).toBe('1000');
    expect(() => quantity('lots')).toThrow(/not a size/);
  });

  it('labels any host name validly, and reaps only the pods of this host whose server is gone', () => {
    expect(labelValue('ip-10-0-0-1.eu-west-1.compute.internal')).toBe('ip-10-0-0-1.eu-west-1.compute.internal');
    expect(labelValue('-weird host:name-')).toBe('weird-host-name');
    expect(labelValue('x'.repeat(80))).toHaveLength(63);
    const pod = (host: string, pid: number, name: string): V1Pod => sandboxPod(name, OPTIONS, { host, pid });
    const pods = [pod(OWNER.host, 1, 'gone'), pod(OWNER.host, 2, 'alive'), pod('other-host', 1, 'foreign')];
    expect(orphanedPods(pods, OWNER.host, (owner) => owner === `${OWNER.host}:1`)).toEqual(['gone']);
    expect(ownedBySelector(OWNER.host)).toBe('app.kubernetes.io/managed-by=deckhand,deckhand.sandbox=session,deckhand.sandbox/owner-host=trainer-laptop.example');
  });

  it('says which cluster did not answer when there is none', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-kube-'));
    const kubeconfig = path.join(dir, 'config');
    writeFileSync(
      kubeconfig,
      ['apiVersion: v1', 'kind: Config', 'clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]', 'users: [{name: u, user: {token: t}}]', 'contexts: [{name: c, context: {cluster: none, user: u}}]', 'current-context: c'].join('\n'),
    );
    const previous = process.env.KUBECONFIG;
    process.env.KUBECONFIG = kubeconfig;
    try {
      await expect(KubernetesSandbox.create(OPTIONS)).rejects.toThrow(/the cluster at https:\/\/127\.0\.0\.1:1 did not answer for namespace class-1/);
    } finally {
      if (previous === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = previous;
    }
  });
});
