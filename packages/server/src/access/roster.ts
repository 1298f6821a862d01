// The class's attendees, as access sees them (`deckhand serve --classroom`): one invite per attendee,
// each with its own secret, so each attendee is a principal of their own (`attendee-<id>`): their own
// sandbox, never another's. The trainer makes invites by name or in a batch; the class link (a secret
// derived from the trainer's) lets an attendee make their own by giving a name, which must be new, so
// nobody reaches another attendee's sandbox by typing their name. Invites live as long as the server.
import { randomBytes } from 'node:crypto';

export interface Invite {
  /** Names the attendee in URLs and session owners; not a secret. */
  readonly id: string;
  readonly name: string;
  /** The secret of the attendee's own link (`/join/?token=…`). */
  readonly secret: string;
  /** What the attendee's page presents (derived from the secret). */
  readonly credential: string;
}

export interface RosterLimits {
  /** Attendees (invites) the class holds at most. */
  maxAttendees: number;
}

export const DEFAULT_ROSTER_LIMITS: RosterLimits = { maxAttendees: 30 };
export const MAX_NAME_LENGTH = 40;

export type InviteRefusal = 'full' | 'name-taken' | 'bad-name';

export class Roster {
  private readonly byId = new Map<string, Invite>();
  private readonly byCredential = new Map<string, Invite>();
  private readonly bySecret = new Map<string, Invite>();

  constructor(
    readonly limits: RosterLimits,
    private readonly deriveCredential: (secret: string) => string,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  get full(): boolean {
    return this.byId.size >= this.limits.maxAttendees;
  }

  /** A new attendee, or why not: the class is full, the name is taken or is not a name. */
  invite(name: string): Invite | InviteRefusal {
    const clean = cleanName(name);
    if (clean === undefined) return 'bad-name';
    if (this.full) return 'full';
    const taken = clean.toLocaleLowerCase();
    for (const invite of this.byId.values()) if (invite.name.toLocaleLowerCase() === taken) return 'name-taken';
    const secret = randomBytes(24).toString('base64url');
    const invite: Invite = { id: randomBytes(6).toString('hex'), name: clean, secret, credential: this.deriveCredential(secret) };
    this.byId.set(invite.id, invite);
    this.byCredential.set(invite.credential, invite);
    this.bySecret.set(invite.secret, invite);
    return invite;
  }

  /** The next free "Attendee N" name, for a batch of invites made without names. */
  nextNumberedName(): string {
    for (let n = this.byId.size + 1; ; n++) {
      const name = `Attendee ${n}`;
      if (![...this.byId.values()].some((invite) => invite.name === name)) return name;
    }
  }

  get(id: string): Invite | undefined {
    return this.byId.get(id);
  }

  withSecret(secret: string): Invite | undefined {
    return this.bySecret.get(secret);
  }

  withCredential(credential: string): Invite | undefined {
    return this.byCredential.get(credential);
  }

  /** Forgets an invite: its link and credential stop working at once. */
  remove(id: string): Invite | undefined {
    const invite = this.byId.get(id);
    if (!invite) return undefined;
    this.byId.delete(id);
    this.byCredential.delete(invite.credential);
    this.bySecret.delete(invite.secret);
    return invite;
  }

  list(): Invite[] {
    return [...this.byId.values()];
  }
}

/** A display name: trimmed, inner white space collapsed, 1–40 printable characters, no markup. */
export function cleanName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (clean.length === 0 || clean.length > MAX_NAME_LENGTH) return undefined;
  // Letters, marks, digits, spaces and a little punctuation: a name, never HTML or control characters.
  return /^[\p{L}\p{M}\p{N} .'’_-]+$/u.test(clean) ? clean : undefined;
}
