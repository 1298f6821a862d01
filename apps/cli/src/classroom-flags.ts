// The `serve` flags of classroom mode: attendees by invite link, each with their own sandbox.
import { UsageError } from './usage-error';

export const CLASSROOM_FLAGS = {
  classroom: { type: 'boolean' },
  'max-attendees': { type: 'string' },
  'max-sandboxes': { type: 'string' },
} as const;

export const CLASSROOM_USAGE = `  --classroom       run a class: attendees join by invite link (made in the trainer's Classroom
                    page, or the printed class link where each gives a name), each with their own
                    sandbox terminal; needs --sandbox docker. The trainer's link stays the trainer's.
  --max-attendees N attendees the class takes (default 30); beyond it the class link says it is full
  --max-sandboxes N attendee sandboxes at once (default: --max-attendees), each attendee at most 2`;

export interface ClassroomSettings {
  maxAttendees: number;
  maxSandboxes: number;
}

export function classroomFromFlags(
  values: { classroom?: boolean; 'max-attendees'?: string; 'max-sandboxes'?: string; sandbox?: string },
  usage: string,
): ClassroomSettings | undefined {
  if (!values.classroom) {
    const stray = values['max-attendees'] !== undefined ? '--max-attendees' : values['max-sandboxes'] !== undefined ? '--max-sandboxes' : undefined;
    if (stray) throw new UsageError(`${stray} applies to --classroom only`, usage);
    return undefined;
  }
  if (values.sandbox !== 'docker' && values.sandbox !== 'kubernetes') {
    throw new UsageError('--classroom needs --sandbox docker (or kubernetes): an attendee must never get a shell on this machine', usage);
  }
  const maxAttendees = count(values['max-attendees'], '--max-attendees', 30, usage);
  const maxSandboxes = count(values['max-sandboxes'], '--max-sandboxes', maxAttendees, usage);
  return { maxAttendees, maxSandboxes };
}

function count(value: string | undefined, flag: string, fallback: number, usage: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 10_000) throw new UsageError(`${flag} must be a whole number from 1 to 10000, got "${value}"`, usage);
  return n;
}
