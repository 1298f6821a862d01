// Sessions outlive their sockets: forced disconnects resume from the page's byte offset with nothing
// lost or doubled, a reloaded page gets the same shell and its screen (then exactly the output after
// it, even while a flood runs), and several pages share one. A shell is named by its pid and host name:
// every Docker sandbox's shell has the same pid in its own container.
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

describe.skipIf(backend.absent !== null)('resuming a session', () => {
  it('survives 100 forced disconnects during a numbered-line stream: every line seen exactly once', async () => {
    const lines = 1_000_000;
    let terminal = await TestTerminal.open(test, { term: 1 });
    await terminal.prompt();
    terminal.type(`seq 1 ${lines}; printf '%s\\n' 'stream''-done'\r`);
    const collected: Buffer[] = [];
    let offset = 0;
    let random = 12345;
    const next = (): number => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let drops = 0;
    for (let drop = 0; drop < 100; drop++) {
      const target = terminal.received + 1 + Math.floor(next() * 8_000);
      await terminal.until(() => terminal.received >= target || terminal.text.includes('stream-done'), `byte ${target}`);
      if (terminal.text.includes('stream-done')) break;
      drops++;
      terminal.terminate();
      collected.push(terminal.bytes);
      offset = terminal.received;
      terminal = await TestTerminal.open(test, { term: 1, offset });
      await terminal.until(() => terminal.attached !== undefined, 'attached');
      expect(terminal.attached?.resumed, `resume ${drop} at offset ${offset}`).toBe(true);
    }
    expect(drops, 'the stream outlasted 100 disconnects').toBe(100);
    await terminal.untilText('stream-done', 60_000);
    collected.push(terminal.bytes);
    const numbers = Buffer.concat(collected)
      .toString('latin1')
      .split(/\r?\n/)
      .map((line) => line.slice(line.lastIndexOf('\r') + 1))
      .filter((line) => /^\d+$/.test(line))
      .map(Number);
    expect(numbers.length).toBe(lines);
    expect(numbers.every((n, i) => n === i + 1)).toBe(true);
    terminal.close();
  }, 120_000);

  it('gives a reloaded page (no offset) the same shell, same $$, with its screen', async () => {
    const first = await TestTerminal.open(test, { term: 2 });
    await first.prompt();
    const pid = await first.run('echo "$$-$HOSTNAME"');
    await first.run('echo screen-marker-$((40+2))');
    first.close();
    await first.closed;
    const reloaded = await TestTerminal.open(test, { term: 2 });
    await reloaded.until(() => reloaded.screen.includes('screen-marker-42'), 'the serialized screen');
    expect(reloaded.attached?.resumed).toBe(false);
    expect(await reloaded.run('echo "$$-$HOSTNAME"')).toBe(pid);
    reloaded.close();
  });

  it('shows one session on several pages at once (presenter view and audience window)', async () => {
    const presenter = await TestTerminal.open(test, { term: 3 });
    await presenter.prompt();
    const audience = await TestTerminal.open(test, { term: 3 });
    presenter.type('echo fan-out-$((7*6))\r');
    await Promise.all([presenter.untilText('fan-out-42'), audience.untilText('fan-out-42')]);
    expect(audience.attached?.session).toBe(presenter.attached?.session);
    presenter.close();
    audience.close();
  });

  it('tells a page whose session no longer exists that it has ended (4004), instead of a new shell', async () => {
    const stale = await TestTerminal.open(test, { term: 4, offset: 1234 });
    expect((await stale.closed).code).toBe(4004);
  });

  it('does not let another browser reach a session by its term number', async () => {
    const mine = await TestTerminal.open(test, { term: 5 });
    await mine.prompt();
    const pid = await mine.run('echo "$$-$HOSTNAME"');
    const stranger = await TestTerminal.open(test.accessOnly, { term: 5 });
    await stranger.prompt();
    expect(await stranger.run('echo "$$-$HOSTNAME"')).not.toBe(pid);
    expect(stranger.attached?.session).not.toBe(mine.attached?.session);
    mine.close();
    stranger.close();
  });

  it('gives a page whose offset left the replay buffer the screen of the same shell', async () => {
    const first = await TestTerminal.open(test, { term: 6 });
    await first.prompt();
    const pid = await first.run('echo "$$-$HOSTNAME"');
    const lines = Math.ceil((2 * Flow.replayBufferBytes) / 7); // numbers up to 7 digits and \r\n: twice the ring
    await first.run(`seq 1 ${lines}; echo gap-marker-$((40+2))`, 60_000);
    first.terminate();
    const back = await TestTerminal.open(test, { term: 6, offset: 100 });
    await back.until(() => back.screen.includes('gap-marker-42'), 'the serialized screen');
    expect(back.attached?.resumed).toBe(false);
    expect(back.screen).toContain(String(lines));
    expect(await back.run('echo "$$-$HOSTNAME"')).toBe(pid);
    back.close();
  }, 90_000);

  it('follows a screen made during a flood with exactly the output after it', async () => {
    const lines = 300_000;
    const flooding = await TestTerminal.open(test, { term: 7 });
    await flooding.prompt();
    flooding.type(`seq 1 ${lines}; printf '%s\\n' 'flood''-done'\r`);
    await flooding.until(() => flooding.received > 256 * 1024, 'the flood under way');
    const joined = await TestTerminal.open(test, { term: 7 });
    await joined.untilText('flood-done', 60_000);
    expect(joined.attached?.resumed).toBe(false);
    // The screen's text (escape sequences dropped) and then the output: one unbroken count to the end.
    const screen = joined.screen.replace(new RegExp(String.raw`\x1b\[[0-9;?]*[A-Za-z]`, 'g'), '');
    const numbers = (screen + joined.text)
      .split(/\r?\n/)
      .filter((line) => /^\d+$/.test(line))
      .map(Number);
    const first = numbers[0]!;
    expect(first).toBeGreaterThan(1);
    expect(numbers.at(-1)).toBe(lines);
    expect(numbers.every((n, i) => n === first + i), 'no line lost or doubled where the screen ends').toBe(true);
    flooding.close();
    joined.close();
  }, 90_000);
});
});
