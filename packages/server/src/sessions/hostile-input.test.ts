// A terminal socket is an attack surface: fuzzed frames, absurd resizes and oversize messages close
// that socket with a proper code and never crash the server or disturb other sessions. Limits and
// timeouts end sessions with a message the page can show.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, FrameType, MAX_CLIENT_FRAME_BYTES } from '@deckhand/protocol';
import { startTestServer, type StartedTestServer } from './test-server';
import { TestTerminal } from './terminal-test-client';

let test: StartedTestServer;

beforeAll(async () => {
  test = await startTestServer({ graceMs: 0, maxSessions: 64 });
});

afterAll(async () => {
  await test.server.close();
});

const ACCEPTED_CLOSE_CODES = [CloseCode.ProtocolError, CloseCode.UnsupportedData, CloseCode.TooBig];

describe('hostile input', () => {
  it('survives fuzzed frames and resizes: bad sockets close cleanly, another session keeps working', async () => {
    const bystander = await TestTerminal.open(test.accessOnly);
    await bystander.run('echo ready');
    let victim = await TestTerminal.open(test.accessOnly);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 0, maxLength: 64 }),
          fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 })).map(([cols, rows]) => {
            const bytes = new Uint8Array(5);
            bytes[0] = FrameType.Resize;
            new DataView(bytes.buffer).setUint16(1, cols);
            new DataView(bytes.buffer).setUint16(3, rows);
            return bytes;
          }),
        ),
        async (frame) => {
          // Random keystrokes into a real shell could run anything: fuzz every frame type but input.
          if (frame[0] === FrameType.Input) frame[0] = 0x7e;
          if (victim.socket.readyState !== victim.socket.OPEN) victim = await TestTerminal.open(test.accessOnly);
          victim.socket.send(frame);
          const closed = await Promise.race([victim.closed, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 20))]);
          if (closed) expect(ACCEPTED_CLOSE_CODES).toContain(closed.code);
        },
      ),
      { numRuns: 300, seed: 4 },
    );
    victim.socket.send('a text frame');
    expect(ACCEPTED_CLOSE_CODES).toContain((await victim.closed).code);
    expect(await bystander.run('echo still-$((20+22))')).toBe('still-42');
    bystander.close();
  }, 60_000);

  it('closes a socket that sends more than the largest allowed frame (1009), and only that one', async () => {
    const bystander = await TestTerminal.open(test.accessOnly);
    const big = await TestTerminal.open(test.accessOnly);
    big.socket.send(new Uint8Array(MAX_CLIENT_FRAME_BYTES + 10));
    expect((await big.closed).code).toBe(CloseCode.TooBig);
    expect(await bystander.run('echo alive')).toBe('alive');
    bystander.close();
  });

  it('refuses a session beyond the per-browser limit with a message saying what to do', async () => {
    const limited = await startTestServer({ maxSessionsPerClient: 2 });
    const first = await TestTerminal.open(limited, { term: 1 });
    const second = await TestTerminal.open(limited, { term: 2 });
    const third = await TestTerminal.open(limited, { term: 3 });
    const refused = await third.closed;
    expect(refused.code).toBe(CloseCode.SessionLimit);
    expect(refused.reason).toMatch(/already has 2 terminals.*close one/);
    first.close();
    second.close();
    await limited.server.close();
  });

  it('cannot be locked out by a client that opens sockets without a client id: those sessions end with their socket', async () => {
    const server = await startTestServer({ maxSessions: 64 }); // the default 60 s grace period
    for (let round = 0; round < 10; round++) {
      const quick = await Promise.all(Array.from({ length: 50 }, () => TestTerminal.open(server.accessOnly)));
      for (const terminal of quick) terminal.close();
      await Promise.all(quick.map((terminal) => terminal.closed));
    }
    // Each session ends as its socket closes (shells take a moment to stop): well within the 60 s
    // grace period that used to hold all of them, and the server's limit of 64, against everyone.
    let answer = '';
    for (const started = Date.now(); answer !== 'still-room' && Date.now() - started < 5_000; ) {
      const browser = await TestTerminal.open(server);
      answer = await browser.run('echo still-room').catch(() => '');
      browser.close();
    }
    expect(answer).toBe('still-room');
    await server.server.close();
  }, 60_000);

  it('warns the page before an idle timeout, then ends the session with its own close code', async () => {
    const idle = await startTestServer({ idleTimeoutMs: 1500 });
    const terminal = await TestTerminal.open(idle);
    await terminal.until(() => terminal.frames.some((frame) => frame.type === 'notice'), 'the ending notice');
    expect(terminal.frames.find((frame) => frame.type === 'notice')).toMatchObject({ kind: 'ending', reason: 'idle' });
    expect((await terminal.closed).code).toBe(CloseCode.IdleTimeout);
    expect(idle.logLines.some((line) => /session end .*reason="idle timeout".*bytesIn=0/.test(line))).toBe(true);
    await idle.server.close();
  });
});

describe('dead peers', () => {
  it('drops a page that stops answering heartbeats, and the session follows its grace period', async () => {
    const server = await startTestServer({ heartbeatMs: 200, graceMs: 0 });
    const terminal = await TestTerminal.open(server.accessOnly);
    await terminal.run('echo alive');
    // The page's machine vanishes: its socket stays open but nothing it receives is read or answered.
    (terminal.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const started = Date.now();
    while (!server.logLines.some((line) => line.includes('session end'))) {
      if (Date.now() - started > 5000) throw new Error('the dead page was not noticed within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(Date.now() - started).toBeLessThan(3 * 200 + 500);
    terminal.terminate();
    await server.server.close();
  });
});
