// One channel to every other open view of the decks: BroadcastChannel for windows of this browser
// (works without a server round trip, and from file://), the server's /ws/presenter for other devices.
// The socket reconnects with a growing delay, so a server restart or a Wi-Fi drop heals by itself. The
// server's welcome names its run: a new name after a reconnection means it restarted (shells ended).
import { parseSyncMessage, type SyncBody, type SyncMessage } from '@deckhand/protocol';
import { PAGE_ROLE, socketAddress } from '../deck-access/server-access';

const CHANNEL_NAME = 'deckhand-presenter-sync';
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 8_000;
/** Enough to recognise the second copy of a message that came by both paths. */
const SEEN_LIMIT = 200;

export class SyncChannel {
  readonly id = Math.random().toString(36).slice(2);
  private seq = 0;
  private readonly seen: string[] = [];
  private readonly listeners = new Set<(message: SyncMessage) => void>();
  private readonly connectListeners = new Set<(again: boolean) => void>();
  private readonly restartListeners = new Set<() => void>();
  private connections = 0;
  private server: string | null = null;
  private readonly broadcast: BroadcastChannel | null;
  private socket: WebSocket | null = null;
  private retryDelay = RECONNECT_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: { server: boolean; broadcast: boolean }) {
    this.broadcast = options.broadcast && typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
    if (this.broadcast) this.broadcast.onmessage = (event: MessageEvent<unknown>) => this.receive(event.data);
    if (options.server) this.connect();
  }

  send(body: SyncBody): void {
    const message: SyncMessage = { ...body, from: this.id, seq: ++this.seq };
    this.remember(message);
    this.broadcast?.postMessage(message);
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  onMessage(listener: (message: SyncMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called each time the server connection opens; `again` after a lost connection came back. */
  onConnect(listener: (again: boolean) => void): () => void {
    this.connectListeners.add(listener);
    return () => this.connectListeners.delete(listener);
  }

  /** Called when the server connection comes back to a server that restarted meanwhile. */
  onServerRestart(listener: () => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.broadcast?.close();
    this.socket?.close(1000, 'view closed');
  }

  /** Asks for a ticket, then opens the socket; a failure of either is retried, later and later. */
  private connect(): void {
    socketAddress('/ws/presenter').then(
      (address) => {
        if (!this.closed) this.open(address);
      },
      () => this.retry(),
    );
  }

  private retry(): void {
    if (this.closed) return;
    this.retryTimer = setTimeout(() => this.connect(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RECONNECT_MAX_MS);
  }

  private open(address: string): void {
    const socket = new WebSocket(address);
    this.socket = socket;
    socket.onopen = () => {
      this.retryDelay = RECONNECT_MIN_MS;
      const again = this.connections++ > 0;
      for (const listener of this.connectListeners) listener(again);
    };
    socket.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      try {
        const data: unknown = JSON.parse(event.data);
        if (isWelcome(data)) this.welcomed(data.server);
        else this.receive(data);
      } catch {
        // Not ours to interpret; the server only relays JSON objects.
      }
    };
    socket.onclose = () => this.retry();
  }

  private receive(value: unknown): void {
    const data = parseSyncMessage(value);
    if (!data || data.from === this.id) return;
    if ('to' in data && data.to !== undefined && data.to !== this.id) return;
    if (data.from !== undefined) {
      if (this.seen.includes(key(data))) return;
      this.remember(data);
    }
    for (const listener of this.listeners) listener(data);
  }

  private welcomed(server: string): void {
    const restarted = this.server !== null && this.server !== server;
    this.server = server;
    if (restarted) for (const listener of this.restartListeners) listener();
  }

  private remember(message: SyncMessage): void {
    this.seen.push(key(message));
    if (this.seen.length > SEEN_LIMIT) this.seen.shift();
  }
}

const isWelcome = (data: unknown): data is { type: 'welcome'; server: string } =>
  typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'welcome' && typeof (data as { server?: unknown }).server === 'string';

const key = (message: SyncMessage): string => `${message.from ?? ''}:${message.seq ?? ''}`;

let shared: SyncChannel | null = null;

/**
 * The page's one channel; the server half only when the page came from a Deckhand server. A follower's
 * page talks to no other view: it must never drive the trainer's, and it follows through the follow
 * feed instead (follow/).
 */
export function sharedSyncChannel(): SyncChannel {
  const trainer = PAGE_ROLE === 'trainer';
  shared ??= new SyncChannel({ server: trainer && window.location.protocol.startsWith('http'), broadcast: trainer });
  return shared;
}
