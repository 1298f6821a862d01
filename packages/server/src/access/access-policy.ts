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

/**
 * What a principal may do. The trainer holds the printed secret and may do everything; a follower holds
 * the follower link's secret and may read the decks and the follow feed, never a shell or the deck's
 * controls (docs/architecture.md, Access).
 */
export type Role = 'trainer' | 'follower';

/** Who a credential stands for. */
export interface Principal {
  readonly role: Role;
  /** Names the principal in session ownership (`<id>/<client>`), so principals never share shells. */
  readonly id: string;
}

export const TRAINER: Principal = Object.freeze({ role: 'trainer', id: 'trainer' });
export const FOLLOWER: Principal = Object.freeze({ role: 'follower', id: 'follower' });

/** Each role comes in through its own address, with its own secret: `/?token=…`, `/follow/?token=…`. */
export const DOORS: Readonly<Record<Role, string>> = { trainer: '/', follower: '/follow/' };

export interface Exchanged {
  credential: string;
  principal: Principal;
}

export class AccessPolicy {
  /** The secret in the printed address. */
  readonly token: string;
  /** Host headers a request may carry; filled once the server knows its port (and public address). */
  readonly allowedHosts = new Set<string>();
  /** Origins a WebSocket upgrade may come from. */
  readonly allowedOrigins = new Set<string>();
  /** Names the deck folder's files in their URLs (`/files/<key>/…`): read access to those files only. */
  readonly filesKey: string;
  private readonly trainerCredential: string;
  private followSecret: string;
  private followerCredential: string;
  private readonly revokeListeners = new Set<(role: Role) => void>();

  constructor(token?: string) {
    this.token = token ?? randomBytes(24).toString('base64url');
    // Derived from the secret, never the secret itself: with a fixed secret they survive a server
    // restart, so an open page keeps its access and learns that its shells ended instead of being
    // locked out, and followers reconnect by themselves.
    this.trainerCredential = derive(this.token, 'deckhand trainer credential');
    this.filesKey = derive(this.token, 'deckhand deck files').slice(0, 32);
    this.followSecret = derive(this.token, 'deckhand follower link').slice(0, 32);
    this.followerCredential = derive(this.followSecret, 'deckhand follower credential');
  }

  /** The secret of the follower link (`/follow/?token=…`). */
  get followToken(): string {
    return this.followSecret;
  }

  /** The credential a door's secret is exchanged for, or undefined for a wrong secret. */
  exchange(secret: unknown, role: Role): Exchanged | undefined {
    if (role === 'trainer' && sameSecret(secret, this.token)) return { credential: this.trainerCredential, principal: TRAINER };
    if (role === 'follower' && sameSecret(secret, this.followSecret)) return { credential: this.followerCredential, principal: FOLLOWER };
    return undefined;
  }

  /** Who a credential stands for, or undefined when it stands for no one. */
  authenticate(credential: string | undefined): Principal | undefined {
    if (sameSecret(credential, this.trainerCredential)) return TRAINER;
    if (sameSecret(credential, this.followerCredential)) return FOLLOWER;
    return undefined;
  }

  /** Every secret and credential this server holds now, for keeping them out of recordings and logs. */
  secrets(): string[] {
    return [this.token, this.trainerCredential, this.followSecret, this.followerCredential];
  }

  /**
   * A new follower link: the old one and every credential it gave stop working at once, and whoever
   * listens (the follow feed) closes their sockets. Lasts until the server stops; a server started
   * again with the same fixed secret derives its first follower link from it again.
   */
  rotateFollowLink(): void {
    this.followSecret = randomBytes(24).toString('base64url');
    this.followerCredential = derive(this.followSecret, 'deckhand follower credential');
    for (const listener of this.revokeListeners) listener('follower');
  }

  /** Called when a role's credentials are revoked, so open sockets of that role can be closed. */
  onRevoke(listener: (role: Role) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }
}

/** Allows the names a browser may use to reach the server on this port. */
export function allowAddresses(policy: AccessPolicy, hostnames: string[], port: number): void {
  for (const hostname of hostnames) {
    const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
    policy.allowedHosts.add(`${host}:${port}`.toLowerCase());
    policy.allowedOrigins.add(`http://${host}:${port}`.toLowerCase());
  }
}

/**
 * Allows exactly the public address a forwarding proxy gives the server (a Codespaces or Gitpod port,
 * a reverse proxy): its Host and its Origin, https included, and nothing else of its domain.
 */
export function allowPublicAddress(policy: AccessPolicy, address: URL): void {
  policy.allowedHosts.add(address.host.toLowerCase());
  policy.allowedOrigins.add(address.origin.toLowerCase());
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
