// What an attendee's page tells the trainer's view: the deck and slide it shows and the exercises
// marked done. Checked here, since it comes from an attendee: anything else is refused whole.
export interface AttendeeReport {
  deck: string | null;
  slide: number | null;
  done: string[];
}

const MAX_DONE = 200;

export function parseAttendeeReport(value: unknown): AttendeeReport | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { deck = null, slide = null, done = [] } = value as Record<string, unknown>;
  if (deck !== null && !(typeof deck === 'string' && deck.length > 0 && deck.length <= 200)) return undefined;
  if (slide !== null && !(Number.isInteger(slide) && (slide as number) >= 1 && (slide as number) <= 100_000)) return undefined;
  if (!Array.isArray(done) || done.length > MAX_DONE) return undefined;
  if (!done.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 120)) return undefined;
  return { deck: deck as string | null, slide: slide as number | null, done: [...new Set(done as string[])] };
}
