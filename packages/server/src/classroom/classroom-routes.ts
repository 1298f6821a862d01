// Classroom mode over HTTP.
// - The class link: GET /join/?class=… shows a name form; POST /join/ makes the attendee's own invite
//   and sends the browser to its link (303), or answers the class is full (403) or the name taken (409).
// - The attendee (their own credential): GET /api/classroom/me (name and own link, to open it on another
//   device), POST /api/classroom/report (deck, slide, exercises done).
// - The trainer: GET /api/classroom (the class link and every attendee, with QR codes when ?qr=1),
//   POST /api/classroom/invites ({names} or {count}), DELETE /api/classroom/attendees/:id/sandbox (ends
//   their terminals; their link stays), DELETE /api/classroom/attendees/:id (their link stops working
//   too), POST /api/classroom/end (every attendee's sandbox ended and every invite forgotten).
import express, { type Router } from 'express';
import { renderSVG } from 'uqr';
import { ATTENDEE_PREFIX, DOORS, type AccessPolicy } from '../access/access-policy';
import { principalOf, requireAccess } from '../access/access-routes';
import type { Invite } from '../access/roster';
import type { Logger } from '../log';
import { parseAttendeeReport, type AttendeeReport } from './attendee-report';
import type { Classroom, ClassroomLimits } from './classroom';
import { classFull, nameForm, notValid } from './join-page';

/** Invites one request may make (a batch for a class). */
const MAX_BATCH = 200;

export interface ClassroomRouteOptions {
  policy: AccessPolicy;
  base: () => string;
  classroom: () => Classroom;
  report(principalId: string, report: AttendeeReport): void;
  linkOf(invite: Invite): string;
  endSandbox(id: string): number;
  log: Logger;
  limits: ClassroomLimits;
}

export function classroomRoutes(options: ClassroomRouteOptions): Router {
  const { policy, base, linkOf, limits } = options;
  const roster = policy.roster;
  if (!roster) throw new Error('classroom routes need a roster');
  const router = express.Router();
  const trainer = requireAccess(policy, ['trainer']);
  const attendee = requireAccess(policy, ['attendee']);
  const json = express.json({ limit: '16kb' });
  const form = express.urlencoded({ extended: false, limit: '2kb' });
  const noStore: express.RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
  const classLink = (): string => `${base()}${DOORS.attendee}?class=${encodeURIComponent(policy.classToken)}`;

  router.get(DOORS.attendee, noStore, (req, res, next) => {
    if (req.query.class === undefined) return next();
    if (!policy.isClassToken(req.query.class)) return void res.status(401).type('html').send(notValid());
    if (roster.full) return void res.status(403).type('html').send(classFull(roster.limits.maxAttendees));
    res.type('html').send(nameForm(policy.classToken));
  });
  router.post(DOORS.attendee, noStore, form, (req, res) => {
    const body = (req.body ?? {}) as { class?: unknown; name?: unknown };
    if (!policy.isClassToken(body.class)) return void res.status(401).type('html').send(notValid());
    const invite = roster.invite(typeof body.name === 'string' ? body.name : '');
    if (invite === 'full') return void res.status(403).type('html').send(classFull(roster.limits.maxAttendees));
    if (invite === 'name-taken') {
      return void res.status(409).type('html').send(nameForm(policy.classToken, 'Someone in the class already has this name: choose another (or ask the trainer for your own link).'));
    }
    if (invite === 'bad-name') return void res.status(400).type('html').send(nameForm(policy.classToken, 'Give a name of 1 to 40 letters, digits and spaces.'));
    options.log.info('attendee joined by the class link', { attendee: invite.id });
    res.redirect(303, `${DOORS.attendee}?token=${encodeURIComponent(invite.secret)}`);
  });

  router.get('/api/classroom/me', attendee, noStore, (_req, res) => {
    const invite = roster.get(principalOf(res).id.slice(ATTENDEE_PREFIX.length));
    if (!invite) return void res.status(401).json({ error: 'unauthorized', message: 'This invite was removed.' });
    res.json({ name: invite.name, link: linkOf(invite) });
  });
  router.post('/api/classroom/report', attendee, json, (req, res) => {
    const report = parseAttendeeReport(req.body);
    if (!report) return void res.status(400).json({ error: 'bad-report', message: 'A report is {deck, slide, done: [exercise ids]}.' });
    options.report(principalOf(res).id, report);
    res.status(204).end();
  });

  router.get('/api/classroom', trainer, noStore, async (req, res) => {
    const withQr = req.query.qr === '1';
    const attendees = await options.classroom().attendees();
    res.json({
      classLink: classLink(),
      classQr: withQr ? renderSVG(classLink(), { border: 2 }) : undefined,
      maxAttendees: roster.limits.maxAttendees,
      maxSandboxes: limits.maxSandboxes,
      attendees: attendees.map((status) => ({ ...status, qr: withQr ? renderSVG(status.link, { border: 2 }) : undefined })),
    });
  });
  router.post('/api/classroom/invites', trainer, noStore, json, (req, res) => {
    const { names, count } = (req.body ?? {}) as { names?: unknown; count?: unknown };
    const wanted =
      Array.isArray(names) && names.length > 0 && names.length <= MAX_BATCH
        ? names
        : Number.isInteger(count) && (count as number) >= 1 && (count as number) <= MAX_BATCH
          ? Array.from({ length: count as number }, () => null)
          : undefined;
    if (!wanted) return void res.status(400).json({ error: 'bad-invites', message: `Give {"names": ["Ada", …]} or {"count": N} (at most ${MAX_BATCH}).` });
    const made: Array<{ id: string; name: string; link: string }> = [];
    const refused: Array<{ name: unknown; reason: string }> = [];
    for (const name of wanted) {
      const invite = roster.invite(typeof name === 'string' ? name : name === null ? roster.nextNumberedName() : '');
      if (typeof invite === 'string') refused.push({ name, reason: invite });
      else made.push({ id: invite.id, name: invite.name, link: linkOf(invite) });
    }
    res.status(made.length > 0 ? 201 : 409).json({ made, refused });
  });
  router.delete('/api/classroom/attendees/:id/sandbox', trainer, (req, res) => {
    if (!roster.get(String(req.params.id))) return void res.status(404).json({ error: 'not-found', message: 'No such attendee.' });
    res.json({ ended: options.endSandbox(String(req.params.id)) });
  });
  router.delete('/api/classroom/attendees/:id', trainer, (req, res) => {
    if (!policy.removeAttendee(String(req.params.id))) return void res.status(404).json({ error: 'not-found', message: 'No such attendee.' });
    res.status(204).end();
  });
  router.post('/api/classroom/end', trainer, (_req, res) => {
    res.json({ ended: options.classroom().end() });
  });
  return router;
}
