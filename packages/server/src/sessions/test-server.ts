// Starts a real Deckhand server with a real local shell for the session tests, and signs in as a
// script does (the printed address's secret exchanged for the credential, POST /api/access).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exchangeSecret } from '../access/access-client';
import { createLogger } from '../log';
import { LocalShellSandbox } from '../sandbox/local-shell';
import { startServer, type RunningServer } from '../server';
import type { SessionLimits } from './session-registry';
import type { TestServer } from './terminal-test-client';

export interface StartedTestServer extends TestServer {
  server: RunningServer;
  /** The credential only: a client without a client id, whose every socket is its own session. */
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
  const base = `127.0.0.1:${server.port}`;
  const credential = await exchangeSecret(server.url);
  const client = randomBytes(18).toString('base64url');
  return { server, base, credential, client, accessOnly: { base, credential }, logLines, dir };
}
