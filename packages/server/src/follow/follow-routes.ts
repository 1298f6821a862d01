// Following, over HTTP. As a trainer: GET /api/follow-link shows the follower link (with a QR code to
// put on screen), POST replaces it (every follower of the old link is disconnected and refused from
// then on). As an attendee with Deckhand of one's own: POST /api/follow {link} follows a trainer,
// DELETE /api/follow stops. Both need this server's own (trainer) credential.
import express, { type Router } from 'express';
import { renderSVG } from 'uqr';
import { DOORS, type AccessPolicy } from '../access/access-policy';
import { requireAccess } from '../access/access-routes';
import type { FollowClient } from './follow-client';

export interface FollowLink {
  url: string;
  /** The link as a QR code, an SVG document. */
  qr: string;
}

/** `base`: the origin followers reach this server by (its public address, or its address on the network). */
export function followRoutes(policy: AccessPolicy, base: () => string, client: FollowClient): Router {
  const router = express.Router();
  const body = express.json({ limit: '2kb' });
  const guard = requireAccess(policy, ['trainer']);
  const link = (): FollowLink => {
    const url = `${base()}${DOORS.follower}?token=${encodeURIComponent(policy.followToken)}`;
    return { url, qr: renderSVG(url, { border: 2 }) };
  };
  router.get('/api/follow-link', guard, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(link());
  });
  router.post('/api/follow-link', guard, (_req, res) => {
    policy.rotateFollowLink();
    res.setHeader('Cache-Control', 'no-store');
    res.json(link());
  });
  router.post('/api/follow', guard, body, (req, res) => {
    const link: unknown = (req.body as { link?: unknown } | undefined)?.link;
    try {
      if (typeof link !== 'string') throw new Error('give the follower link as {"link": "https://…/follow/?token=…"}');
      client.start(link);
    } catch (error) {
      res.status(400).json({ error: 'bad-link', message: (error as Error).message });
      return;
    }
    res.status(202).json(client.status());
  });
  router.delete('/api/follow', guard, (_req, res) => {
    client.stop();
    res.status(204).end();
  });
  return router;
}
