// What the Kubernetes backend asks the cluster for, as plain objects: a pod per terminal session with the
// Docker sandbox's hardening (non-root, no privilege escalation, no capabilities, read-only root, memory
// and CPU limits, small in-memory writable folders, no service account token), a NetworkPolicy that
// shuts the sandboxes' network, and the labels that say whose pods they are, so a server reaps only what
// servers of its host that are gone left. Pure: kubernetes-sandbox.ts sends these, the tests validate
// them against the Kubernetes OpenAPI schema.
import type { V1NetworkPolicy, V1Pod } from '@kubernetes/client-node';

export interface KubernetesSandboxOptions {
  namespace: string;
  image: string;
  /** Memory limit, as the Docker sandbox takes it: 256m (MiB), 1g. */
  memory: string;
  /** CPU limit: 1, 0.5. */
  cpus: string;
  /** `uid[:gid]`, never root. */
  user: string;
  /** Size of each in-memory writable folder (/tmp, the home folder). */
  tmpfsSize: string;
  /** The pod is ended by the cluster after this long whatever happens (the session's maximum lifetime). */
  maxLifetimeSeconds: number;
  /** Labels added to each pod (the classroom names its attendee). */
  labels?: Record<string, string>;
}

export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'deckhand' } as const;
export const SESSION_LABEL = 'deckhand.sandbox';
export const OWNER_HOST_LABEL = 'deckhand.sandbox/owner-host';
export const OWNER_PID_LABEL = 'deckhand.sandbox/owner-pid';
export const OWNER_ANNOTATION = 'deckhand.sandbox/owner';
export const NETWORK_POLICY_NAME = 'deckhand-sandboxes-no-network';
const HOME = '/home/deckhand';

/** Who owns a pod: this server's host and process, and in a cluster the server's own pod (garbage collection). */
export interface PodOwner {
  host: string;
  pid: number;
  /** When the server runs in the cluster (DECKHAND_POD_NAME, DECKHAND_POD_UID): deleting it deletes its sandboxes. */
  pod?: { name: string; uid: string };
}

export function sandboxPod(name: string, o: KubernetesSandboxOptions, owner: PodOwner): V1Pod {
  const [uid = 1000, gid = uid] = o.user.split(':').map(Number);
  const scratch = quantity(o.tmpfsSize);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace,
      labels: { ...o.labels, ...MANAGED_BY, [SESSION_LABEL]: 'session', [OWNER_HOST_LABEL]: labelValue(owner.host), [OWNER_PID_LABEL]: String(owner.pid) },
      annotations: { [OWNER_ANNOTATION]: `${owner.host}:${owner.pid}` },
      ...(owner.pod ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: owner.pod.name, uid: owner.pod.uid }] } : {}),
    },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      hostNetwork: false,
      hostPID: false,
      hostIPC: false,
      activeDeadlineSeconds: o.maxLifetimeSeconds,
      terminationGracePeriodSeconds: 1,
      securityContext: { runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'shell',
          image: o.image,
          imagePullPolicy: 'IfNotPresent',
          stdin: true,
          stdinOnce: false,
          tty: true,
          workingDir: HOME,
          env: [
            { name: 'HOME', value: HOME },
            { name: 'TERM', value: 'xterm-256color' },
            { name: 'DECKHAND', value: '1' },
          ],
          securityContext: {
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
          resources: {
            limits: { memory: quantity(o.memory), cpu: o.cpus, 'ephemeral-storage': scratch },
            requests: { memory: '32Mi', cpu: '50m' },
          },
          volumeMounts: [
            { name: 'tmp', mountPath: '/tmp' },
            { name: 'home', mountPath: HOME },
          ],
        },
      ],
      volumes: [
        { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: scratch } },
        { name: 'home', emptyDir: { medium: 'Memory', sizeLimit: scratch } },
      ],
    },
  };
}

/** No traffic in or out of any sandbox pod of the namespace (`--network none`), where the cluster's network plugin enforces policies. */
export function sandboxNetworkPolicy(namespace: string): V1NetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: NETWORK_POLICY_NAME, namespace, labels: { ...MANAGED_BY } },
    spec: {
      podSelector: { matchLabels: { ...MANAGED_BY, [SESSION_LABEL]: 'session' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [],
      egress: [],
    },
  };
}

/** The label selector of the pods a host's servers made. */
export function ownedBySelector(host: string): string {
  return `app.kubernetes.io/managed-by=deckhand,${SESSION_LABEL}=session,${OWNER_HOST_LABEL}=${labelValue(host)}`;
}

/** Of a host's pods, those whose server process is gone (`isGone(host:pid)`), to delete. */
export function orphanedPods(pods: V1Pod[], host: string, isGone: (owner: string) => boolean): string[] {
  return pods
    .filter((pod) => pod.metadata?.labels?.[OWNER_HOST_LABEL] === labelValue(host))
    .filter((pod) => isGone(pod.metadata?.annotations?.[OWNER_ANNOTATION] ?? ''))
    .map((pod) => pod.metadata?.name ?? '')
    .filter(Boolean);
}

/** A Docker size (256m = 256 MiB, 1g, 512k, bytes) as a Kubernetes quantity (where `m` means milli). */
export function quantity(size: string): string {
  const match = /^(\d+)([bkmg]?)$/i.exec(size.trim());
  if (!match) throw new Error(`not a size: "${size}" (use a number with b, k, m or g)`);
  const unit = { '': '', b: '', k: 'Ki', m: 'Mi', g: 'Gi' }[(match[2] ?? '').toLowerCase()] ?? '';
  return `${match[1]}${unit}`;
}

/** Any text as a valid label value: at most 63 of [A-Za-z0-9-_.], starting and ending alphanumeric. */
export function labelValue(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return clean || 'unknown';
}
