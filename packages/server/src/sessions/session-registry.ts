// Every terminal session of the server, found by owner (principal and the page's client id) and tab number,
// so a reloaded page, a second window of the same browser (presenter view and audience window) and a
// reconnecting socket all reach the same shell. It enforces the session limits, runs the heartbeat,
// and ends every session when the server stops.
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CloseCode, Liveness } from '@deckhand/protocol';
import { failClosed } from '../fail-closed';
import type { Logger } from '../log';
import type { Sandbox } from '../sandbox/sandbox';
import { TerminalSession, type SessionTimeouts } from '../terminal-session';
import { TypingPriority } from './typing-priority';

export interface SessionLimits extends SessionTimeouts {
  /** Sessions one browser may have at once (its terminal tabs). */
  maxSessionsPerClient: number;
  /** Sessions the whole server may have at once. */
  maxSessions: number;
  /** How often pages are pinged; one that misses a ping is dropped at the next (protocol's Liveness). */
  heartbeatMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  graceMs: 60_000,
  idleTimeoutMs: 60 * 60_000,
  maxLifetimeMs: 12 * 60 * 60_000,
  maxSessionsPerClient: 8,
  maxSessions: 64,
  heartbeatMs: Liveness.heartbeatMs,
};

export interface AttachRequest {
  owner: string;
  term: number;
  cols: number;
  rows: number;
  /** The offset the page has reached when it is resuming; absent for a page that starts fresh. */
  resumeFrom?: number;
  /** False for a session nobody can come back to (no client id): it ends with its last socket. */
  resumable?: boolean;
}

/** How the classroom (or any other caller) places sessions: which sandbox, and whom to refuse. */
export interface SessionPlacement {
  /** The sandbox an owner's shells come from. */
  sandboxFor(owner: string): Sandbox;
  /** Why an owner may not open another session now (its principal's limits), or undefined; `owners`: of every session open or opening. */
  refusal(owner: string, owners: readonly string[]): string | undefined;
}

export class SessionRegistry {
  /** Set by the classroom: per-attendee sandboxes and limits. */
  placement: SessionPlacement | undefined;
  private readonly sessions = new Map<string, TerminalSession>();
  private readonly typing = new TypingPriority();
  private readonly opening = new Map<string, Promise<TerminalSession>>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly log: Logger,
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  ) {
    this.heartbeat = setInterval(() => {
      for (const session of [...this.sessions.values()]) {
        failClosed(log, 'a session heartbeat', () => session.heartbeat(), () => session.end('internal error', CloseCode.InternalError))();
      }
    }, limits.heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Shows the owner's terminal `term` on this socket, starting a shell if there is none. */
  async attach(socket: WebSocket, request: AttachRequest): Promise<void> {
    const key = `${request.owner}\n${request.term}`;
    const existing = this.sessions.get(key) ?? (await this.opening.get(key)?.catch(() => undefined));
    if (existing && this.sessions.has(key)) {
      existing.resize(request.cols, request.rows);
      existing.attach(socket, request.resumeFrom);
      return;
    }
    if (request.resumeFrom !== undefined) {
      socket.close(CloseCode.SessionGone, 'this shell has ended (the server restarted or it timed out)');
      return;
    }
    const refusal = this.refusal(request.owner);
    if (refusal) {
      this.log.warn('session refused', { reason: refusal });
      socket.close(CloseCode.SessionLimit, refusal);
      return;
    }
    const opening = this.open(key, request);
    this.opening.set(key, opening);
    try {
      const session = await opening;
      session.attach(socket);
    } catch (error) {
      this.log.error('could not start a shell', { reason: error instanceof Error ? error.message : String(error) });
      socket.close(1011, 'could not start a shell');
    } finally {
      this.opening.delete(key);
    }
  }

  /**
   * Shows an existing session to a watcher (a follower watching the trainer's shared terminal): read
   * only, and never starting a shell. Closes the socket with SessionGone when there is no such session.
   */
  watch(socket: WebSocket, owner: string, term: number): void {
    const session = this.sessions.get(`${owner}\n${term}`);
    if (!session) {
      socket.close(CloseCode.SessionGone, 'the shared terminal is not open');
      return;
    }
    session.attach(socket, undefined, 'watcher');
  }

  /** The open sessions of one principal (owners `<principal>/…`). */
  sessionsOf(principalId: string): TerminalSession[] {
    return [...this.sessions.values()].filter((session) => session.owner.startsWith(`${principalId}/`));
  }

  /** Ends every session of one principal (an attendee's sandbox ended by the trainer); returns how many. */
  endSessionsOf(principalId: string, reason: string): number {
    const sessions = this.sessionsOf(principalId);
    for (const session of sessions) session.end(reason, CloseCode.SessionGone);
    return sessions.length;
  }

  /** Ends every session (server shutdown). */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const session of [...this.sessions.values()]) session.end('server shutting down', CloseCode.ServerShuttingDown);
  }

  private async open(key: string, request: AttachRequest): Promise<TerminalSession> {
    const sandbox = this.placement?.sandboxFor(request.owner) ?? this.sandbox;
    const shell = await sandbox.openShell({ cols: request.cols, rows: request.rows });
    if (this.closed) {
      shell.dispose();
      throw new Error('the server is shutting down');
    }
    const session = new TerminalSession({
      id: randomBytes(16).toString('base64url'),
      owner: request.owner,
      term: request.term,
      shell,
      cols: request.cols,
      rows: request.rows,
      timeouts: request.resumable === false ? { ...this.limits, graceMs: 0 } : this.limits,
      typing: this.typing,
      log: this.log,
      onEnd: () => {
        if (this.sessions.get(key) === session) this.sessions.delete(key);
      },
    });
    this.sessions.set(key, session);
    return session;
  }

  private refusal(owner: string): string | undefined {
    const pending = this.opening.size;
    if (this.sessions.size + pending >= this.limits.maxSessions) {
      return `The server already runs ${this.limits.maxSessions} terminals, its limit: close a terminal (type exit) and try again.`;
    }
    const owners = [...[...this.sessions.values()].map((session) => session.owner), ...[...this.opening.keys()].map((key) => key.split('\n')[0] ?? '')];
    const placed = this.placement?.refusal(owner, owners);
    if (placed) return placed;
    let mine = 0;
    for (const session of this.sessions.values()) if (session.owner === owner) mine++;
    if (mine >= this.limits.maxSessionsPerClient) {
      return `This browser already has ${this.limits.maxSessionsPerClient} terminals, its limit: close one (type exit) and try again.`;
    }
    return undefined;
  }
}
