import { describe, expect, it } from 'vitest';
import {
  decodeClientFrame,
  decodeServerFrame,
  encodeClientFrame,
  encodeOutputFrame,
  encodeServerFrame,
  ProtocolError,
  TERMINAL_SIZE,
} from './frames';

describe('terminal frames', () => {
  it('carries output bytes unchanged, including invalid UTF-8 and NUL', () => {
    const data = new Uint8Array([0, 0xe2, 0x82, 0xff, 10, 13]);
    const decoded = decodeServerFrame(encodeServerFrame({ type: 'output', offset: 2 ** 40 + 7, data }));
    expect(decoded).toEqual({ type: 'output', offset: 2 ** 40 + 7, data });
  });

  it('joins output parts in order into one frame, as the server sends its replay chunks', () => {
    const parts = [new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array([3]), new Uint8Array([4, 5, 6])];
    const decoded = decodeServerFrame(encodeOutputFrame(4096, parts));
    expect(decoded).toEqual({ type: 'output', offset: 4096, data: new Uint8Array([1, 2, 3, 4, 5, 6]) });
  });

  it('round-trips input, resize and exit frames', () => {
    const input = new TextEncoder().encode('echo hé\r');
    expect(decodeClientFrame(encodeClientFrame({ type: 'input', data: input }))).toEqual({ type: 'input', data: input });
    expect(decodeClientFrame(encodeClientFrame({ type: 'resize', cols: 120, rows: 40 }))).toEqual({
      type: 'resize',
      cols: 120,
      rows: 40,
    });
    expect(decodeServerFrame(encodeServerFrame({ type: 'exit', code: -1, signal: 9 }))).toEqual({
      type: 'exit',
      code: -1,
      signal: 9,
    });
  });

  it('round-trips acks, attach info, screens, notices and heartbeats', () => {
    expect(decodeClientFrame(encodeClientFrame({ type: 'ack', offset: 123_456_789_012 }))).toEqual({ type: 'ack', offset: 123_456_789_012 });
    const attached = { type: 'attached', session: 'abc', term: 2, offset: 10, resumed: true } as const;
    expect(decodeServerFrame(encodeServerFrame(attached))).toEqual(attached);
    const screen = { type: 'screen', offset: 99, text: '\x1b[1mhé €\x1b[0m' } as const;
    expect(decodeServerFrame(encodeServerFrame(screen))).toEqual(screen);
    const notice = { type: 'notice', kind: 'ending', reason: 'idle', inMs: 60_000 } as const;
    expect(decodeServerFrame(encodeServerFrame(notice))).toEqual(notice);
    expect(decodeServerFrame(encodeServerFrame({ type: 'heartbeat' }))).toEqual({ type: 'heartbeat' });
  });

  it('refuses offsets that are not safe integers', () => {
    expect(() => encodeClientFrame({ type: 'ack', offset: -1 })).toThrow(ProtocolError);
    expect(() => decodeClientFrame(new Uint8Array([0x03, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow(/2\^53/);
    expect(() => decodeClientFrame(new Uint8Array([0x03, 1, 2]))).toThrow(/ack frame/);
  });

  it('clamps absurd terminal sizes instead of passing them to the pty', () => {
    const frame = decodeClientFrame(encodeClientFrame({ type: 'resize', cols: 0, rows: 65535 }));
    expect(frame).toEqual({ type: 'resize', cols: TERMINAL_SIZE.minCols, rows: TERMINAL_SIZE.maxRows });
  });

  it('refuses empty, unknown and truncated frames with a ProtocolError', () => {
    expect(() => decodeClientFrame(new Uint8Array())).toThrow(ProtocolError);
    expect(() => decodeClientFrame(new Uint8Array([0x7f, 1]))).toThrow(/unknown client frame type 0x7f/);
    expect(() => decodeClientFrame(new Uint8Array([0x02, 1, 2]))).toThrow(/resize frame/);
    expect(() => decodeServerFrame(new Uint8Array([0x82, 1]))).toThrow(ProtocolError);
    expect(() => decodeServerFrame(new Uint8Array([0x83, 0x7b]))).toThrow(/JSON/);
    expect(() => decodeServerFrame(new Uint8Array([0x81, 1]))).toThrow(/offset/);
  });
});
