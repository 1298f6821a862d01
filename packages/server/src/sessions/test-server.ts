// Starts a real Deckhand server with a real local shell for the session tests, and signs in as a
// script does (the printed address's secret exchanged for the credential, POST /api/access).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exchangeSecret } from '../access/access-client';
import { createLogger } from '../log';
import { engineAbsence } from '@deckhand/docker';
import { DEFAULT_DOCKER_SANDBOX, DockerSandbox } from '../sandbox/docker-sandbox';
import { LocalShellSandbox } from '../sandbox/local-shell';
import type { Sandbox } from '../sandbox/sandbox';
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

/** Where a test server's shells run: the same terminal tests run against each backend. */
export interface TestBackend {
  name: string;
  /** Why this backend cannot run here, or null. */
  absent: string | null;
  /** A sandbox whose shells start in (or see, read-only) the folder `dir`. */
  sandbox(dir: string): Promise<Sandbox>;
}

export const LOCAL_BACKEND: TestBackend = {
  name: 'local shell',
  absent: null,
  // No rc files: the tests measure the terminal service, not the machine's shell start-up.
  sandbox: async (dir) => new LocalShellSandbox({ cwd: dir, shell: '/bin/bash', args: ['--norc', '--noprofile'] }),
};

/** A busybox container per shell through the Engine API, the test folder shared read-only at its path. */
export const DOCKER_BACKEND: TestBackend = {
  name: 'docker sandbox (Engine API attach)',
  absent: engineAbsence(),
  sandbox: async (dir) => {
    chmodSync(dir, 0o755); // the sandbox's user is not the folder's owner
    return DockerSandbox.create({ ...DEFAULT_DOCKER_SANDBOX, image: 'busybox', share: dir, memory: '512m', pids: 256 });
  },
};

export const TEST_BACKENDS = [LOCAL_BACKEND, DOCKER_BACKEND];

export async function startTestServer(limits: Partial<SessionLimits> = {}, token?: string, backend: TestBackend = LOCAL_BACKEND): Promise<StartedTestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'deckhand-sessions-'));
  writeFileSync(path.join(dir, 'deck.md'), '# One\n');
  const logLines: string[] = [];
  const server = await startServer({
    decks: dir,
    appDir: dir,
    sandbox: await backend.sandbox(dir),
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
