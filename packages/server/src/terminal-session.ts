// A terminal session: one shell from the sandbox, shown by any number of pages (viewers). Output goes
// into a replay ring and a headless screen mirror (parsed in a worker thread), and from the ring to every viewer as fast as that
// viewer parses it (ack-window flow control, see packages/protocol/src/flow.ts), and no faster than
// a modest pace while someone types in another terminal (sessions/typing-priority.ts). The session outlives
// its sockets for a grace period, so a reload or a network drop resumes the same shell: from the
// page's byte offset when the ring still holds it, else from a serialized screen.
//
// Lifetime: the session ends when the shell exits (after every viewer has had all output and the
// exit notice), after the grace period with no viewer, after its idle timeout or maximum lifetime
// (each announced to the pages a minute ahead), or when the server stops. Ending disposes the shell
// (its whole process tree), the mirror, the ring and every timer.
import type { RawData, WebSocket } from 'ws';
import {
  CloseCode,
  decodeClientFrame,
  Flow,
  Liveness,
  ProtocolError,
  type ClientFrame,
} from '@deckhand/protocol';
import type { Disposable, Shell, ShellExit } from './sandbox/sandbox';
import { failClosed } from './fail-closed';
import type { Logger } from './log';
import { OutputRing } from './sessions/output-ring';
import { ScreenMirror } from './sessions/screen-mirror';
import { OutputPace, type TypingPriority } from './sessions/typing-priority';
import { Viewer } from './sessions/viewer';

export interface SessionTimeouts {
  /** How long a session with no page attached is kept for a page to come back. */
  graceMs: number;
  /** End after this long without input or output; 0 = never. */
  idleTimeoutMs: number;
  /** End this long after the start, whatever happens; 0 = never. */
  maxLifetimeMs: number;
}

export interface SessionInit {
  id: string;
  /** Who the session belongs to: the principal and the page's client id (session-registry.ts). */
  owner: string;
  term: number;
  shell: Shell;
  cols: number;
  rows: number;
  timeouts: SessionTimeouts;
  /** Who typed last on this server: this session's output is paced while others type. */
  typing: TypingPriority;
  log: Logger;
  onEnd(session: TerminalSession): void;
}

export class TerminalSession {
  readonly id: string;
  readonly owner: string;
  readonly term: number;
  private readonly shell: Shell;
  private readonly log: Logger;
  private readonly timeouts: SessionTimeouts;
  private readonly onEnd: (session: TerminalSession) => void;
  private readonly viewers = new Set<Viewer>();
  private readonly ring = new OutputRing(Flow.replayBufferBytes);
  private readonly mirror: ScreenMirror;
  private readonly subscriptions: Disposable[];
  private readonly typing: TypingPriority;
  private readonly pace = new OutputPace();
  /** Set while the pty is left unread to keep to the pace (others are typing); ends the wait. */
  private paceTimer: NodeJS.Timeout | undefined;
  private readonly startedAt = Date.now();
  private lastActivityAt = Date.now();
  /** Input went to the shell since the last frame: the next output is its echo and goes at once. */
  private echoPending = false;
  private lastFlushAt = 0;
  private paused = false;
  private exit: ShellExit | undefined;
  private ended = false;
  /** The end announced to the pages, if any. */
  private ending: { reason: 'idle' | 'lifetime'; at: number } | undefined;
  private batchTimer: NodeJS.Timeout | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private bytesIn = 0;
  private bytesOut = 0;

  constructor(init: SessionInit) {
    this.id = init.id;
    this.owner = init.owner;
    this.term = init.term;
    this.shell = init.shell;
    this.log = init.log;
    this.timeouts = init.timeouts;
    this.typing = init.typing;
    this.onEnd = init.onEnd;
    this.mirror = new ScreenMirror(init.cols, init.rows, this.guarded('the screen mirror', () => this.mirrorParsed()));
    this.subscriptions = [
      this.shell.onData(this.guarded('shell output', (data: Uint8Array) => this.output(data))),
      this.shell.onExit(this.guarded('shell exit', (exit: ShellExit) => this.exited(exit))),
    ];
    this.scheduleDeadline();
    this.log.info('session start', { session: this.id, term: this.term, pid: this.shell.pid });
  }

