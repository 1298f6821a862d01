// Who may use this server, and with what. A web shell is remote code execution by design, so every route
// that reads a deck or reaches a shell needs a credential, and every request's Host (DNS rebinding) and
// every WebSocket upgrade's Origin (cross-site WebSocket hijacking) are checked against allowlists.
//
// The credential is never ambient: cookies are scoped by host, not port, so a cookie would reach every
// other server on 127.0.0.1 the browser visits. Instead the page exchanges the printed secret for a
// credential it keeps in its own origin's storage (scheme, host and port) and presents it itself, as an
// `Authorization: Bearer` header on HTTP and as a single-use ticket on a WebSocket upgrade (tickets.ts).
// See docs/architecture.md, Access.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Who a credential stands for. The trainer holds the printed secret and may do everything. */
export interface Principal {
  readonly role: 'trainer';
  /** Names the principal in session ownership (`<id>/<client>`), so principals never share shells. */
  readonly id: string;
}

export const TRAINER: Principal = Object.freeze({ role: 'trainer', id: 'trainer' });

export interface AccessPolicy {
  /** The secret in the printed address. */
  readonly token: string;
  /** Host headers a request may carry; filled once the server knows its port. */
  readonly allowedHosts: Set<string>;
  /** Origins a WebSocket upgrade may come from. */
  readonly allowedOrigins: Set<string>;
  /** Names the deck folder's files in their URLs (`/files/<key>/…`): read access to those files only. */
  readonly filesKey: string;
  /** The credential the printed secret is exchanged for, or undefined for a wrong secret. */
  exchange(secret: string): string | undefined;
  /** Who a credential stands for, or undefined when it stands for no one. */
  authenticate(credential: string | undefined): Principal | undefined;
}

export function createAccessPolicy(token?: string): AccessPolicy {
  const secret = token ?? randomBytes(24).toString('base64url');
  // Derived from the secret, never the secret itself: with a fixed --token they survive a server
  // restart, so an open page keeps its access and learns that its shells ended instead of being locked out.
  const trainerCredential = derive(secret, 'deckhand trainer credential');
  return {
    token: secret,
    allowedHosts: new Set(),
    allowedOrigins: new Set(),
    filesKey: derive(secret, 'deckhand deck files').slice(0, 32),
    exchange: (given) => (sameSecret(given, secret) ? trainerCredential : undefined),
    authenticate: (credential) => (sameSecret(credential, trainerCredential) ? TRAINER : undefined),
  };
}

/** Allows the names a browser may use to reach the server on this port. */
export function allowAddresses(policy: AccessPolicy, hostnames: string[], port: number): void {
  for (const hostname of hostnames) {
    const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
    policy.allowedHosts.add(`${host}:${port}`.toLowerCase());
    policy.allowedOrigins.add(`http://${host}:${port}`.toLowerCase());
  }
}

/** Compares secrets in constant time; anything that is not a non-empty string never matches. */
export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function derive(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(purpose).digest('base64url');
}
