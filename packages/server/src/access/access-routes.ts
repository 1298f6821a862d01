// The HTTP side of access. The printed address (`/?token=…`) is answered with the app's page carrying
// the credential in a <meta> tag, which the page moves to its origin's storage before anything else
// runs (apps/presenter/src/deck-access/server-access.ts); other clients trade the secret for the
// credential with POST /api/access. With the credential, POST /api/tickets gives a single-use ticket
// for a WebSocket. `requireAccess` guards every other route that reads a deck or reaches a shell.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AccessPolicy, Principal } from './access-policy';
import { requestPrincipal } from './request-access';
import type { TicketBook } from './tickets';

const INVALID_LINK = 'This access link is not valid for this server. Use the address it printed at start.';
export const ACCESS_NEEDED = 'Open the address that deckhand serve printed (it ends in ?token=…).';

/** The principal a guarded route acts for, as set by requireAccess. */
export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

export function requireAccess(policy: AccessPolicy) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const principal = requestPrincipal(req, policy);
    if (!principal) {
      res.status(401).json({ error: 'unauthorized', message: ACCESS_NEEDED });
      return;
    }
    res.locals.principal = principal;
    next();
  };
}

export function accessRoutes(policy: AccessPolicy, tickets: TicketBook, appDir: string): Router {
  const router = express.Router();
  const body = express.json({ limit: '1kb' });
  router.get('/', async (req, res, next) => {
    if (req.query.token === undefined) return next();
    const credential = typeof req.query.token === 'string' ? policy.exchange(req.query.token) : undefined;
    if (!credential) {
      res.status(401).type('text').send(INVALID_LINK);
      return;
    }
    const page = await readFile(path.join(appDir, 'index.html'), 'utf8');
    res.setHeader('Cache-Control', 'no-store');
    // The credential is base64url: nothing in it needs escaping in an attribute.
    res.type('html').send(page.replace('</head>', `  <meta name="deckhand-access" content="${credential}" />\n  </head>`));
  });
  router.post('/api/access', body, (req, res) => {
    const secret: unknown = (req.body as { token?: unknown } | undefined)?.token;
    const credential = typeof secret === 'string' ? policy.exchange(secret) : undefined;
    if (!credential) {
      res.status(401).json({ error: 'unauthorized', message: INVALID_LINK });
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({ credential });
  });
  router.post('/api/tickets', requireAccess(policy), (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ticket: tickets.issue(principalOf(res)) });
  });
  return router;
}
