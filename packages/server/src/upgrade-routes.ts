// WebSocket upgrades under /ws/: one table of path → handler. Every route gets the same checks first
// (Host against DNS rebinding, Origin against cross-site WebSocket hijacking: 403; no access cookie:
// 401), so a handler only ever sees requests that are allowed to reach it. Add a route with one line
// in server.ts.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { hasAccess, hostAllowed, originAllowed, type AccessPolicy } from './access';

/** Takes over an allowed upgrade request (typically with `WebSocketServer.handleUpgrade`). */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => void;

export function routeUpgrades(http: Server, policy: AccessPolicy, routes: Record<string, UpgradeHandler>): void {
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(request.url ?? '/', 'http://localhost');
    const handler = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (!handler) return refuse(404, 'Not Found');
    if (!hostAllowed(request, policy) || !originAllowed(request, policy)) return refuse(403, 'Forbidden');
    if (!hasAccess(request, policy)) return refuse(401, 'Unauthorized');
    handler(request, socket, head, url);
  });
}
