import { describe, expect, it } from 'vitest';
import { formatSpan, paceOf, parseDuration } from './timing';

describe('parseDuration', () => {
  it('reads the forms a deck author writes', () => {
    expect(parseDuration('45m')).toBe(45 * 60_000);
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration('1h 30min')).toBe(90 * 60_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30')).toBe(30 * 60_000);
    expect(parseDuration(20)).toBe(20 * 60_000);
  });

  it('gives null for anything else', () => {
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('')).toBeNull();
    expect(parseDuration(undefined)).toBeNull();
  });
});

describe('formatSpan', () => {
  it('shows minutes and seconds, and hours when there are some', () => {
    expect(formatSpan(5_000)).toBe('0:05');
    expect(formatSpan(754_000)).toBe('12:34');
    expect(formatSpan(3_723_000)).toBe('1:02:03');
    expect(formatSpan(-65_000)).toBe('−1:05');
  });
});

describe('paceOf', () => {
  const hour = 3_600_000;
  it('is on time when the slide matches the clock', () => {
    expect(paceOf(30 * 60_000, hour, 31, 60)).toEqual({ state: 'on-time' });
  });
  it('says how far ahead or behind, in minutes', () => {
    expect(paceOf(30 * 60_000, hour, 41, 60)).toEqual({ state: 'ahead', minutes: 10 });
    expect(paceOf(30 * 60_000, hour, 21, 60)).toEqual({ state: 'behind', minutes: 10 });
  });
});
