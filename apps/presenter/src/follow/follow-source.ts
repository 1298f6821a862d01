// Where a follower's page learns where the trainer is. On the trainer's own server (a follower link,
// /follow/…) the page reads the follow feed itself (FeedFollowSource); in an attendee's own Deckhand,
// which follows a trainer for its views (`deckhand serve --follow`, or a link pasted in the app), the
// page hears it from its server over the sync channel (LocalFollowSource). The follow bar and the
// navigation (use-follow.ts) only know this interface.
import { FollowCloseCode, parseFollowFeedMessage, parseJson, type FollowerReport, type FollowState, type TrainerPosition } from '@deckhand/protocol';
import { AccessNeededError, serverFetch, socketAddress } from '../deck-access/server-access';
import type { SyncChannel } from '../sync/sync-channel';
import { Listeners } from '../terminal/terminal-source';

export interface FollowStatus {
  state: FollowState;
  /** Whom the page follows (the trainer's host), when it knows. */
  trainer: string;
  position: TrainerPosition | null;
  /** Why following stopped or was refused, in words for the follower. */
  reason?: string;
}

export interface FollowSource {
  /** Whether the follower can stop following here (an attendee's own Deckhand) or only leave the page. */
  readonly local: boolean;
  current(): FollowStatus;
  onStatus(listener: (status: FollowStatus) => void): () => void;
  /** Tells the trainer's dashboard where this follower is and what it has done (the latest wins). */
  report(report: FollowerReport): void;
  stop(): void;
  dispose(): void;
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 8_000;

/** A follower page on the trainer's server: /ws/follow, with a ticket, reconnecting by itself. */
export class FeedFollowSource implements FollowSource {
  readonly local = false;
  private status: FollowStatus = { state: 'connecting', trainer: window.location.host, position: null };
  private readonly listeners = new Listeners<FollowStatus>();
  private socket: WebSocket | null = null;
  private latestReport: string | null = null;
  private retry = RETRY_MIN_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor() {
    this.connect();
  }

  current(): FollowStatus {
    return this.status;
  }

  onStatus(listener: (status: FollowStatus) => void): () => void {
    return this.listeners.add(listener);
  }

  report(report: FollowerReport): void {
    this.latestReport = JSON.stringify({ type: 'report', ...report });
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(this.latestReport);
  }

  stop(): void {
    this.dispose();
  }

  dispose(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000, 'left');
    this.socket = null;
  }

  private set(next: Partial<FollowStatus>): void {
    this.status = { ...this.status, ...next };
    this.listeners.emit(this.status);
  }

  private connect(): void {
    socketAddress('/ws/follow').then(
      (address) => {
        if (!this.stopped) this.open(address);
      },
      (error: unknown) => {
        if (error instanceof AccessNeededError) {
          this.set({ state: 'refused', reason: 'This follower link is no longer valid: ask the trainer for the current one.' });
        } else this.again();
      },
    );
  }

  private open(address: string): void {
    const socket = new WebSocket(address);
    this.socket = socket;
    socket.onopen = () => {
      this.retry = RETRY_MIN_MS;
      if (this.latestReport) socket.send(this.latestReport);
    };
    socket.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      const message = parseFollowFeedMessage(parseJson(event.data));
      if (!message) return;
      const { type: _type, server: _server, ...position } = message;
      this.set({ state: 'following', position, reason: undefined });
    };
    socket.onclose = (event) => {
      if (socket !== this.socket || this.stopped) return;
      this.socket = null;
      if (event.code === FollowCloseCode.LinkReplaced) {
        this.set({ state: 'refused', reason: 'The trainer replaced this follower link: ask for the new one.' });
        return;
      }
      if (event.code === FollowCloseCode.TooMany) this.set({ state: 'connecting', reason: `The trainer's server is full (${event.reason}): trying again.` });
      this.again();
    };
  }

  private again(): void {
    if (this.stopped) return;
    if (this.status.state !== 'connecting') this.set({ state: 'connecting' });
    this.timer = setTimeout(() => this.connect(), this.retry);
    this.retry = Math.min(this.retry * 2, RETRY_MAX_MS);
  }
}

/** A page of an attendee's own Deckhand, which follows a trainer for its views. */
export class LocalFollowSource implements FollowSource {
  readonly local = true;
  private status: FollowStatus = { state: 'stopped', trainer: '', position: null };
  private readonly listeners = new Listeners<FollowStatus>();
  private readonly off: () => void;

  constructor(private readonly sync: SyncChannel) {
    this.off = sync.onMessage((message) => {
      if (message.type !== 'trainer') return;
      const { type: _type, state, trainer, from: _from, seq: _seq, ...position } = message;
      this.status = { state, trainer, position: state === 'following' ? position : this.status.position };
      this.listeners.emit(this.status);
    });
  }

  current(): FollowStatus {
    return this.status;
  }

  onStatus(listener: (status: FollowStatus) => void): () => void {
    return this.listeners.add(listener);
  }

  report(report: FollowerReport): void {
    if (this.status.state !== 'stopped') this.sync.send({ type: 'report', ...report });
  }

  stop(): void {
    void serverFetch('/api/follow', { method: 'DELETE' });
  }

  dispose(): void {
    this.off();
  }
}

/** Asks this page's own server to follow the trainer at `link`; resolves with an error message, if any. */
export async function followTrainer(link: string): Promise<string | null> {
  const response = await serverFetch('/api/follow', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ link: link.trim() }),
  });
  if (response.ok) return null;
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  return body?.message ?? `The server answered ${response.status}.`;
}
