// The Deckhand server: the presenter app, the decks as JSON, deck files (images), and terminal sessions
// over WebSocket under /ws/. Binds 127.0.0.1 unless told otherwise; every deck and shell route needs
// the per-start secret.
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import express from 'express';
import { AccessPolicy, allowAddresses, allowPublicAddress } from './access/access-policy';
import { accessRoutes, requireAccess } from './access/access-routes';
import { hostAllowed, originAllowed } from './access/request-access';
import { TicketBook } from './access/tickets';
import { DeckLibrary } from './deck-library';
import { deckFiles, deckFilesPrefix } from './deck-files';
import { createFollowing } from './follow/following';
import { DEFAULT_FOLLOW_LIMITS, type FollowLimits } from './follow/follow-feed';
import { routeUpgrades } from './upgrade-routes';
import { watchDecks } from './deck-watch';
import { createLogger, type Logger } from './log';
import { createPresenterSync, PRESENTER_SYNC_PATH } from './presenter-sync';
import { answerErrors } from './request-errors';
import { createClassroom, DEFAULT_CLASSROOM_LIMITS, type Classroom, type ClassroomLimits, type LabellingSandbox } from './classroom/classroom';
import { DEFAULT_ROSTER_LIMITS, type RosterLimits } from './access/roster';
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
  /**
   * The address browsers reach the server by when a forwarding proxy stands in front of it (a
   * Codespaces or Gitpod port, a reverse proxy): printed, and admitted by the Host and Origin checks.
   */
  publicUrl?: URL;
  /** Followers per server and per address; defaults in follow/follow-feed.ts. */
  followLimits?: Partial<FollowLimits>;
  /** A trainer's follower link to follow from the start (`deckhand serve --follow LINK`). */
  follow?: string;
  /** Classroom mode: attendees by invite link, each with their own sandbox (needs a labelling sandbox, Docker). */
  classroom?: Partial<ClassroomLimits & RosterLimits>;
}

export interface RunningServer {
  /** The address to open, with the secret (the public address when there is one). */
  url: string;
  /** The same on this machine, past any proxy. */
  localUrl: string;
  /** The follower link: the decks and the trainer's position, never a shell. */
  followUrl: string;
  /** The class link, in classroom mode: each attendee gives a name and gets their own sandbox. */
  classUrl: string | undefined;
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.logger ?? createLogger();
  const classroomLimits = options.classroom ? { ...DEFAULT_CLASSROOM_LIMITS, ...options.classroom } : undefined;
  if (classroomLimits && !isLabelling(options.sandbox)) throw new Error('classroom mode needs a sandbox per attendee: use --sandbox docker');
  const policy = new AccessPolicy(options.token, options.classroom ? { ...DEFAULT_ROSTER_LIMITS, ...options.classroom } : undefined);
  const tickets = new TicketBook();
  const library = new DeckLibrary(options.decks, { html: options.html, filesPrefix: deckFilesPrefix(policy.filesKey) });
  const app = express();
  const http = createServer(app);
  const sessionLimits = { ...DEFAULT_SESSION_LIMITS, ...options.sessionLimits };
  // The class's sandboxes are limited by the classroom; the server's own limit must leave room for them.
  if (classroomLimits) sessionLimits.maxSessions = Math.max(sessionLimits.maxSessions, classroomLimits.maxSandboxes + sessionLimits.maxSessionsPerClient);
  const sessions = new SessionRegistry(options.sandbox, log, sessionLimits);
  const terminals = createTerminalRoute(sessions, log);
  const presenterSync = createPresenterSync(log);
  const deckWatch = watchDecks(library.root, (id) => library.ids().includes(id), (id) => presenterSync.announce({ type: 'deck-changed', deck: id }));
  const guard = requireAccess(policy, ['trainer', 'follower', 'attendee']);
  let origins = { trainer: '', follower: '' };
  // Behind a forwarding proxy every follower comes from the proxy's address: a per-address limit
  // would be a limit on the whole class, so there only the server's limit holds.
  const followLimits = { ...DEFAULT_FOLLOW_LIMITS, ...options.followLimits };
  if (options.publicUrl) followLimits.maxFollowersPerAddress = followLimits.maxFollowers;
  const following = createFollowing({ log, policy, sessions, presenterSync, base: () => origins.follower, limits: followLimits });
  const classroom: Classroom | undefined = classroomLimits
    ? createClassroom({ policy, sessions, sandbox: options.sandbox as LabellingSandbox, log, limits: classroomLimits, base: () => origins.follower })
    : undefined;

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

