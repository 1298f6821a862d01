// Starts a real Deckhand server with a real local shell for the session tests, and signs in the way a
// browser does (the printed address's secret exchanged for cookies).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../log';
import { LocalShellSandbox } from '../sandbox/local-shell';
import { startServer, type RunningServer } from '../server';
import type { SessionLimits } from './session-registry';
import type { TestServer } from './terminal-test-client';

export interface StartedTestServer extends TestServer {
  server: RunningServer;
  /** The access cookie only: a client without a client id, whose every socket is its own session. */
  accessOnly: TestServer;
  logLines: string[];
  dir: string;
}

export async function startTestServer(limits: Partial<SessionLimits> = {}, token?: string): Promise<StartedTestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'deckhand-sessions-'));
  writeFileSync(path.join(dir, 'deck.md'), '# One\n');
  const logLines: string[] = [];
  const server = await startServer({
    decks: dir,
    appDir: dir,
    // No rc files: the tests measure the terminal service, not the machine's shell start-up.
    sandbox: new LocalShellSandbox({ cwd: dir, shell: '/bin/bash', args: ['--norc', '--noprofile'] }),
    host: '127.0.0.1',
    port: 0,
    token,
    logger: createLogger((line) => logLines.push(line)),
    sessionLimits: limits,
  });
  const response = await fetch(server.url, { redirect: 'manual' });
  const cookies = response.headers.getSetCookie().map((header) => header.split(';')[0] ?? '');
  const base = `127.0.0.1:${server.port}`;
  const access = cookies.find((cookie) => cookie.startsWith('deckhand_access=')) ?? '';
  return { server, base, cookie: cookies.join('; '), accessOnly: { base, cookie: access }, logLines, dir };
}
