import { describe, expect, it } from 'vitest';
import {
  decodeClientFrame,
  decodeServerFrame,
  encodeClientFrame,
  encodeServerFrame,
  ProtocolError,
  TERMINAL_SIZE,
} from './frames';

describe('terminal frames', () => {
  it('carries output bytes unchanged, including invalid UTF-8 and NUL', () => {
    const data = new Uint8Array([0, 0xe2, 0x82, 0xff, 10, 13]);
    const decoded = decodeServerFrame(encodeServerFrame({ type: 'output', data }));
    expect(decoded).toEqual({ type: 'output', data });
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

  it('clamps absurd terminal sizes instead of passing them to the pty', () => {
    const frame = decodeClientFrame(encodeClientFrame({ type: 'resize', cols: 0, rows: 65535 }));
    expect(frame).toEqual({ type: 'resize', cols: TERMINAL_SIZE.minCols, rows: TERMINAL_SIZE.maxRows });
  });

  it('refuses empty, unknown and truncated frames with a ProtocolError', () => {
    expect(() => decodeClientFrame(new Uint8Array())).toThrow(ProtocolError);
    expect(() => decodeClientFrame(new Uint8Array([0x7f, 1]))).toThrow(/unknown client frame type 0x7f/);
    expect(() => decodeClientFrame(new Uint8Array([0x02, 1, 2]))).toThrow(/resize frame/);
    expect(() => decodeServerFrame(new Uint8Array([0x82, 1]))).toThrow(ProtocolError);
  });
});
