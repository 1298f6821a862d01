// The sync schema both ends check: only well-formed messages with values in range pass, rebuilt from
// their known fields.
import { describe, expect, it } from 'vitest';
import { MAX_TERMINAL_TABS } from './limits';
import { parseSyncMessage } from './sync';

describe('sync messages', () => {
  it('passes every message the views send', () => {
    const messages = [
      { type: 'hello', deck: 'course' },
      { type: 'slide', deck: 'course', slide: 4, to: 'abc', from: 'xyz', seq: 3 },
      { type: 'layout', deck: 'course', layout: 'split' },
      { type: 'terminal-tab', deck: 'course', term: 2 },
      { type: 'details', deck: 'course', slide: 3, index: 0, open: true },
      { type: 'run', deck: 'course', block: 'b1' },
      { type: 'stop', deck: 'course', block: 'b1' },
    ];
    for (const message of messages) expect(parseSyncMessage(message)).toEqual(message);
  });

  it('refuses a terminal tab that does not exist, and slides or indexes out of range', () => {
    expect(parseSyncMessage({ type: 'terminal-tab', deck: 'd', term: 1000 })).toBeUndefined();
    expect(parseSyncMessage({ type: 'terminal-tab', deck: 'd', term: MAX_TERMINAL_TABS + 1 })).toBeUndefined();
    expect(parseSyncMessage({ type: 'terminal-tab', deck: 'd', term: 0 })).toBeUndefined();
    expect(parseSyncMessage({ type: 'terminal-tab', deck: 'd', term: 1.5 })).toBeUndefined();
    expect(parseSyncMessage({ type: 'terminal-tab', deck: 'd', term: '2' })).toBeUndefined();
    expect(parseSyncMessage({ type: 'slide', deck: 'd', slide: 1e9 })).toBeUndefined();
    expect(parseSyncMessage({ type: 'slide', deck: 'd', slide: -1 })).toBeUndefined();
    expect(parseSyncMessage({ type: 'details', deck: 'd', slide: 1, index: 1, open: 'yes' })).toBeUndefined();
    expect(parseSyncMessage({ type: 'layout', deck: 'd', layout: 'fullscreen' })).toBeUndefined();
  });

  it('refuses unknown types, missing fields, and values that are not objects', () => {
    for (const value of [null, 3, 'slide', [], { type: 'shell', deck: 'd' }, { type: 'slide', slide: 2 }, { type: 'hello', deck: '' }, { type: 'hello', deck: 'x'.repeat(300) }, { type: 'toString', deck: 'd' }]) {
      expect(parseSyncMessage(value)).toBeUndefined();
    }
  });

  it('drops fields it does not know instead of passing them on', () => {
    expect(parseSyncMessage({ type: 'hello', deck: 'd', html: '<img src=x onerror=alert(1)>', __proto__: { polluted: true } })).toEqual({ type: 'hello', deck: 'd' });
  });
});