  get pid(): number {
    return this.shell.pid;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /**
   * Shows this session on a socket: from `resumeFrom` if the ring still holds it, else from a screen.
   * A `watcher` (a follower watching the trainer's shared terminal) only reads: it cannot type or
   * resize, does not keep the session past its grace period, and never holds the shell back.
   */
  attach(socket: WebSocket, resumeFrom?: number, role: 'owner' | 'watcher' = 'owner'): void {
    if (this.ended) {
      socket.close(CloseCode.SessionGone, 'this shell has ended');
      return;
    }
    if (socket.readyState !== socket.OPEN) {
      // The page left while its shell was starting: keep the shell for the grace period.
      if (this.ownerCount() === 0) this.startGrace();
      return;
    }
    const viewer = new Viewer(socket, role === 'watcher');
    socket.on(
      'message',
      failClosed(this.log, 'a terminal message', (data: RawData, isBinary: boolean) => this.receive(viewer, data, isBinary), () =>
        this.refuse(viewer, CloseCode.InternalError, 'internal error'),
      ),
    );
    socket.on('pong', () => (viewer.alive = true));
    socket.on('close', () => this.detach(viewer));
    socket.on('error', () => this.detach(viewer));
    if (!viewer.watcher) {
      clearTimeout(this.graceTimer);
      this.graceTimer = undefined;
    }
    if (resumeFrom !== undefined && this.ring.holds(resumeFrom)) return this.show(viewer, resumeFrom, undefined);
    // The screen comes from the mirror's thread once it has parsed all output so far; meanwhile
    // the session goes on, and the page then gets the bytes after the screen from the ring.
    viewer.awaitingScreen = true;
    void this.mirror.screen().then(this.guarded('a resumed screen', (screen: Awaited<ReturnType<ScreenMirror['screen']>>) => {
      viewer.awaitingScreen = false;
      if (this.ended) return;
      if (!viewer.open) {
        if (this.ownerCount() === 0) this.startGrace();
        return;
      }
      this.show(viewer, screen?.offset ?? this.ring.start, screen?.text ?? '');
    }));
  }

  /** Starts a viewer at `offset`, after the screen standing for what came before (unless resumed). */
  private show(viewer: Viewer, offset: number, screen: string | undefined): void {
    viewer.send({ type: 'attached', session: this.id, term: this.term, offset, resumed: screen === undefined });
    if (screen !== undefined) viewer.send({ type: 'screen', offset, text: screen });
    this.announceEnding(viewer);
    viewer.startAt(offset);
    this.viewers.add(viewer);
    this.pump(viewer);
    this.updatePause();
  }

  resize(cols: number, rows: number): void {
    this.shell.resize(cols, rows);
    this.mirror.resize(cols, rows);
  }

  /** Pings every viewer; one that did not answer the previous ping is dropped (dead peer). */
  heartbeat(): void {
    for (const viewer of this.viewers) {
      if (!viewer.alive) {
        viewer.socket.terminate();
        continue;
      }
      viewer.alive = false;
      viewer.socket.ping();
      viewer.send({ type: 'heartbeat' });
    }
  }

  end(reason: string, closeCode: number = CloseCode.Normal): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.batchTimer);
    clearTimeout(this.graceTimer);
    clearTimeout(this.deadlineTimer);
    clearTimeout(this.paceTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.shell.dispose();
    this.mirror.dispose();
    this.ring.clear();
    for (const viewer of this.viewers) viewer.close(closeCode, reason);
    this.viewers.clear();
    this.log.info('session end', {
      session: this.id,
      reason,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      seconds: Math.round((Date.now() - this.startedAt) / 1000),
    });
    this.onEnd(this);
  }

  private announceEnding(viewer: Viewer): void {
    if (this.ending) viewer.send({ type: 'notice', kind: 'ending', reason: this.ending.reason, inMs: Math.max(0, this.ending.at - Date.now()) });
  }

  private receive(viewer: Viewer, data: RawData, isBinary: boolean): void {
    if (!this.viewers.has(viewer) && !viewer.awaitingScreen) return;
    if (!isBinary) return this.refuse(viewer, CloseCode.UnsupportedData, 'text frames are not part of the protocol');
    let frame: ClientFrame;
    try {
      frame = decodeClientFrame(toBytes(data));
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      return this.refuse(viewer, CloseCode.ProtocolError, `protocol error: ${error.message}`);
    }
    if (viewer.watcher && frame.type !== 'ack') return this.refuse(viewer, CloseCode.PolicyViolation, 'this terminal is shared read-only');
    switch (frame.type) {
      case 'input':
        this.bytesIn += frame.data.length;
        this.lastActivityAt = Date.now();
        this.echoPending = true;
        this.typing.typed(this.id);
        this.shell.write(frame.data);
        break;
      case 'resize':
        this.resize(frame.cols, frame.rows);
        break;
      case 'ack':
        if (frame.offset > viewer.sent) return this.refuse(viewer, CloseCode.ProtocolError, 'ack beyond what was sent');
        viewer.acked = Math.max(viewer.acked, frame.offset);
        this.pump(viewer);
        this.updatePause();
        break;
    }
  }

