// The HTTP side of access. The printed address (`/?token=…`) is answered with the app's page carrying
// the credential in a <meta> tag, which the page moves to its origin's storage before anything else
// runs (apps/presenter/src/deck-access/server-access.ts); other clients trade the secret for the
// credential with POST /api/access. With the credential, POST /api/tickets gives a single-use ticket
// for a WebSocket. `requireAccess` guards every other route that reads a deck or reaches a shell.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { DOORS, type AccessPolicy, type Principal, type Role } from './access-policy';
import { requestPrincipal } from './request-access';
import type { TicketBook } from './tickets';

const INVALID_LINK = 'This access link is not valid for this server (or it was replaced by a new one). Ask for the current link.';
export const ACCESS_NEEDED = 'Open the address that deckhand serve printed (it ends in ?token=…).';

/** The principal a guarded route acts for, as set by requireAccess. */
export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** Lets a request through when its credential stands for one of `roles` (401 without one, 403 otherwise). */
export function requireAccess(policy: AccessPolicy, roles: readonly Role[] = ['trainer']) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const principal = requestPrincipal(req, policy);
    if (!principal) {
      res.status(401).json({ error: 'unauthorized', message: ACCESS_NEEDED });
      return;
    }
    if (!roles.includes(principal.role)) {
      res.status(403).json({ error: 'forbidden', message: `A ${principal.role} link cannot do this.` });
      return;
    }
    res.locals.principal = principal;
    next();
  };
}

export function accessRoutes(policy: AccessPolicy, tickets: TicketBook, appDir: string): Router {
  const router = express.Router();
  const body = express.json({ limit: '1kb' });
  // Each door answers its secret with the app's page and the credential in it.
  for (const [role, door] of Object.entries(DOORS) as [Role, string][]) {
    router.get(door, async (req, res, next) => {
      if (req.query.token === undefined) return next();
      const exchanged = policy.exchange(req.query.token, role);
      if (!exchanged) {
        res.status(401).type('text').send(INVALID_LINK);
        return;
      }
      const page = await readFile(path.join(appDir, 'index.html'), 'utf8');
      res.setHeader('Cache-Control', 'no-store');
      // The credential is base64url and the role a plain word: nothing in them needs escaping.
      const meta = `<meta name="deckhand-access" content="${exchanged.credential}" data-role="${role}" />`;
      res.type('html').send(page.replace('</head>', `  ${meta}\n  </head>`));
    });
  }
  router.post('/api/access', body, (req, res) => {
    const { token, role = 'trainer' } = (req.body ?? {}) as { token?: unknown; role?: unknown };
    const exchanged = role === 'trainer' || role === 'follower' || role === 'attendee' ? policy.exchange(token, role) : undefined;
    if (!exchanged) {
      res.status(401).json({ error: 'unauthorized', message: INVALID_LINK });
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({ credential: exchanged.credential, role: exchanged.principal.role });
  });
  router.post('/api/tickets', requireAccess(policy, ['trainer', 'follower', 'attendee']), (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ticket: tickets.issue(principalOf(res)) });
  });
  return router;
}
