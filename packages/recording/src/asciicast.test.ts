import { describe, expect, it } from 'vitest';
import { capIdle, parseCast, writeCastV2, writeCastV3, type Recording } from './asciicast';
import { redact, secretsIn, REDACTED } from './redact';
import { RecordingBuilder } from './recording-builder';

const sample: Recording = {
  cols: 80,
  rows: 24,
  idleTimeLimit: 2,
  title: 'echo hi',
  stamp: { deck: 'a.md', block: 's1-b1', fingerprint: 'f00', by: 'record' },
  events: [
    { time: 0.1, code: 'o', data: '$ echo hi\r\n' },
    { time: 0.35, code: 'o', data: 'hi\r\n' },
    { time: 0.4, code: 'x', data: '0' },
  ],
};

describe('asciicast', () => {
  it('writes v3 with intervals and reads it back with absolute times', () => {
    const text = writeCastV3(sample);
    const lines = text.trimEnd().split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ version: 3, term: { cols: 80, rows: 24 }, idle_time_limit: 2, deckhand: sample.stamp });
    expect(JSON.parse(lines[2] as string)).toEqual([0.25, 'o', 'hi\r\n']);
    const { recording, problems } = parseCast(text);
    expect(problems).toEqual([]);
    expect(recording).toEqual(sample);
  });

  it('writes v2 with absolute times (no exit event) and reads it back', () => {
    const text = writeCastV2(sample);
    expect(JSON.parse(text.split('\n')[0] as string)).toMatchObject({ version: 2, width: 80, height: 24 });
    const { recording } = parseCast(text);
    expect(recording?.events.map((event) => [event.time, event.data])).toEqual([
      [0.1, '$ echo hi\r\n'],
      [0.35, 'hi\r\n'],
    ]);
  });

  it('reads a v3 file with comments and a v2 file as asciinema 2 writes it', () => {
    const v3 = '{"version": 3, "term": {"cols": 100, "rows": 30}}\n# a comment\n[0.5, "o", "a"]\n[1.0, "m", "chapter"]\n[0.25, "o", "b"]\n';
    expect(parseCast(v3).recording?.events.map((event) => event.time)).toEqual([0.5, 1.5, 1.75]);
    const v2 = '{"version": 2, "width": 90, "height": 20, "timestamp": 1700000000, "env": {"SHELL": "/bin/bash", "TERM": "xterm"}}\n[0.01, "o", "x"]\n[0.5, "o", "y"]\n';
    const parsed = parseCast(v2);
    expect(parsed.recording).toMatchObject({ cols: 90, rows: 20, timestamp: 1700000000 });
    expect(parsed.recording?.events.map((event) => event.time)).toEqual([0.01, 0.5]);
  });

  it('reports a non-JSON file on line 1 and keeps nothing', () => {
    expect(parseCast('hello, I am not a recording\n')).toEqual({ recording: null, problems: [{ line: 1, message: expect.stringMatching(/first line is not a JSON header/) }] });
    expect(parseCast('{"version": 1, "stdout": []}').problems[0]?.message).toMatch(/v1/);
    expect(parseCast('{"version": 3}\n').problems[0]?.message).toMatch(/terminal size/);
  });

  it('keeps the events before a truncated last line, and names that line', () => {
    const text = writeCastV3(sample);
    const cut = text.slice(0, text.lastIndexOf('[') + 6);
    const { recording, problems } = parseCast(cut);
    expect(recording?.events).toHaveLength(2);
    expect(problems).toEqual([{ line: 4, message: expect.stringMatching(/ends in the middle of an event/) }]);
  });

  it('reports bad event lines with their line numbers', () => {
    const { recording, problems } = parseCast('{"version": 2, "width": 10, "height": 5}\n[0.1, "o", "ok"]\n[0.2, "z", "?"]\n{"not": "an event"}\n');
    expect(recording?.events).toHaveLength(1);
    expect(problems.map((problem) => problem.line)).toEqual([3, 4]);
  });

  it('caps long pauses to the idle time limit', () => {
    const capped = capIdle(
      [
        { time: 1, code: 'o', data: 'a' },
        { time: 11, code: 'o', data: 'b' },
        { time: 11.5, code: 'o', data: 'c' },
      ],
      2,
    );
    expect(capped.map((event) => event.time)).toEqual([1, 3, 3.5]);
  });
});

describe('redaction', () => {
  const secret = 'tok_4f9a8b7c6d5e';

  it('replaces a secret, also when it arrives split over two events', () => {
    const events = redact(
      [
        { time: 0, code: 'o', data: 'token=tok_4f9a' },
        { time: 0.1, code: 'o', data: '8b7c6d5e\r\n' },
        { time: 0.2, code: 'o', data: `again ${secret}` },
      ],
      [secret],
    );
    const text = events.map((event) => event.data).join('');
    expect(text).toBe(`token=${REDACTED}\r\nagain ${REDACTED}`);
    expect(text).not.toContain('4f9a');
  });

  it('takes the values of secret-looking environment variables, not ordinary ones', () => {
    expect(secretsIn({ GITHUB_TOKEN: 'ghp_abcdefghijkl', PATH: '/usr/bin:/bin', AWS_SECRET_ACCESS_KEY: 'abcdefgh12345678', SHORT_TOKEN: 'x' })).toEqual([
      'ghp_abcdefghijkl',
      'abcdefgh12345678',
    ]);
  });
});

describe('RecordingBuilder', () => {
  it('stamps output with the time since the start and stops past the size limit', () => {
    let now = 1_000_000;
    const builder = new RecordingBuilder({ cols: 80, rows: 24 }, 10, () => now);
    builder.output('12345');
    now += 500;
    builder.output('678');
    expect(builder.problem()).toBeNull();
    builder.output('abcdef');
    expect(builder.tooLarge).toBe(true);
    expect(builder.problem()).toMatch(/over the 1 kB limit/);
    const recording = builder.finish({ secrets: [] });
    expect(recording.events.map((event) => [event.time, event.data])).toEqual([
      [0, '12345'],
      [0.5, '678'],
    ]);
  });
});