  /** Closes one viewer that broke the protocol; the session and its other viewers carry on. */
  private refuse(viewer: Viewer, code: number, reason: string): void {
    this.log.warn('closing a terminal socket', { session: this.id, reason });
    viewer.close(code, reason);
    this.detach(viewer);
  }

  private detach(viewer: Viewer): void {
    if (!this.viewers.delete(viewer)) {
      if (this.ownerCount() === 0 && !viewer.awaitingScreen) this.startGrace();
      return;
    }
    if (this.ownerCount() === 0) this.startGrace();
    this.updatePause();
  }

  /** Viewers that own the session (its pages), as opposed to followers watching it. */
  private ownerCount(): number {
    let owners = 0;
    for (const viewer of this.viewers) if (!viewer.watcher) owners++;
    return owners;
  }

  private startGrace(): void {
    if (this.ended || this.graceTimer) return;
    const reason = this.exit ? 'shell exited' : 'no page came back within the grace period';
    this.graceTimer = setTimeout(this.guarded('the grace timer', () => this.end(reason)), this.timeouts.graceMs);
  }

  private output(data: Uint8Array): void {
    if (this.ended) return;
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.bytesOut += bytes.length;
    this.lastActivityAt = Date.now();
    this.ring.append(bytes);
    // An echo, the first output after a quiet spell and a full frame's worth go at once; the rest of a
    // burst waits for the next frame, batchMs after the last one. The pages first, then the background
    // work (the screen copy's thread, the pace): an echo leaves before it.
    const sinceFlush = Date.now() - this.lastFlushAt;
    if (this.echoPending || sinceFlush >= Flow.batchMs || this.fullFrameWaiting()) this.flush();
    else this.batchTimer ??= setTimeout(this.guarded('the batch timer', () => this.flush()), Flow.batchMs - sinceFlush);
    this.mirror.write(bytes);
    this.keepPace(bytes.length);
    this.updatePause();
  }

  /** While another terminal is typed in, stops reading this shell for as long as its pace asks. */
  private keepPace(bytes: number): void {
    const waitMs = this.pace.spend(bytes, this.typing.othersTyping(this.id));
    if (waitMs <= 0) return;
    // The wait covers the whole deficit so far, so it replaces any wait still running.
    clearTimeout(this.paceTimer);
    this.paceTimer = setTimeout(
      this.guarded('the pace timer', () => {
        this.paceTimer = undefined;
        this.updatePause();
      }),
      Math.ceil(waitMs),
    );
  }

  private fullFrameWaiting(): boolean {
    for (const viewer of this.viewers) if (this.ring.end - viewer.sent >= Flow.maxOutputFrameBytes) return true;
    return false;
  }

  private exited(exit: ShellExit): void {
    this.exit = exit;
    this.flush();
    if (this.ownerCount() === 0) {
      clearTimeout(this.graceTimer);
      this.graceTimer = undefined;
      this.startGrace();
    }
  }

  private flush(): void {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    this.echoPending = false;
    this.lastFlushAt = Date.now();
    for (const viewer of this.viewers) this.pump(viewer);
  }

  /** Sends a viewer what it has not had yet, as far as its window and socket allow. */
  private pump(viewer: Viewer): void {
    while (viewer.sent < this.ring.end && viewer.canTakeOutput) {
      if (!this.ring.holds(viewer.sent)) {
        // This viewer fell further behind than the ring reaches: give it the screen instead.
        this.catchUp(viewer);
        break;
      }
      const room = Math.min(Flow.maxOutputFrameBytes, Flow.highWatermarkBytes - viewer.unacked);
      const parts = this.ring.slices(viewer.sent, room);
      viewer.sendOutput(viewer.sent, parts, () => {
        // Written to the socket: if it was full, this viewer can take more now.
        if (!viewer.socketFull && viewer.sent < this.ring.end) this.pump(viewer);
      });
      for (const part of parts) viewer.sent += part.length;
    }
    if (this.exit && !viewer.exitSent && viewer.sent === this.ring.end && viewer.open) {
      viewer.send({ type: 'exit', code: this.exit.code, signal: this.exit.signal });
      viewer.exitSent = true;
      viewer.close(CloseCode.ShellExited, 'the shell exited');
      if ([...this.viewers].every((other) => other.exitSent)) this.end('shell exited', CloseCode.ShellExited);
    }
    this.updatePause();
  }

