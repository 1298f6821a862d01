// Single-use tickets for WebSocket upgrades. A browser cannot put an Authorization header on a
// WebSocket, and a credential in the address would sit in proxies' logs and the browser's history, so
// the page asks for a ticket with its credential (an ordinary request that carries the header) and
// opens the socket with `?ticket=…`. A ticket opens one socket, within TICKET_TTL_MS, for the principal
// it was issued to.
import { randomBytes } from 'node:crypto';
import type { Principal } from './access-policy';

/** Long enough for a page on a slow network to open its socket; short enough that a logged ticket is dead. */
export const TICKET_TTL_MS = 30_000;
/** Outstanding tickets kept at most; beyond it the oldest are forgotten (a page just asks again). */
export const MAX_OUTSTANDING_TICKETS = 4_096;

export class TicketBook {
  private readonly tickets = new Map<string, { principal: Principal; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(principal: Principal): string {
    this.forgetExpired();
    while (this.tickets.size >= MAX_OUTSTANDING_TICKETS) {
      const oldest = this.tickets.keys().next().value;
      if (oldest === undefined) break;
      this.tickets.delete(oldest);
    }
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { principal, expires: this.now() + TICKET_TTL_MS });
    return ticket;
  }

  /** The ticket's principal, once: a used, unknown or expired ticket gives undefined. */
  redeem(ticket: string | null | undefined): Principal | undefined {
    if (typeof ticket !== 'string') return undefined;
    const entry = this.tickets.get(ticket);
    if (!entry) return undefined;
    this.tickets.delete(ticket);
    return entry.expires > this.now() ? entry.principal : undefined;
  }

  get size(): number {
    return this.tickets.size;
  }

  private forgetExpired(): void {
    const now = this.now();
    // Insertion order is issue order, so expired tickets are at the front.
    for (const [ticket, entry] of this.tickets) {
      if (entry.expires > now) break;
      this.tickets.delete(ticket);
    }
  }
}
