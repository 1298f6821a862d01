import { describe, expect, it } from 'vitest';
import { OutputRing } from './output-ring';

const text = (parts: Buffer[]): string => Buffer.concat(parts).toString();

describe('OutputRing', () => {
  it('gives the bytes after any kept offset, across chunks, up to a limit', () => {
    const ring = new OutputRing(1024);
    for (const chunk of ['abc', 'de', 'f', 'ghij']) ring.append(Buffer.from(chunk));
    expect(ring.end).toBe(10);
    for (let from = 0; from <= 10; from++) expect(text(ring.slices(from, 100))).toBe('abcdefghij'.slice(from));
    expect(text(ring.slices(1, 4))).toBe('bcde');
    expect(text(ring.slices(3, 3))).toBe('def');
    expect(ring.slices(10, 100)).toEqual([]);
  });

  it('drops the oldest chunks beyond its capacity, but not what the screen copy has not parsed', () => {
    const ring = new OutputRing(4);
    ring.keepAfter(0);
    for (const chunk of ['ab', 'cd', 'ef', 'gh']) ring.append(Buffer.from(chunk));
    expect(ring.start).toBe(0); // nothing parsed yet: all kept
    ring.keepAfter(6);
    ring.append(Buffer.from('i'));
    expect(ring.start).toBe(4); // 'ab' and 'cd' dropped; 'ef' stays, or fewer than 4 bytes would be kept
    expect(ring.holds(3)).toBe(false);
    expect(() => ring.slices(3, 10)).toThrow(RangeError);
    expect(text(ring.slices(4, 10))).toBe('efghi');
  });

  it('after many thousands of keystrokes it still holds exactly its last bytes', () => {
    const ring = new OutputRing(100);
    let all = '';
    for (let i = 0; i < 20_000; i++) {
      const chunk = String.fromCharCode(97 + (i % 26));
      all += chunk;
      ring.append(Buffer.from(chunk));
      ring.keepAfter(ring.end);
    }
    expect(ring.end).toBe(20_000);
    expect(ring.end - ring.start).toBe(100);
    expect(text(ring.slices(ring.start, 1000))).toBe(all.slice(-100));
    expect(text(ring.slices(19_990, 5))).toBe(all.slice(19_990, 19_995));
  });
});
