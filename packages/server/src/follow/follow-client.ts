// An attendee's own Deckhand following a trainer's: `deckhand serve --follow LINK`, or a follower link
// pasted in the app (POST /api/follow). It trades the link's secret for a follower credential, reads
// the trainer's follow feed, and tells this server's views where the trainer is (a `trainer` sync
// message), while the attendee's Run buttons stay on the attendee's own shell. It passes the views'
// reports up to the trainer's dashboard, and reconnects by itself after a network drop or a restart
// of the trainer's server.
import WebSocket from 'ws';
import { FollowCloseCode, parseFollowFeedMessage, parseJson, type FollowerReport, type FollowState, type SyncMessage, type TrainerPosition } from '@deckhand/protocol';
import { DOORS } from '../access/access-policy';
import { describeError } from '../fail-closed';
import type { Logger } from '../log';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
/** A refused link (replaced, or a server restarted with a new secret) is tried again this rarely. */
const REFUSED_RETRY_MS = 15_000;

export interface FollowClient {
  /** Starts following the trainer at `link` (a follower link), instead of any other. */
  start(link: string): void;
  stop(): void;
  /** What this attendee's views say about themselves, passed to the trainer's dashboard. */
  report(report: FollowerReport): void;
  /** The `trainer` sync message for a view that just joined. */
  status(): SyncMessage | undefined;
  close(): void;
}

/** Checks a follower link and returns its trainer's origin and secret, or throws with what is wrong. */
export function parseFollowLink(link: string): { origin: string; token: string } {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new Error(`not an address: ${link}`);
  }
  const token = url.searchParams.get('token');
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== DOORS.follower || !token) {
    throw new Error(`not a follower link (it looks like ${'http://host:4321' + DOORS.follower}?token=…): ${link}`);
  }
  return { origin: url.origin, token };
}

export function createFollowClient(log: Logger, announce: (message: SyncMessage) => void): FollowClient {
  let target: { origin: string; token: string } | null = null;
  let generation = 0;
  let socket: WebSocket | null = null;
  let timer: NodeJS.Timeout | undefined;
  let delay = RETRY_MIN_MS;
  let state: FollowState = 'stopped';
  let position: TrainerPosition = { deck: null, slide: 1, open: [], terminal: null };
  let latestReport: string | null = null;

  const status = (): SyncMessage | undefined =>
    target ? { type: 'trainer', state, trainer: new URL(target.origin).host, ...position } : undefined;
  const tell = (next: FollowState): void => {
    state = next;
    const message = status();
    if (message) announce(message);
  };
  const later = (ms: number, run: () => void): void => {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };

  const connect = async (mine: number): Promise<void> => {
    if (!target || mine !== generation) return;
    const { origin, token } = target;
    try {
      const response = await fetch(`${origin}/api/access`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token, role: 'follower' }),
        signal: AbortSignal.timeout(10_000),
      });
      if (mine !== generation) return;
      if (response.status === 401) {
        tell('refused');
        log.warn('the trainer refused the follower link', { trainer: origin });
        return later(REFUSED_RETRY_MS, () => void connect(mine));
      }
      if (!response.ok) throw new Error(`the trainer's server answered ${response.status}`);
      const { credential } = (await response.json()) as { credential: string };
      if (mine !== generation) return;
      open(mine, origin, credential);
    } catch (error) {
      if (mine !== generation) return;
      log.warn('cannot reach the trainer', { trainer: origin, reason: describeError(error) });
      retry(mine);
    }
  };

  const open = (mine: number, origin: string, credential: string): void => {
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws/follow`, { headers: { Authorization: `Bearer ${credential}` } });
    socket = ws;
    ws.on('open', () => {
      delay = RETRY_MIN_MS;
      tell('following');
      if (latestReport) ws.send(latestReport);
    });
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? undefined : parseFollowFeedMessage(parseJson(data.toString()));
      if (!message) return;
      const { type: _type, server: _server, ...next } = message;
      position = next;
      tell('following');
    });
    ws.on('error', (error) => log.warn('follow feed error', { trainer: origin, reason: error.message }));
    ws.on('unexpected-response', () => ws.terminate());
    ws.on('close', (code) => {
      if (socket === ws) socket = null;
      if (mine !== generation) return;
      if (code === FollowCloseCode.LinkReplaced) {
        tell('refused');
        return later(REFUSED_RETRY_MS, () => void connect(mine));
      }
      retry(mine);
    });
  };

  const retry = (mine: number): void => {
    if (state !== 'connecting') tell('connecting');
    later(delay, () => void connect(mine));
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  };

  const stop = (): void => {
    generation++;
    clearTimeout(timer);
    socket?.close(1000, 'stopped following');
    socket = null;
    if (target) tell('stopped');
    target = null;
  };

  return {
    start(link) {
      const parsed = parseFollowLink(link);
      stop();
      target = parsed;
      delay = RETRY_MIN_MS;
      tell('connecting');
      void connect(generation);
    },
    stop,
    report(report) {
      latestReport = JSON.stringify({ type: 'report', ...report });
      if (socket?.readyState === WebSocket.OPEN) socket.send(latestReport);
    },
    status,
    close() {
      stop();
    },
  };
}