  // For a container's health check: answers while the server serves, and tells nothing else.
  app.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('text').send('ok');
  });
  app.use(accessRoutes(policy, tickets, options.appDir));
  app.use(following.routes);
  if (classroom) app.use(classroom.routes);
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
  // A block's run recorded in the presenter view during a rehearsal (rehearsal-recordings.ts).
  app.post(
    REHEARSAL_RECORDINGS_PATH,
    requireAccess(policy, ['trainer']),
    ...rehearsalRecordings(library, { secrets: () => policy.secrets(), sameOrigin: (request) => originAllowed(request, policy), log }),
    tooLarge,
  );
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not-found', message: 'No such API route.' });
  });
  app.get('/files/:key/{*path}', deckFiles(library.root, policy.filesKey, (file) => library.isReferenced(file)));
  app.use(express.static(options.appDir, { index: 'index.html' }));
  // The follower's door serves the same app (its address tells the app to follow, not present).
  app.use('/follow', express.static(options.appDir, { index: 'index.html' }));
  if (classroom) app.use('/join', express.static(options.appDir, { index: 'index.html' }));
  app.use(answerErrors(log));

  // Every WebSocket route, path → handler; routeUpgrades checks Host, Origin and access for all of them.
  routeUpgrades(http, { policy, tickets }, log, {
    '/ws/terminal': { roles: classroom ? ['trainer', 'attendee'] : ['trainer'], handler: terminals.handleUpgrade },
    [PRESENTER_SYNC_PATH]: { roles: ['trainer'], handler: (request, socket, head) => presenterSync.handleUpgrade(request, socket, head) },
    ...following.upgrades,
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  allowAddresses(policy, hostnamesFor(options.host), port);
  if (options.publicUrl) allowPublicAddress(policy, options.publicUrl);
  origins = originsFor(options.host, port, options.publicUrl);
  if (options.follow) following.follow(options.follow);
  warmDecks(library, log);

  return {
    url: `${origins.trainer}/?token=${encodeURIComponent(policy.token)}`,
    localUrl: `${originsFor(options.host, port, undefined).trainer}/?token=${encodeURIComponent(policy.token)}`,
    get followUrl() {
      return `${origins.follower}/follow/?token=${encodeURIComponent(policy.followToken)}`;
    },
    classUrl: classroom ? `${origins.follower}/join/?class=${encodeURIComponent(policy.classToken)}` : undefined,
    port,
    close: async () => {
      following.close();
      classroom?.close();
      sessions.close();
      terminals.close();
      deckWatch.close();
      presenterSync.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      // Every shell was disposed above; a container backend finishes removing what it created.
      await options.sandbox.close?.();
    },
  };
}

/**
 * The origins to print: the public address when a proxy gives one; else the trainer's on this machine
 * (loopback for a wildcard bind) and the followers' on the network (the first external IPv4 address).
 */
function originsFor(host: string, port: number, publicUrl: URL | undefined): { trainer: string; follower: string } {
  if (publicUrl) return { trainer: publicUrl.origin, follower: publicUrl.origin };
  const wildcard = host === '0.0.0.0' || host === '::';
  const shown = (name: string): string => `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === 'IPv4')?.address;
  return { trainer: shown(wildcard ? '127.0.0.1' : host), follower: shown(wildcard ? (external ?? '127.0.0.1') : host) };
}

function isLabelling(sandbox: Sandbox): sandbox is LabellingSandbox {
  return typeof (sandbox as Partial<LabellingSandbox>).withLabels === 'function';
}

/**
 * Reads every deck once in the background after the start, one at a time, so the first page to open a
 * deck gets it from the cache (a long deck with code and math takes hundreds of milliseconds to read).
 */
function warmDecks(library: DeckLibrary, log: Logger): void {
  const ids = library.ids();
  const next = (): void => {
    const id = ids.shift();
    if (id === undefined) return;
    library.loadTypeset(id).then(
      () => setImmediate(next),
      (error: unknown) => {
        log.warn('could not read a deck ahead', { deck: id, reason: error instanceof Error ? error.message : String(error) });
        setImmediate(next);
      },
    );
  };
  setImmediate(next);
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
