// Classroom mode (`deckhand serve --classroom`): attendees by invite link, each with their own sandbox
// terminal. Access decides who is an attendee (access/roster.ts, the `/join/` door); this module places
// their sessions (their own labelled sandbox, within the class's limits), keeps what their pages report
// (deck, slide, exercises done), and gives the trainer the room: who is connected, where they are, what
// their sandbox uses, and ending one attendee's sandbox or the whole class.
import type { Router } from 'express';
import { ATTENDEE_PREFIX, type AccessPolicy } from '../access/access-policy';
import type { Invite } from '../access/roster';
import type { Logger } from '../log';
import type { Sandbox } from '../sandbox/sandbox';
import type { SessionRegistry } from '../sessions/session-registry';
import { classroomRoutes } from './classroom-routes';
import type { AttendeeReport } from './attendee-report';
import type { AttendeeStatus } from '@deckhand/protocol';

/** A sandbox backend that can label an attendee's containers (Docker; Kubernetes pods would too). */
export interface LabellingSandbox extends Sandbox {
  withLabels(labels: Record<string, string>): Sandbox;
  /** Memory the sandboxes use now, summed by the value of `label` on them. */
  memoryByLabel?(label: string): Promise<Map<string, number>>;
}

export interface ClassroomLimits {
  /** Sandbox terminals the whole class may have at once. */
  maxSandboxes: number;
  /** Terminal tabs (each its own sandbox) one attendee may have at once. */
  terminalsPerAttendee: number;
}

export const DEFAULT_CLASSROOM_LIMITS: ClassroomLimits = { maxSandboxes: 30, terminalsPerAttendee: 2 };
/** The label that names an attendee on their containers. */
export const ATTENDEE_LABEL = 'deckhand.attendee';
/** A page that reported within this long, or has a terminal open, counts as connected. */
const CONNECTED_MS = 30_000;

export interface Classroom {
  routes: Router;
  /** Every attendee as the trainer's view shows them. */
  attendees(): Promise<AttendeeStatus[]>;
  /** Ends every attendee's sandbox and forgets every invite (the end of the class). */
  end(): number;
  close(): void;
}

export interface ClassroomOptions {
  policy: AccessPolicy;
  sessions: SessionRegistry;
  sandbox: LabellingSandbox;
  log: Logger;
  limits: ClassroomLimits;
  /** The origin attendees reach this server by. */
  base: () => string;
}

export function createClassroom({ policy, sessions, sandbox, log, limits, base }: ClassroomOptions): Classroom {
  const roster = policy.roster;
  if (!roster) throw new Error('classroom mode needs an access policy with a roster');
  const reports = new Map<string, AttendeeReport & { at: number }>();
  const sandboxes = new Map<string, Sandbox>();
  const attendeeOf = (owner: string): string | undefined => (owner.startsWith(ATTENDEE_PREFIX) ? owner.slice(ATTENDEE_PREFIX.length).split('/')[0] : undefined);

  sessions.placement = {
    sandboxFor(owner) {
      const id = attendeeOf(owner);
      if (id === undefined) return sandbox;
      let labelled = sandboxes.get(id);
      if (!labelled) sandboxes.set(id, (labelled = sandbox.withLabels({ [ATTENDEE_LABEL]: id })));
      return labelled;
    },
    refusal(owner, owners) {
      const id = attendeeOf(owner);
      if (id === undefined) return undefined;
      const inClass = owners.filter((other) => attendeeOf(other) !== undefined);
      if (inClass.length >= limits.maxSandboxes) return `The class already has ${limits.maxSandboxes} sandboxes, its limit: ask the trainer.`;
      if (inClass.filter((other) => attendeeOf(other) === id).length >= limits.terminalsPerAttendee) {
        return `You already have ${limits.terminalsPerAttendee} terminals open, your limit: close one (type exit) and try again.`;
      }
      return undefined;
    },
  };
  const stopRevoking = policy.onRevoke((role, principalId) => {
    if (role !== 'attendee' || principalId === undefined) return;
    const id = principalId.slice(ATTENDEE_PREFIX.length);
    reports.delete(id);
    sandboxes.delete(id);
    sessions.endSessionsOf(principalId, 'the trainer removed this attendee');
  });

  const linkOf = (invite: Invite): string => `${base()}/join/?token=${encodeURIComponent(invite.secret)}`;
  let memory: { at: number; value: Promise<Map<string, number>> } | undefined;
  const memoryNow = (): Promise<Map<string, number>> => {
    // docker stats per container is not free: at most one round every few seconds, however many views ask.
    if (!memory || Date.now() - memory.at > 5_000) {
      memory = { at: Date.now(), value: sandbox.memoryByLabel?.(ATTENDEE_LABEL).catch(() => new Map<string, number>()) ?? Promise.resolve(new Map<string, number>()) };
    }
    return memory.value;
  };

  const classroom: Classroom = {
    routes: classroomRoutes({
      policy,
      base,
      classroom: () => classroom,
      report(principalId, report) {
        const id = principalId.slice(ATTENDEE_PREFIX.length);
        if (roster.get(id)) reports.set(id, { ...report, at: Date.now() });
      },
      linkOf,
      endSandbox(id) {
        sandboxes.delete(id);
        return sessions.endSessionsOf(`${ATTENDEE_PREFIX}${id}`, 'the trainer ended this sandbox');
      },
      log,
      limits,
    }),
    async attendees() {
      const usage = await memoryNow();
      return roster.list().map((invite) => {
        const own = sessions.sessionsOf(`${ATTENDEE_PREFIX}${invite.id}`);
        const report = reports.get(invite.id);
        return {
          id: invite.id,
          name: invite.name,
          link: linkOf(invite),
          connected: own.some((session) => session.viewerCount > 0) || (report !== undefined && Date.now() - report.at < CONNECTED_MS),
          deck: report?.deck ?? null,
          slide: report?.slide ?? null,
          done: report?.done ?? [],
          sandboxes: own.length,
          memoryBytes: own.length > 0 ? (usage.get(invite.id) ?? null) : null,
        };
      });
    },
    end() {
      let ended = 0;
      for (const invite of roster.list()) {
        ended += sessions.endSessionsOf(`${ATTENDEE_PREFIX}${invite.id}`, 'the class has ended');
        policy.removeAttendee(invite.id);
      }
      log.info('class ended', { sandboxes: ended });
      return ended;
    },
    close() {
      stopRevoking();
      sessions.placement = undefined;
    },
  };
  return classroom;
}
