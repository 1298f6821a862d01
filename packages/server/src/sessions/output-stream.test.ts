// Output from a real shell through the real server: byte-exact at 50 MB, flow-controlled by acks,
// and complete before the exit notice; and input the other way, whole and in order when it is more
// than the pty holds at once.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Flow } from '@deckhand/protocol';
import { startTestServer, TEST_BACKENDS, type StartedTestServer } from './test-server';
import { TestTerminal } from './terminal-test-client';

describe.each(TEST_BACKENDS)('$name', (backend) => {
if (backend.absent) console.warn(`skipping the ${backend.name}: ${backend.absent}`);
let test: StartedTestServer;

beforeAll(async () => {
  if (!backend.absent) test = await startTestServer({}, undefined, backend);
});

afterAll(async () => {
  await test?.server.close();
});

describe.skipIf(backend.absent !== null)('output stream', () => {
  it('delivers 50 MB of output byte-exact (hash compared)', async () => {
    const file = path.join(test.dir, 'fifty-megabytes.txt');
    const content = randomBytes(37_500_000).toString('base64'); // 50,000,000 bytes of text
    writeFileSync(file, content);
    const expected = createHash('sha256').update(content).digest('hex');
    const terminal = await TestTerminal.open(test);
    await terminal.prompt();
    // Raw mode: the pty passes the bytes through untouched (no \n → \r\n).
    terminal.type(`stty raw -echo; printf '%s' '<<BE''GIN>>'; cat ${file}; printf '%s' '<<E''ND>>'; stty sane\r`);
    await terminal.untilText('<<END>>', 120_000);
    const text = terminal.text;
    const body = text.slice(text.indexOf('<<BEGIN>>') + '<<BEGIN>>'.length, text.indexOf('<<END>>'));
    expect(body.length).toBe(50_000_000);
    expect(createHash('sha256').update(body, 'latin1').digest('hex')).toBe(expected);
    terminal.close();
  }, 180_000);

  it('stops reading the pty when the page stops acking, and goes on when it acks again', async () => {
    const terminal = await TestTerminal.open(test, { term: 2, ack: false });
    await terminal.prompt();
    terminal.type('yes deckhand-flow\r');
    await terminal.until(() => terminal.received - terminal.acked >= Flow.highWatermarkBytes - Flow.maxOutputFrameBytes, 'a full window');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stalled = terminal.received - terminal.acked;
    expect(stalled).toBeLessThanOrEqual(Flow.highWatermarkBytes);
    terminal.sendAck();
    const before = terminal.received;
    await terminal.until(() => terminal.received > before + Flow.lowWatermarkBytes, 'more output after the ack');
    terminal.type('\x03');
    terminal.close();
  });

  it('sends everything printed before the exit notice, and the exit code', async () => {
    const terminal = await TestTerminal.open(test, { term: 3 });
    await terminal.prompt();
    terminal.type(`head -c 3000000 /dev/zero | tr '\\0' 'x'; printf '%s\\n' 'last''-line'; exit 3\r`);
    const closed = await terminal.closed;
    expect(closed.code).toBe(4000);
    expect(terminal.exit).toEqual({ code: 3, signal: 0 });
    expect(terminal.text.split('x').length - 1, terminal.text.slice(-200)).toBeGreaterThanOrEqual(3_000_000);
    expect(terminal.text).toContain('last-line');
    expect(terminal.text.split('x').length - 1).toBeGreaterThanOrEqual(3_000_000);
    const exitIndex = terminal.frames.findIndex((frame) => frame.type === 'exit');
    expect(exitIndex).toBe(terminal.frames.length - 1);
  }, 60_000);

  it('takes a paste larger than the pty holds at once whole and in order', async () => {
    const terminal = await TestTerminal.open(test, { term: 5 });
    await terminal.prompt();
    const paste = randomBytes(300_000).toString('base64'); // 400,000 bytes, no line break
    const expected = createHash('sha256').update(paste).digest('hex');
    // Raw mode, no echo: the pty hands the bytes to the reader untouched, with no line-length limit.
    terminal.type(`stty raw -echo; printf '%s\\n' 'READY''-FOR-PASTE'; head -c ${paste.length} | sha256sum; stty sane\r`);
    await terminal.untilText('READY-FOR-PASTE');
    // Sent at once in 64 KiB frames: far more than the pty's buffer, so most of it must wait its turn.
    for (let at = 0; at < paste.length; at += 64 * 1024) terminal.type(paste.slice(at, at + 64 * 1024));
    await terminal.untilText(expected, 60_000);
    terminal.close();
  }, 90_000);

  it('passes UTF-8 split across writes through intact', async () => {
    const terminal = await TestTerminal.open(test, { term: 4 });
    await terminal.prompt();
    const printed = await terminal.run(`printf '\\342\\202'; sleep 0.3; printf '\\254\\n'`);
    expect(Buffer.from(printed, 'latin1').toString('utf8')).toBe('€');
    terminal.close();
  });
});
});
