import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Flow } from '@deckhand/protocol';
import { startTestServer, type StartedTestServer } from './test-server';
import { TestTerminal } from './terminal-test-client';
import { OutputPace, TypingPriority } from './typing-priority';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('TypingPriority', () => {
  it('tells a session that another one typed lately, never about its own keystrokes', () => {
    let now = 0;
    const typing = new TypingPriority(() => now);
    expect(typing.othersTyping('flood')).toBe(false);
    typing.typed('flood');
    expect(typing.othersTyping('flood'), 'its own typing').toBe(false);
    typing.typed('typist');
    expect(typing.othersTyping('flood')).toBe(true);
    expect(typing.othersTyping('typist'), 'the flood typed too, before').toBe(true);
    now += Flow.typingPriorityMs;
    expect(typing.othersTyping('flood'), 'the typing stopped').toBe(false);
  });
});

describe('OutputPace', () => {
  it('lets a burst through, then asks for the time the pace needs; without typing elsewhere, no pace', () => {
    let now = 0;
    const pace = new OutputPace(() => now);
    expect(pace.spend(Flow.pacedBurstBytes, true), 'the burst').toBe(0);
    expect(pace.spend(Flow.pacedBytesPerSecond / 10, true)).toBeCloseTo(100);
    now += 100;
    expect(pace.spend(Flow.pacedBytesPerSecond / 10, true), 'a tenth of a second later, as much again').toBeCloseTo(100);
    expect(pace.spend(50 * 1024 * 1024, false), 'nobody typing').toBe(0);
    expect(pace.spend(Flow.pacedBurstBytes, true), 'the burst is back').toBe(0);
  });
});

describe('a flood beside typing (real shells)', () => {
  let test: StartedTestServer;
  beforeAll(async () => {
    test = await startTestServer();
  });
  afterAll(async () => {
    await test.server.close();
  });

  it('paces a terminal that floods while another one is typed in, and lets it go at full speed after', async () => {
    const typist = await TestTerminal.open(test, { term: 1 });
    const flood = await TestTerminal.open(test, { term: 2 });
    await typist.prompt();
    await flood.prompt();
    flood.type('yes deckhand-flood\r');
    await flood.untilText('deckhand-flood\r\ndeckhand-flood\r\n');
    const rate = async (ms: number): Promise<number> => {
      const from = flood.received;
      await sleep(ms);
      return ((flood.received - from) * 1000) / ms;
    };

    const keys = (async () => {
      for (let i = 0; i < 20; i++) {
        typist.type(i % 2 ? 'k' : 'j');
        await sleep(100);
      }
    })();
    await sleep(300); // what was in flight when the typing began
    const whileTyping = await rate(1500);
    await keys;
    await typist.untilText('jkjkjkjkjkjkjkjkjkjk');
    await sleep(Flow.typingPriorityMs + 200);
    const after = await rate(1000);
    flood.type('\x03');
    await flood.untilText(/\^C\r\n.*[$#] $/s);
    typist.close();
    flood.close();

    expect(whileTyping, `bytes/s while typing (after: ${after.toFixed(0)})`).toBeLessThan(Flow.pacedBytesPerSecond * 1.5);
    expect(after, `bytes/s after the typing (while: ${whileTyping.toFixed(0)})`).toBeGreaterThan(Flow.pacedBytesPerSecond * 3);
  }, 30_000);
});
