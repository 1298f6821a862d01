// What a session leaves behind when it ends: nothing. No process (background jobs and setsid children
// included), no pty descriptor, no timer, after 1,000 open/close cycles. And what a shell starts with:
// only its own descriptors, and an environment without the server's secrets.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type StartedTestServer } from './test-server';
import { TestTerminal } from './terminal-test-client';

const SECRET = 'server-only-secret-7f3a9c';
let test: StartedTestServer;

beforeAll(async () => {
  process.env.DECKHAND_TEST_CLOUD_TOKEN = SECRET;
  test = await startTestServer({ graceMs: 0, maxSessions: 64 });
});

afterAll(async () => {
  delete process.env.DECKHAND_TEST_CLOUD_TOKEN;
  await test.server.close();
});

/** Processes whose command line contains `needle`. */
function processesRunning(needle: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'latin1').replaceAll('\0', ' ').includes(needle)) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** This process's children (the shells it spawned), excluding zombies. */
function childProcesses(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const fields = readFileSync(`/proc/${name}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
        return fields[0] !== 'Z' && Number(fields[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const openDescriptors = (): number => readdirSync('/proc/self/fd').length;
const activeTimers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the end of a session', () => {
  it('kills background jobs and setsid children along with the shell', async () => {
    const terminal = await TestTerminal.open(test.accessOnly);
    await terminal.run('sleep 4242.1 & setsid sleep 4242.2 & (setsid sh -c "sleep 4242.3 &") ; sleep 0.2');
    expect(processesRunning('sleep 4242.').length).toBe(3);
    terminal.close();
    await eventually(() => processesRunning('sleep 4242.').length === 0, 'every sleep 4242.x is gone');
  });

  it('leaves no process, descriptor or timer after 1,000 open/close cycles', async () => {
    // Warm up once so lazily opened descriptors (DNS, crypto) are not counted as leaks.
    const warm = await TestTerminal.open(test.accessOnly);
    await warm.until(() => warm.attached !== undefined, 'attached');
    warm.close();
    await eventually(() => childProcesses().length === 0, 'the warm-up shell is gone');
    const descriptors = openDescriptors();
    const timers = activeTimers();
    for (let cycle = 0; cycle < 1000; cycle++) {
      const terminal = await TestTerminal.open(test.accessOnly);
      await terminal.until(() => terminal.attached !== undefined, 'attached');
      terminal.close();
      await terminal.closed;
    }
    await eventually(() => childProcesses().length === 0, `no shell left (still: ${childProcesses().join(', ')})`, 20_000);
    await eventually(() => openDescriptors() <= descriptors, `descriptors back to ${descriptors} (now ${openDescriptors()})`);
    await eventually(() => activeTimers() <= timers, `timers back to ${timers} (now ${activeTimers()})`);
  }, 240_000);
});

describe('what a shell starts with', () => {
  it('holds only its own descriptors (none of the server’s sockets or other ptys)', async () => {
    const other = await TestTerminal.open(test.accessOnly);
    await other.until(() => other.attached !== undefined, 'attached');
    const terminal = await TestTerminal.open(test.accessOnly);
    const ls = (await terminal.run('ls /proc/self/fd | tr "\\n" " "')).split(/\s+/).filter(Boolean);
    expect(ls.every((fd) => ['0', '1', '2', '3'].includes(fd)), `ls sees ${ls.join(' ')}`).toBe(true);
    const shell = (await terminal.run('ls /proc/$$/fd | tr "\\n" " "')).split(/\s+/).filter(Boolean);
    expect(shell.every((fd) => ['0', '1', '2', '255'].includes(fd)), `the shell holds ${shell.join(' ')}`).toBe(true);
    other.close();
    terminal.close();
  });

  it('gets an allowlisted environment: no server secret, no access token', async () => {
    const terminal = await TestTerminal.open(test.accessOnly);
    const env = await terminal.run('env');
    expect(env).toContain('TERM=xterm-256color');
    expect(env).not.toContain(SECRET);
    expect(env).not.toContain('DECKHAND_TEST_CLOUD_TOKEN');
    const token = new URL(test.server.url).searchParams.get('token') ?? '';
    expect(env).not.toContain(token);
    expect(env).not.toContain(test.credential);
    terminal.close();
    // The audit log has the session's start and end, never what was typed.
    await eventually(() => test.logLines.some((line) => line.includes(`session end session="${terminal.attached?.session}"`)), 'the session end line');
    const log = test.logLines.join('\n');
    expect(log).toMatch(/session start session="[\w-]+" term=1 pid=\d+/);
    expect(log).toMatch(/session end session="[\w-]+" reason="[^"]+" bytesIn=\d+ bytesOut=\d+/);
    expect(log).not.toContain('printf');
  });
});
