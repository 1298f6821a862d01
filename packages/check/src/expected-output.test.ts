import { describe, expect, it } from 'vitest';
import { cleanTerminalOutput, compareOutput, outputLines } from './expected-output';

const lines = (text: string): string[] => outputLines(cleanTerminalOutput(text));

describe('expected output', () => {
  it('matches every placeholder the course writers use', () => {
    const expected = [
      '<id>',
      'Digest: <digest>',
      'Created <date>, built in <duration>',
      'Up <duration>',
      '<duration>',
      'busybox latest <id> <ago> <size>',
      'Step <any> done',
      'at <date>',
    ];
    const actual = [
      '3f4e1c2a9b7d2f4e1c2a9b7d3f4e1c2a9b7d2f4e1c2a9b7d3f4e1c2a9b7d2f4e',
      'Digest: sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7',
      'Created 2026-11-25T10:00:00Z, built in 1.2 s',
      'Up About a minute',
      'Up 5 seconds',
      'busybox    latest    a3dc702dbcd5   About a minute ago   1.98MB',
      'Step 3/4 : RUN x done',
      'at Nov 25 10:00:00',
    ];
    expect(compareOutput(expected, actual)).toEqual({ ok: true, diff: [] });
  });

  it('catches a changed line and shows it as a diff', () => {
    const result = compareOutput(['hello', 'world'], ['hello', 'there']);
    expect(result.ok).toBe(false);
    expect(result.diff).toEqual(['  hello', '- world', '+ there']);
  });

  it('does not let a placeholder match something else', () => {
    expect(compareOutput(['<id>'], ['not-an-id']).ok).toBe(false);
    expect(compareOutput(['<size>'], ['big']).ok).toBe(false);
    expect(compareOutput(['<ago>'], ['yesterday']).ok).toBe(false);
  });

  it('lets a ... line stand for any number of lines, none included', () => {
    expect(compareOutput(['first', '...', 'last'], ['first', 'a', 'b', 'last']).ok).toBe(true);
    expect(compareOutput(['first', '...', 'last'], ['first', 'last']).ok).toBe(true);
    expect(compareOutput(['first', '...', 'last'], ['first', 'a']).ok).toBe(false);
  });

  it('collapses runs of spaces, so re-aligned table columns still match', () => {
    expect(compareOutput(['NAME   STATUS', 'web   Up <duration>'], ['NAME      STATUS', 'web       Up 3 seconds']).ok).toBe(true);
  });

  it('compares in order for expect=contains and not at all for expect=none', () => {
    expect(compareOutput(['b', 'd'], ['a', 'b', 'c', 'd'], 'contains').ok).toBe(true);
    expect(compareOutput(['d', 'b'], ['a', 'b', 'c', 'd'], 'contains').ok).toBe(false);
    expect(compareOutput(['anything'], ['else'], 'none').ok).toBe(true);
  });

  it('reads terminal output as a person sees it: no colours, no CRLF, \\r overwrites', () => {
    expect(lines('\u001b[32mgreen\u001b[0m\r\n10%\r50%\r100%\r\n\u001b]0;title\u0007done  \r\n')).toEqual(['green', '100%', 'done']);
  });
});
