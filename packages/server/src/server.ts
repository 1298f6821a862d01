// The Deckhand server: the presenter app, the decks as JSON, deck files (images), and terminal sessions
// over WebSocket under /ws/. Binds 127.0.0.1 unless told otherwise; every deck and shell route needs
// the per-start secret.
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  accessCookies,
  allowAddresses,
  createAccessPolicy,
  hasAccess,
  hostAllowed,
  originAllowed,
  sameSecret,
} from './access';
import { DeckLibrary } from './deck-library';
import { routeUpgrades } from './upgrade-routes';
import { watchDecks } from './deck-watch';
import { createLogger, type Logger } from './log';
import { createPresenterSync, PRESENTER_SYNC_PATH } from './presenter-sync';
import { REHEARSAL_RECORDINGS_PATH, rehearsalRecordings, tooLarge } from './rehearsal-recordings';
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
  const library = new DeckLibrary(options.decks, { html: options.html });
  const app = express();
  const http = createServer(app);
  const sessions = new SessionRegistry(options.sandbox, log, { ...DEFAULT_SESSION_LIMITS, ...options.sessionLimits });
  const terminals = createTerminalRoute(sessions);
  const policy = createAccessPolicy(options.token);
  const presenterSync = createPresenterSync(log);
  const deckWatch = watchDecks(library.root, (id) => library.ids().includes(id), (id) => presenterSync.deckChanged(id));

  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
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

  // Exchange the secret from the printed address for an HttpOnly cookie, and drop it from the address.
  app.get('/', (req, res, next) => {
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (token === undefined) return next();
    if (!sameSecret(token, policy.token)) {
      res.status(401).type('text').send('This access link is not valid for this server. Use the address it printed at start.');
      return;
    }
    res.setHeader('Set-Cookie', accessCookies(policy, req));
    res.redirect(303, '/');
  });

  const requireAccess = (req: Request, res: Response, next: NextFunction): void => {
    if (hasAccess(req, policy)) return next();
    res.status(401).json({ error: 'unauthorized', message: 'Open the address that deckhand serve printed (it ends in ?token=…).' });
  };

  app.get('/api/decks', requireAccess, (_req, res) => {
    res.json(library.summaries());
  });
  app.get('/api/decks/:id', requireAccess, async (req, res) => {
    const deck = await library.loadTypeset(String(req.params.id));
    if (!deck) {
      res.status(404).json({ error: 'not-found', message: `No deck named "${String(req.params.id)}".` });
      return;
    }
    res.json(deck);
  });
  // A block's run recorded in the presenter view during a rehearsal (rehearsal-recordings.ts).
  app.post(REHEARSAL_RECORDINGS_PATH, requireAccess, ...rehearsalRecordings(library, {
    secrets: [policy.token, policy.cookieValue],
    sameOrigin: (request) => originAllowed(request, policy),
    log,
  }), tooLarge);
  app.use('/files', requireAccess, express.static(library.root, { dotfiles: 'deny', index: false }));
  app.use(express.static(options.appDir, { index: 'index.html' }));

  // Every WebSocket route, path → handler; routeUpgrades checks Host, Origin and access for all of them.
  routeUpgrades(http, policy, {
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
    url: `http://${shownHost}:${port}/?token=${policy.token}`,
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