  /** Replaces a viewer's missed output by the current screen, then goes on from the screen's offset. */
  private catchUp(viewer: Viewer): void {
    viewer.awaitingScreen = true;
    void this.mirror.screen().then(this.guarded('a catch-up screen', (screen: Awaited<ReturnType<ScreenMirror['screen']>>) => {
      viewer.awaitingScreen = false;
      if (this.ended || !this.viewers.has(viewer)) return;
      const offset = screen?.offset ?? this.ring.start;
      viewer.send({ type: 'screen', offset, text: screen?.text ?? '' });
      viewer.startAt(offset);
      this.pump(viewer);
    }));
  }

  private mirrorParsed(): void {
    // The ring keeps what the mirror has not parsed: a screen is always followed by what came after.
    this.ring.keepAfter(this.mirror.parsed);
    this.updatePause();
  }

  /** Reads the pty only while some viewer, and the mirror, keep up with it, and within its pace. */
  private updatePause(): void {
    if (this.ended) return;
    let lead = -1;
    let anySocketFree = false;
    // The session's own pages set the pace; watchers that fall behind get a screen instead (pump).
    const pacing = this.ownerCount() > 0 ? [...this.viewers].filter((viewer) => !viewer.watcher) : this.viewers;
    for (const viewer of pacing) {
      lead = Math.max(lead, viewer.acked);
      if (!viewer.socketFull) anySocketFree = true;
    }
    const behind = lead < 0 ? Infinity : this.ring.end - lead;
    const mirrorBehind = this.mirror.pending;
    const paced = this.paceTimer !== undefined;
    if (!this.paused && (paced || behind > Flow.highWatermarkBytes || mirrorBehind > Flow.mirrorLagLimitBytes || !anySocketFree)) {
      this.paused = true;
      this.shell.pause();
    } else if (this.paused && !paced && behind < Flow.lowWatermarkBytes && mirrorBehind < Flow.mirrorLagLimitBytes / 2 && anySocketFree) {
      this.paused = false;
      this.shell.resume();
    }
  }

  /** A callback of this session's own (timer, shell, mirror): an unexpected error ends this session alone. */
  private guarded<A extends unknown[]>(where: string, callback: (...args: A) => void): (...args: A) => void {
    return failClosed(this.log, where, callback, () => this.end('internal error', CloseCode.InternalError));
  }

  /** One timer for the idle timeout and the maximum lifetime: warns a minute ahead, then ends. */
  private scheduleDeadline(): void {
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
    if (this.ended) return;
    const now = Date.now();
    const deadlines: { reason: 'idle' | 'lifetime'; at: number }[] = [];
    if (this.timeouts.idleTimeoutMs > 0) deadlines.push({ reason: 'idle', at: this.lastActivityAt + this.timeouts.idleTimeoutMs });
    if (this.timeouts.maxLifetimeMs > 0) deadlines.push({ reason: 'lifetime', at: this.startedAt + this.timeouts.maxLifetimeMs });
    const next = deadlines.sort((a, b) => a.at - b.at)[0];
    if (!next) return;
    if (now >= next.at) {
      const closeCode = next.reason === 'idle' ? CloseCode.IdleTimeout : CloseCode.LifetimeEnded;
      this.end(next.reason === 'idle' ? 'idle timeout' : 'maximum lifetime reached', closeCode);
      return;
    }
    const warnAt = next.at - Liveness.warnBeforeEndMs;
    if (now >= warnAt) {
      if (this.ending?.reason !== next.reason || this.ending.at !== next.at) {
        this.ending = next;
        for (const viewer of this.viewers) this.announceEnding(viewer);
      }
      this.deadlineTimer = setTimeout(this.guarded('the deadline timer', () => this.scheduleDeadline()), next.at - now);
    } else {
      this.ending = undefined;
      this.deadlineTimer = setTimeout(this.guarded('the deadline timer', () => this.scheduleDeadline()), warnAt - now);
    }
    this.deadlineTimer.unref();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
