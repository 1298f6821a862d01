// The /ws/terminal upgrade: reads which terminal the page wants (`term`, its size, and the `offset`
// it has reached when resuming) and which browser it is (`client`, the id the page keeps in its own
// storage), and hands the socket to the registry. Host, Origin and access were already checked by
// routeUpgrades, which also names the principal: sessions are owned by principal and client together.
import { randomBytes } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { MAX_CLIENT_FRAME_BYTES, MAX_TERMINAL_TABS, SUBPROTOCOL, clampSize } from '@deckhand/protocol';
import { sessionOwner } from '../access/access-policy';
import { isClientId } from '../access/request-access';
import { describeError } from '../fail-closed';
import type { Logger } from '../log';
import type { UpgradeHandler } from '../upgrade-routes';
import type { SessionRegistry } from './session-registry';

export interface TerminalRoute {
  handleUpgrade: UpgradeHandler;
  close(): void;
}

/** A WebSocket server speaking the terminal protocol: the pages' terminals here, the followers' shared terminal (follow/terminal-watch.ts). */
export function terminalSocketServer(): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
}

export function createTerminalRoute(registry: SessionRegistry, log: Logger): TerminalRoute {
  const wss = terminalSocketServer();
  return {
    handleUpgrade(request, socket, head, url, principal) {
      const query = url.searchParams;
      const term = Number(query.get('term') ?? '1');
      const offset = query.has('offset') ? Number(query.get('offset')) : undefined;
      const valid = Number.isInteger(term) && term >= 1 && term <= MAX_TERMINAL_TABS && (offset === undefined || (Number.isSafeInteger(offset) && offset >= 0));
      if (!valid) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const size = clampSize(Number(query.get('cols')) || 80, Number(query.get('rows')) || 24);
      // Without a client id (a non-browser client) the session belongs to this socket alone: nobody
      // can come back to it, so it ends with its socket instead of waiting out the grace period.
      const client = query.get('client');
      const resumable = isClientId(client);
      const owner = sessionOwner(principal, resumable ? client : `socket-${randomBytes(16).toString('base64url')}`);
      wss.handleUpgrade(request, socket, head, (ws) => {
        registry.attach(ws, { owner, term, ...size, resumeFrom: offset, resumable }).catch((error: unknown) => {
          log.error('unexpected error attaching a terminal', { reason: describeError(error) });
          ws.close(1011, 'internal error');
        });
      });
    },
    close() {
      wss.close();
    },
  };
}
