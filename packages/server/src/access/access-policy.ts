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
import { Roster, type RosterLimits } from './roster';

/**
 * What a principal may do. The trainer holds the printed secret and may do everything; a follower holds
 * the follower link's secret and may read the decks and the follow feed, never a shell or the deck's
 * controls; an attendee (classroom mode only) holds their own invite's secret and may read the decks and
 * use their own sandbox terminals, never the trainer's or another attendee's (docs/architecture.md, Access).
 */
export type Role = 'trainer' | 'follower' | 'attendee';

/** Who a credential stands for. */
export interface Principal {
  readonly role: Role;
  /** Names the principal in session ownership (`<id>/<client>`), so principals never share shells. */
  readonly id: string;
}

export const TRAINER: Principal = Object.freeze({ role: 'trainer', id: 'trainer' });
export const FOLLOWER: Principal = Object.freeze({ role: 'follower', id: 'follower' });

/** Each role comes in through its own address, with its own secret: `/?token=…`, `/follow/?token=…`, `/join/?token=…`. */
export const DOORS: Readonly<Record<Role, string>> = { trainer: '/', follower: '/follow/', attendee: '/join/' };

/** Prefix of an attendee principal's id: `attendee-<invite id>`. */
export const ATTENDEE_PREFIX = 'attendee-';

/**
 * Who owns a terminal session opened by `principal` from the page with client id `client`. The trainer's
 * sessions are per browser (its windows share them); an attendee's are per attendee, so their invite
 * link opened on another device reaches the same sandbox.
 */
export function sessionOwner(principal: Principal, client: string): string {
  return principal.role === 'attendee' ? `${principal.id}/any-device` : `${principal.id}/${client}`;
}

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
  private readonly revokeListeners = new Set<(role: Role, id?: string) => void>();
  /** The class's attendees, in classroom mode; without it the attendee door admits nobody. */
  readonly roster: Roster | undefined;
  /** The class link's secret (`/join/?class=…`), where attendees name themselves. */
  readonly classToken: string;

  constructor(token?: string, classroom?: RosterLimits) {
    this.token = token ?? randomBytes(24).toString('base64url');
    // Derived from the secret, never the secret itself: with a fixed secret they survive a server
    // restart, so an open page keeps its access and learns that its shells ended instead of being
    // locked out, and followers reconnect by themselves.
    this.trainerCredential = derive(this.token, 'deckhand trainer credential');
    this.filesKey = derive(this.token, 'deckhand deck files').slice(0, 32);
    this.followSecret = derive(this.token, 'deckhand follower link').slice(0, 32);
    this.followerCredential = derive(this.followSecret, 'deckhand follower credential');
    this.classToken = derive(this.token, 'deckhand class link').slice(0, 32);
    this.roster = classroom ? new Roster(classroom, (secret) => derive(secret, 'deckhand attendee credential')) : undefined;
  }

  /** The secret of the follower link (`/follow/?token=…`). */
  get followToken(): string {
    return this.followSecret;
  }

  /** The credential a door's secret is exchanged for, or undefined for a wrong secret. */
  exchange(secret: unknown, role: Role): Exchanged | undefined {
    if (role === 'trainer' && sameSecret(secret, this.token)) return { credential: this.trainerCredential, principal: TRAINER };
    if (role === 'follower' && sameSecret(secret, this.followSecret)) return { credential: this.followerCredential, principal: FOLLOWER };
    if (role === 'attendee' && typeof secret === 'string') {
      // A map lookup by secret: the invite secrets are random, so its timing tells nothing useful.
      const invite = this.roster?.withSecret(secret);
      if (invite) return { credential: invite.credential, principal: attendee(invite.id) };
    }
    return undefined;
  }

  /** Who a credential stands for, or undefined when it stands for no one. */
  authenticate(credential: string | undefined): Principal | undefined {
    if (sameSecret(credential, this.trainerCredential)) return TRAINER;
    if (sameSecret(credential, this.followerCredential)) return FOLLOWER;
    const invite = credential ? this.roster?.withCredential(credential) : undefined;
    return invite ? attendee(invite.id) : undefined;
  }

  /** Whether a class-link secret is this server's (classroom mode only). */
  isClassToken(secret: unknown): boolean {
    return this.roster !== undefined && sameSecret(secret, this.classToken);
  }

  /** Forgets an attendee: their link and credential stop working, and their sockets are closed. */
  removeAttendee(inviteId: string): boolean {
    if (!this.roster?.remove(inviteId)) return false;
    for (const listener of this.revokeListeners) listener('attendee', `${ATTENDEE_PREFIX}${inviteId}`);
    return true;
  }

  /** Every secret and credential this server holds now, for keeping them out of recordings and logs. */
  secrets(): string[] {
    const attendees = this.roster?.list().flatMap((invite) => [invite.secret, invite.credential]) ?? [];
    return [this.token, this.trainerCredential, this.followSecret, this.followerCredential, ...(this.roster ? [this.classToken] : []), ...attendees];
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

  /**
   * Called when credentials are revoked, so open sockets can be closed: a whole role's, or (with `id`)
   * one principal's.
   */
  onRevoke(listener: (role: Role, id?: string) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }
}

function attendee(inviteId: string): Principal {
  return { role: 'attendee', id: `${ATTENDEE_PREFIX}${inviteId}` };
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
