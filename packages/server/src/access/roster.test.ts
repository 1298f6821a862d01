// The class's invites as access sees them: each attendee a principal of their own, names that cannot
// be reused to reach another's sandbox, a limit, and removal that stops a link at once.
import { describe, expect, it } from 'vitest';
import { AccessPolicy, sessionOwner, TRAINER } from './access-policy';
import { cleanName } from './roster';

describe('classroom access', () => {
  it('gives each invite its own credential and principal, never the trainer\'s', () => {
    const policy = new AccessPolicy(undefined, { maxAttendees: 5 });
    const ada = policy.roster?.invite('Ada');
    const bea = policy.roster?.invite('Bea');
    if (typeof ada !== 'object' || typeof bea !== 'object') throw new Error('not invited');
    const asAda = policy.exchange(ada.secret, 'attendee');
    expect(asAda?.principal).toEqual({ role: 'attendee', id: `attendee-${ada.id}` });
    expect(policy.authenticate(asAda?.credential)).toEqual(asAda?.principal);
    expect(policy.authenticate(policy.exchange(bea.secret, 'attendee')?.credential)?.id).toBe(`attendee-${bea.id}`);
    // An invite's secret opens no other door, and the trainer's secret is no invite.
    expect(policy.exchange(ada.secret, 'trainer')).toBeUndefined();
    expect(policy.exchange(ada.secret, 'follower')).toBeUndefined();
    expect(policy.exchange(policy.token, 'attendee')).toBeUndefined();
  });

  it('owns an attendee\'s sessions by attendee, whatever client id the page claims; the trainer\'s by browser', () => {
    const attendee = { role: 'attendee', id: 'attendee-1' } as const;
    expect(sessionOwner(attendee, 'phone-client-id-123')).toBe(sessionOwner(attendee, 'laptop-client-id-456'));
    expect(sessionOwner(attendee, 'x')).not.toBe(sessionOwner(TRAINER, 'x'));
    expect(sessionOwner(TRAINER, 'a')).not.toBe(sessionOwner(TRAINER, 'b'));
  });

  it('refuses a taken name (any case), a full class and a name that is not one', () => {
    const policy = new AccessPolicy(undefined, { maxAttendees: 2 });
    const roster = policy.roster!;
    expect(typeof roster.invite('Ada')).toBe('object');
    expect(roster.invite(' ada ')).toBe('name-taken');
    expect(roster.invite('<script>')).toBe('bad-name');
    expect(roster.invite('')).toBe('bad-name');
    expect(typeof roster.invite('Bea')).toBe('object');
    expect(roster.invite('Cy')).toBe('full');
  });

  it('stops a removed attendee\'s link and credential at once, and tells who listens', () => {
    const policy = new AccessPolicy(undefined, { maxAttendees: 5 });
    const ada = policy.roster!.invite('Ada');
    if (typeof ada !== 'object') throw new Error('not invited');
    const credential = policy.exchange(ada.secret, 'attendee')?.credential;
    const revoked: Array<string | undefined> = [];
    policy.onRevoke((_role, id) => revoked.push(id));
    expect(policy.removeAttendee(ada.id)).toBe(true);
    expect(policy.exchange(ada.secret, 'attendee')).toBeUndefined();
    expect(policy.authenticate(credential)).toBeUndefined();
    expect(revoked).toEqual([`attendee-${ada.id}`]);
  });

  it('admits no attendee and no class link without classroom mode', () => {
    const policy = new AccessPolicy();
    expect(policy.roster).toBeUndefined();
    expect(policy.isClassToken(policy.classToken)).toBe(false);
  });

  it('keeps names to letters, digits, spaces and a little punctuation', () => {
    expect(cleanName('  Zoë   O’Brien ')).toBe('Zoë O’Brien');
    expect(cleanName('a'.repeat(41))).toBeUndefined();
    expect(cleanName('x\u0007')).toBeUndefined();
    expect(cleanName(42)).toBeUndefined();
  });
});
