// The Deckhand server: the presenter app, the decks as JSON, deck files (images), and terminal sessions
// over WebSocket under /ws/. Binds 127.0.0.1 unless told otherwise; every deck and shell route needs
// the per-start secret.
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import express from 'express';
import { allowAddresses, createAccessPolicy } from './access/access-policy';
import { accessRoutes, requireAccess } from './access/access-routes';
import { hostAllowed } from './access/request-access';
import { TicketBook } from './access/tickets';
import { DeckLibrary } from './deck-library';
import { deckFiles, deckFilesPrefix } from './deck-files';
import { routeUpgrades } from './upgrade-routes';
import { watchDecks } from './deck-watch';
import { createLogger, type Logger } from './log';
import { createPresenterSync, PRESENTER_SYNC_PATH } from './presenter-sync';
import { answerErrors } from './request-errors';
import type { Sandbox } from './sandbox/sandbox';
import { DEFAULT_SESSION_LIMITS, SessionRegistry, type SessionLimits } from './sessions/session-registry';
import { createTerminalRoute } from './sessions/terminal-route';

export interface ServerOptions {
  /** A deck file or a folder of decks. */
  decks: string;
  /** The built presenter app (index.html and assets). */
  appDir: string;
  sandbox: Sandbox;
  host: string;
  port: number;
  token?: string;
  html?: boolean;
  logger?: Logger;
  /** Grace period, idle timeout, maximum lifetime and session limits; defaults in session-registry.ts. */
  sessionLimits?: Partial<SessionLimits>;
}

export interface RunningServer {
  /** The address to open, with the secret. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.logger ?? createLogger();
  const policy = createAccessPolicy(options.token);
  const tickets = new TicketBook();
  const library = new DeckLibrary(options.decks, { html: options.html, filesPrefix: deckFilesPrefix(policy.filesKey) });
  const app = express();
  const http = createServer(app);
  const sessions = new SessionRegistry(options.sandbox, log, { ...DEFAULT_SESSION_LIMITS, ...options.sessionLimits });
  const terminals = createTerminalRoute(sessions, log);
  const presenterSync = createPresenterSync(log);
  const deckWatch = watchDecks(library.root, (id) => library.ids().includes(id), (id) => presenterSync.deckChanged(id));
  const guard = requireAccess(policy);

  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    next();
  });
  app.use((req, res, next) => {
    if (!hostAllowed(req, policy)) {
      res.status(403).type('text').send('Forbidden: unknown Host header.');
      return;
    }
    next();
  });

  app.use(accessRoutes(policy, tickets, options.appDir));
  app.get('/api/decks', guard, (_req, res) => {
    res.json(library.summaries());
  });
  app.get('/api/decks/:id', guard, async (req, res) => {
    const deck = await library.loadTypeset(String(req.params.id));
    if (!deck) {
      res.status(404).json({ error: 'not-found', message: `No deck named "${String(req.params.id)}".` });
      return;
    }
    res.json(deck);
  });
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not-found', message: 'No such API route.' });
  });
  app.get('/files/:key/{*path}', deckFiles(library.root, policy.filesKey));
  app.use(express.static(options.appDir, { index: 'index.html' }));
  app.use(answerErrors(log));

  // Every WebSocket route, path → handler; routeUpgrades checks Host, Origin and access for all of them.
  routeUpgrades(http, { policy, tickets }, log, {
    '/ws/terminal': terminals.handleUpgrade,
    [PRESENTER_SYNC_PATH]: (request, socket, head) => presenterSync.handleUpgrade(request, socket, head),
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  allowAddresses(policy, hostnamesFor(options.host), port);
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${shownHost}:${port}/?token=${encodeURIComponent(policy.token)}`,
    port,
    close: async () => {
      sessions.close();
      terminals.close();
      deckWatch.close();
      presenterSync.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Names a browser may use to reach this server, for the Host and Origin allowlists. */
function hostnamesFor(host: string): string[] {
  const names = new Set(['127.0.0.1', 'localhost', '::1', host]);
  if (host === '0.0.0.0' || host === '::') {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address);
    }
  }
  return [...names];
}
