// WebSocket tickets: one socket each, for a short while, for the principal they were issued to.
import { describe, expect, it } from 'vitest';
import { TRAINER } from './access-policy';
import { MAX_OUTSTANDING_TICKETS, TICKET_TTL_MS, TicketBook } from './tickets';

describe('tickets', () => {
  it('opens once: a second use of the same ticket is refused', () => {
    const book = new TicketBook();
    const ticket = book.issue(TRAINER);
    expect(book.redeem(ticket)).toBe(TRAINER);
    expect(book.redeem(ticket)).toBeUndefined();
  });

  it('expires, and refuses what it never issued', () => {
    let now = 1_000;
    const book = new TicketBook(() => now);
    const ticket = book.issue(TRAINER);
    now += TICKET_TTL_MS;
    expect(book.redeem(ticket)).toBeUndefined();
    expect(book.redeem('made-up')).toBeUndefined();
    expect(book.redeem(undefined)).toBeUndefined();
  });

  it('keeps a bounded number outstanding, forgetting the oldest', () => {
    const book = new TicketBook();
    const first = book.issue(TRAINER);
    for (let i = 0; i < MAX_OUTSTANDING_TICKETS + 10; i++) book.issue(TRAINER);
    expect(book.size).toBe(MAX_OUTSTANDING_TICKETS);
    expect(book.redeem(first)).toBeUndefined();
  });
});
