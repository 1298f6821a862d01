// Slide sync across devices on /ws/presenter. Every open view of a deck (audience screens, the presenter
// view, a phone clicker) joins; a message from one is relayed to all the others. The server keeps no
// slide state of its own: a view that joins says `hello` and the others answer with where they are.
// The server also speaks on this socket: `welcome` with an id of this server run when a view connects
// (a view that sees a new id knows the server restarted, and its shells with it), and `deck-changed`
// when a deck file changes (see deck-watch.ts).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from './log';

export const PRESENTER_SYNC_PATH = '/ws/presenter';
/** Sync messages are small JSON objects (a slide number, a block id); anything larger is refused. */
const MAX_MESSAGE_BYTES = 4 * 1024;
/** Heartbeat: a peer that stops answering pings is dropped after two intervals. */
const PING_INTERVAL_MS = 25_000;

export interface PresenterSync {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Tells every open view that a deck's file changed, so it reloads the deck in place. */
  deckChanged(deck: string): void;
  /** How many views are connected (for tests and logs). */
  size(): number;
  close(): void;
}

export function createPresenterSync(log: Logger): PresenterSync {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();
  const welcome = JSON.stringify({ type: 'welcome', server: randomUUID() });

  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.send(welcome);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? null : data.toString();
      if (text === null || !isSyncMessage(text)) {
        ws.close(1003, 'presenter sync takes JSON objects with a string "type"');
        return;
      }
      for (const peer of wss.clients) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(text);
    });
    ws.on('error', (error) => log.warn('presenter sync socket error', { reason: error.message }));
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  heartbeat.unref();

  return {
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    deckChanged(deck) {
      const text = JSON.stringify({ type: 'deck-changed', deck });
      for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    size: () => wss.clients.size,
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}

function isSyncMessage(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
  } catch {
    return false;
  }
}
