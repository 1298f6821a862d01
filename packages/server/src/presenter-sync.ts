// Slide sync across devices on /ws/presenter. Every open view of a deck (audience screens, the presenter
// view, a phone clicker) joins; a message from one is checked against the sync schema
// (packages/protocol/src/sync.ts) and relayed to all the others. The server keeps no slide state of its
// own: a view that joins says `hello` and the others answer with where they are.
// The server also speaks on this socket: `welcome` with an id of this server run when a view connects
// (a view that sees a new id knows the server restarted, and its shells with it), `deck-changed` when
// a deck file changes (see deck-watch.ts), and what the follow feed has to tell views (follow/). It
// listens too: the views' messages tell the follow feed where the trainer is.
//
// A view that stops reading must not make the server hold everything sent to it: one whose socket has
// more than MAX_BUFFERED_BYTES queued is dropped (it reconnects and says hello, which resyncs it).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { parseJson, parseSyncMessage, SERVER_ONLY_SYNC_TYPES, type SyncMessage } from '@deckhand/protocol';
import { failClosed } from './fail-closed';
import type { Logger } from './log';

export const PRESENTER_SYNC_PATH = '/ws/presenter';
/** Sync messages are small JSON objects (a slide number, a block id); anything larger is refused. */
const MAX_MESSAGE_BYTES = 4 * 1024;
/** Queued for one view beyond this, the view has stopped reading: it is dropped, not buffered for. */
export const MAX_BUFFERED_BYTES = 256 * 1024;
/** Heartbeat: a peer that stops answering pings is dropped after two intervals. */
const PING_INTERVAL_MS = 25_000;

export interface PresenterSync {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Says something to every open view (a deck's file changed, the followers, the trainer followed). */
  announce(message: SyncMessage): void;
  /** Called with every message a view sends, once it passed the schema. */
  onMessage(listener: (message: SyncMessage) => void): () => void;
  /** The id of this server run, as the welcome gives it. */
  readonly server: string;
  /** How many views are connected (for tests and logs). */
  size(): number;
  close(): void;
}

export function createPresenterSync(log: Logger): PresenterSync {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();
  const server = randomUUID();
  const welcome = JSON.stringify({ type: 'welcome', server });
  const listeners = new Set<(message: SyncMessage) => void>();

  /** Sends to one view, or drops it when it has stopped reading what it was sent. */
  const deliver = (peer: WebSocket, text: string): void => {
    if (peer.readyState !== peer.OPEN) return;
    if (peer.bufferedAmount + text.length > MAX_BUFFERED_BYTES) {
      log.warn('dropping a presenter view that stopped reading', { queued: peer.bufferedAmount });
      peer.terminate();
      return;
    }
    peer.send(text);
  };

  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.send(welcome);
    ws.on('pong', () => alive.set(ws, true));
    ws.on(
      'message',
      failClosed(
        log,
        'a presenter sync message',
        (data: RawData, isBinary: boolean) => {
          const message = isBinary ? undefined : parseSyncMessage(parseJson(data.toString()));
          if (!message || SERVER_ONLY_SYNC_TYPES.includes(message.type)) {
            ws.close(1003, 'not a presenter sync message (see packages/protocol/src/sync.ts)');
            return;
          }
          const text = JSON.stringify(message);
          for (const peer of wss.clients) if (peer !== ws) deliver(peer, text);
          for (const listener of listeners) listener(message);
        },
        () => ws.terminate(),
      ),
    );
    ws.on('error', (error) => log.warn('presenter sync socket error', { reason: error.message }));
  });

  const heartbeat = setInterval(
    failClosed(
      log,
      'the presenter sync heartbeat',
      () => {
        for (const ws of wss.clients) {
          if (alive.get(ws) === false) {
            ws.terminate();
            continue;
          }
          alive.set(ws, false);
          ws.ping();
        }
      },
      () => undefined,
    ),
    PING_INTERVAL_MS,
  );
  heartbeat.unref();

  return {
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    announce(message) {
      const text = JSON.stringify(message);
      for (const ws of wss.clients) deliver(ws, text);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    server,
    size: () => wss.clients.size,
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
