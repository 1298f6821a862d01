// WebSocket upgrades under /ws/: one table of path → roles and handler. Every route gets the same
// checks first (Host against DNS rebinding, Origin against cross-site WebSocket hijacking: 403; no
// valid ticket or bearer credential: 401; a principal whose role the route does not admit: 403), so a
// handler only ever sees requests that are allowed to reach it, with the principal they act for. Add a route with one line in server.ts. Any request target, header or
// cookie, well formed or not, ends in an answer for that request alone.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AccessPolicy, Principal, Role } from './access/access-policy';
import { hostAllowed, originAllowed, requestPrincipal } from './access/request-access';
import type { TicketBook } from './access/tickets';
import { describeError, nextRequestId } from './fail-closed';
import type { Logger } from './log';

/** Takes over an allowed upgrade request (typically with `WebSocketServer.handleUpgrade`). */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer, url: URL, principal: Principal) => void;

export interface UpgradeRoute {
  /** Who may open this socket. */
  roles: readonly Role[];
  handler: UpgradeHandler;
}

export function routeUpgrades(
  http: Server,
  access: { policy: AccessPolicy; tickets: TicketBook },
  log: Logger,
  routes: Record<string, UpgradeRoute>,
): void {
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, text: string): void => {
      if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
    };
    try {
      const url = upgradeTarget(request.url);
      if (!url) return refuse(400, 'Bad Request');
      const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
      if (!route) return refuse(404, 'Not Found');
      if (!hostAllowed(request, access.policy) || !originAllowed(request, access.policy)) return refuse(403, 'Forbidden');
      // A browser presents a ticket (it cannot set headers on a WebSocket); other clients may send their
      // credential as a bearer header instead. The ticket is spent either way.
      const ticket = url.searchParams.get('ticket');
      const principal = ticket !== null ? access.tickets.redeem(ticket) : requestPrincipal(request, access.policy);
      if (!principal) return refuse(401, 'Unauthorized');
      if (!route.roles.includes(principal.role)) return refuse(403, 'Forbidden');
      url.searchParams.delete('ticket');
      route.handler(request, socket, head, url, principal);
    } catch (error) {
      const requestId = nextRequestId();
      log.error('unexpected error in a WebSocket upgrade', { request: requestId, reason: describeError(error) });
      refuse(500, 'Internal Server Error');
    }
  });
}

/**
 * The upgrade's target as a URL, or undefined for one that does not parse (`GET http://[/ws/…`).
 * Origin form (`/ws/terminal?…`) is what browsers and reverse proxies send; absolute form is accepted
 * too, as HTTP requires, and only its path and query are used (Host was checked on its own).
 */
function upgradeTarget(target: string | undefined): URL | undefined {
  if (typeof target !== 'string') return undefined;
  try {
    const url = target.startsWith('/') ? new URL(target, 'http://deckhand.invalid') : new URL(target);
    return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}
