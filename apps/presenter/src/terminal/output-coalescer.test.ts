import { describe, expect, it } from 'vitest';
import { decodeServerFrame, encodeServerFrame, type ServerFrame } from '@deckhand/protocol';
import { Coalescing, OutputCoalescer } from './output-coalescer';

/** A coalescer on a clock the test moves by hand. */
function setUp() {
  let now = 1000;
  const timers: { at: number; callback: () => void }[] = [];
  const passed: ServerFrame[] = [];
  const coalescer = new OutputCoalescer((frame) => passed.push(decodeServerFrame(frame)), {
    now: () => now,
    after: (ms, callback) => {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
  });
  const advance = (ms: number): void => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.callback();
    }
  };
  return { coalescer, passed, advance, timers };
}

const output = (offset: number, text: string): Uint8Array => encodeServerFrame({ type: 'output', offset, data: new TextEncoder().encode(text) });
const text = (frame: ServerFrame | undefined): string => (frame?.type === 'output' ? new TextDecoder().decode(frame.data) : `(${frame?.type})`);

describe('OutputCoalescer', () => {
  it('passes the first output after a quiet spell on at once: a keystroke echo is not held', () => {
    const { coalescer, passed, advance } = setUp();
    coalescer.receive(output(0, 'l'));
    expect(passed.map(text)).toEqual(['l']);
    advance(200);
    coalescer.receive(output(1, 's'));
    expect(passed.map(text)).toEqual(['l', 's']);
  });

  it('gathers a flood into one frame per display frame, starting at the first offset, bytes in order', () => {
    const { coalescer, passed, advance } = setUp();
    coalescer.receive(output(0, 'first '));
    for (let i = 0; i < 5; i++) {
      advance(2);
      coalescer.receive(output(6 + i * 2, `${i} `));
    }
    expect(passed).toHaveLength(1);
    advance(Coalescing.intervalMs);
    expect(passed).toHaveLength(2);
    expect(passed[1]).toMatchObject({ type: 'output', offset: 6 });
    expect(text(passed[1])).toBe('0 1 2 3 4 ');
  });

  it('passes gathered output on before any other frame, so the exit notice never overtakes output', () => {
    const { coalescer, passed } = setUp();
    coalescer.receive(output(0, 'a'));
    coalescer.receive(output(1, 'b'));
    coalescer.receive(encodeServerFrame({ type: 'exit', code: 3, signal: 0 }));
    expect(passed.map(text)).toEqual(['a', 'b', '(exit)']);
  });

  it('passes a large backlog on without waiting for the timer', () => {
    const { coalescer, passed, timers } = setUp();
    coalescer.receive(output(0, 'x'));
    const chunk = 'y'.repeat(64 * 1024);
    let offset = 1;
    while (passed.length < 2) {
      coalescer.receive(output(offset, chunk));
      offset += chunk.length;
    }
    expect(passed[1]).toMatchObject({ offset: 1 });
    expect((passed[1] as { data: Uint8Array }).data.length).toBeGreaterThanOrEqual(Coalescing.maxBytes);
    expect(timers).toHaveLength(0);
  });

  it('never joins output that is not contiguous (a new stream after a screen)', () => {
    const { coalescer, passed, advance } = setUp();
    coalescer.receive(output(0, 'a'));
    coalescer.receive(output(1, 'b'));
    coalescer.receive(output(500, 'c'));
    advance(Coalescing.intervalMs);
    expect(passed.map((frame) => (frame.type === 'output' ? [frame.offset, text(frame)] : frame.type))).toEqual([
      [0, 'a'],
      [1, 'b'],
      [500, 'c'],
    ]);
  });

  it('passes malformed frames through untouched, for the page to refuse', () => {
    const passed: Uint8Array[] = [];
    const coalescer = new OutputCoalescer((frame) => passed.push(frame), { now: () => 0, after: () => () => undefined });
    const garbage = new Uint8Array([0x81, 1, 2]);
    coalescer.receive(garbage);
    coalescer.receive(new Uint8Array(0));
    expect(passed).toEqual([garbage, new Uint8Array(0)]);
  });
});
