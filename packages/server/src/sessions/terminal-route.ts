// The /ws/terminal upgrade: reads which terminal the page wants (`term`, its size, and the `offset`
// it has reached when resuming) and who it is (the client cookie), and hands the socket to the
// registry. Host, Origin and access were already checked by routeUpgrades.
import { randomBytes } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { MAX_CLIENT_FRAME_BYTES, SUBPROTOCOL, clampSize } from '@deckhand/protocol';
import { clientId } from '../access';
import type { UpgradeHandler } from '../upgrade-routes';
import type { SessionRegistry } from './session-registry';

/** Terminal tabs a page may address (`term=1` … `term=MAX_TERMINAL_TABS`). */
export const MAX_TERMINAL_TABS = 9;

export interface TerminalRoute {
  handleUpgrade: UpgradeHandler;
  close(): void;
}

export function createTerminalRoute(registry: SessionRegistry): TerminalRoute {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  return {
    handleUpgrade(request, socket, head, url) {
      const query = url.searchParams;
      const term = Number(query.get('term') ?? '1');
      const offset = query.has('offset') ? Number(query.get('offset')) : undefined;
      const valid = Number.isInteger(term) && term >= 1 && term <= MAX_TERMINAL_TABS && (offset === undefined || (Number.isSafeInteger(offset) && offset >= 0));
      if (!valid) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const size = clampSize(Number(query.get('cols')) || 80, Number(query.get('rows')) || 24);
      // Without a client cookie (a non-browser client) the session belongs to this socket alone.
      const owner = clientId(request) ?? `socket-${randomBytes(16).toString('base64url')}`;
      wss.handleUpgrade(request, socket, head, (ws) => {
        void registry.attach(ws, { owner, term, ...size, resumeFrom: offset });
      });
    },
    close() {
      wss.close();
    },
  };
}
