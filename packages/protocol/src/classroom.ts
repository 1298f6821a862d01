// The classroom's HTTP API (packages/server/src/classroom/classroom-routes.ts), as the trainer's
// Classroom page reads it (apps/presenter/src/classroom/): one attendee, and the whole class.

/** One attendee as the trainer sees them. Nothing else about them is kept. */
export interface AttendeeStatus {
  id: string;
  name: string;
  /** Their own invite link (works on any of their devices). */
  link: string;
  connected: boolean;
  deck: string | null;
  slide: number | null;
  /** Exercises they marked done. */
  done: string[];
  sandboxes: number;
  /** What their sandbox containers use, or null where the backend cannot say. */
  memoryBytes: number | null;
  /** Their link as a QR code (SVG), when asked for (`?qr=1`). */
  qr?: string;
}

export interface ClassroomState {
  /** The link where each attendee gives a name. */
  classLink: string;
  classQr?: string;
  maxAttendees: number;
  maxSandboxes: number;
  attendees: AttendeeStatus[];
}
