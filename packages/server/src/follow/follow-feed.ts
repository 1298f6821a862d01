// The follow feed, /ws/follow: every follower gets where the trainer is (TrainerPositionStore) when it
// connects and whenever it changes, and tells the trainer's dashboard how far it is. It is read-only
// for followers: any message but a report closes that socket (1008), so a follower link can never drive
// the trainer's deck. Limits: followers per address and per server (4011 beyond them); a follower that
// reads slowly gets only the latest position (follower-connection.ts); one that stops answering pings
// is dropped; a rotated follower link closes every follower socket (4010).
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { FollowCloseCode, parseFollowerMessage, parseJson, type FollowersSummary } from '@deckhand/protocol';
import { failClosed } from '../fail-closed';
import type { Logger } from '../log';
import type { UpgradeHandler } from '../upgrade-routes';
import { FollowerConnection } from './follower-connection';
import { summarize } from './followers-summary';
import type { TrainerPositionStore } from './trainer-position';

export interface FollowLimits {
  /** Followers the server takes at most. */
  maxFollowers: number;
  /** Followers from one address at most (a class behind one NAT shares an address: keep it generous). */
  maxFollowersPerAddress: number;
}

export const DEFAULT_FOLLOW_LIMITS: FollowLimits = { maxFollowers: 2_000, maxFollowersPerAddress: 256 };
/** Reports are small JSON objects. */
const MAX_MESSAGE_BYTES = 4 * 1024;
const PING_INTERVAL_MS = 25_000;
/** The dashboard is recomputed at most this often, however many followers report. */
const SUMMARY_INTERVAL_MS = 250;

export interface FollowFeed {
  handleUpgrade: UpgradeHandler;
  /** Closes every follower socket (the follower link was replaced). */
  closeAll(code: number, reason: string): void;
  size(): number;
  close(): void;
}

export function createFollowFeed(
  log: Logger,
  trainer: TrainerPositionStore,
  server: string,
  onSummary: (summary: FollowersSummary) => void,
  limits: FollowLimits = DEFAULT_FOLLOW_LIMITS,
): FollowFeed {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const followers = new Map<WebSocket, FollowerConnection>();
  const perAddress = new Map<string, number>();
  const snapshot = (): string => JSON.stringify({ type: 'position', server, ...trainer.position });

  let summaryTimer: NodeJS.Timeout | undefined;
  const summaryChanged = (): void => {
    summaryTimer ??= setTimeout(
      failClosed(log, 'the followers summary', () => {
        summaryTimer = undefined;
        onSummary(summarize(trainer.position, [...followers.values()].map((follower) => follower.report)));
      }, () => undefined),
      SUMMARY_INTERVAL_MS,
    );
  };
  const stopWatching = trainer.onChange(() => {
    const text = snapshot();
    for (const follower of followers.values()) follower.send(text);
    summaryChanged();
  });

  const leave = (follower: FollowerConnection): void => {
    if (!followers.delete(follower.socket)) return;
    const count = (perAddress.get(follower.address) ?? 1) - 1;
    if (count > 0) perAddress.set(follower.address, count);
    else perAddress.delete(follower.address);
    summaryChanged();
  };

  const join = (ws: WebSocket, address: string): void => {
    const follower = new FollowerConnection(ws, address);
    followers.set(ws, follower);
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    ws.on('pong', () => (follower.alive = true));
    ws.on('close', () => leave(follower));
    ws.on('error', () => leave(follower));
    ws.on(
      'message',
      failClosed(
        log,
        'a follower message',
        (data: RawData, isBinary: boolean) => {
          const message = isBinary ? undefined : parseFollowerMessage(parseJson(data.toString()));
          if (!message) {
            ws.close(1008, 'a follower may only report where it is');
            return;
          }
          const { type: _type, ...report } = message;
          follower.report = report;
          summaryChanged();
        },
        () => ws.terminate(),
      ),
    );
    follower.send(snapshot());
    summaryChanged();
  };

  const heartbeat = setInterval(
    failClosed(
      log,
      'the follow feed heartbeat',
      () => {
        for (const follower of followers.values()) {
          if (!follower.alive) {
            follower.socket.terminate();
            continue;
          }
          follower.alive = false;
          follower.socket.ping();
        }
      },
      () => undefined,
    ),
    PING_INTERVAL_MS,
  );
  heartbeat.unref();

  return {
    handleUpgrade(request: IncomingMessage, socket, head) {
      const address = request.socket.remoteAddress ?? 'unknown';
      const refusal =
        followers.size >= limits.maxFollowers
          ? `this server takes at most ${limits.maxFollowers} followers`
          : (perAddress.get(address) ?? 0) >= limits.maxFollowersPerAddress
            ? `at most ${limits.maxFollowersPerAddress} followers from one address`
            : undefined;
      wss.handleUpgrade(request, socket, head, (ws) => {
        if (refusal) {
          log.warn('follower refused', { reason: refusal });
          ws.close(FollowCloseCode.TooMany, refusal);
          return;
        }
        join(ws, address);
      });
    },
    closeAll(code, reason) {
      for (const follower of [...followers.values()]) follower.socket.close(code, reason);
    },
    size: () => followers.size,
    close() {
      stopWatching();
      clearInterval(heartbeat);
      clearTimeout(summaryTimer);
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
