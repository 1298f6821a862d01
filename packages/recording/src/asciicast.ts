// The asciicast format (asciinema's): reads v2 and v3, writes v3 (and v2 for older players). A
// recording is newline-delimited JSON: a header object, then one event per line. v3 gives each event's
// time as the interval since the previous one and the size as `term: {cols, rows}`; v2 gives absolute
// times and `width`/`height`. In memory every time is absolute, in seconds, so replay and seeking need
// no running sum. Bad input never throws: a broken header makes no recording, a broken event line is
// dropped, and each is reported with its line number.
// Specs: https://docs.asciinema.org/manual/asciicast/v3/ and …/v2/

/** `o` output, `i` input, `r` resize (`"COLSxROWS"`), `m` marker, `x` exit status (v3). */
export type EventCode = 'o' | 'i' | 'r' | 'm' | 'x';

export interface CastEvent {
  /** Seconds since the recording started. */
  time: number;
  code: EventCode;
  data: string;
}

/** Deckhand's own header field: which block of which deck a recording is of. Players ignore it. */
export interface BlockStamp {
  /** The deck's file name (`02-running-containers.md`). */
  deck: string;
  /** The block's id in the deck when recorded (`s3-b1`, or its `id` option). */
  block: string;
  /** Hash of the block's text and options: a recording whose block changed since is out of date. */
  fingerprint: string;
  /** `record` ran it, or a trainer recorded it during a rehearsal. */
  by: 'record' | 'rehearsal';
}

export interface Recording {
  cols: number;
  rows: number;
  /** Pauses longer than this many seconds are shortened to it on replay (asciinema's idle_time_limit). */
  idleTimeLimit?: number;
  title?: string;
  /** Unix time (seconds) the recording started. */
  timestamp?: number;
  stamp?: BlockStamp;
  events: CastEvent[];
}

export interface CastProblem {
  /** 1-based line in the .cast file. */
  line: number;
  message: string;
}

export interface ParsedCast {
  /** Null when the header cannot be read: nothing in the file is usable. */
  recording: Recording | null;
  problems: CastProblem[];
}

const CODES: ReadonlySet<string> = new Set(['o', 'i', 'r', 'm', 'x']);
/** Reported once per file beyond this many bad lines, so a binary file does not flood the build log. */
const MAX_PROBLEMS = 5;

export function parseCast(text: string): ParsedCast {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const problems: CastProblem[] = [];
  const header = readHeader(lines[0] ?? '');
  if ('problem' in header) return { recording: null, problems: [{ line: 1, message: header.problem }] };

  const events: CastEvent[] = [];
  let time = 0;
  let bad = 0;
  const lastLine = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
  for (let index = 1; index < lastLine; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '' || (header.version === 3 && line.startsWith('#'))) continue;
    const event = readEvent(line);
    if (typeof event === 'string') {
      bad++;
      const truncated = index === lastLine - 1 && !text.endsWith('\n');
      if (bad <= MAX_PROBLEMS) problems.push({ line: index + 1, message: truncated ? `the file ends in the middle of an event (truncated?): ${event}` : event });
      continue;
    }
    const [at, code, data] = event;
    // v3 times are intervals; v2 times are absolute and must not go backwards.
    // (rounded to microseconds, so summed intervals give back the times that were written).
    time = header.version === 3 ? Math.round((time + at) * 1e6) / 1e6 : Math.max(time, at);
    events.push({ time, code, data });
  }
  if (bad > MAX_PROBLEMS) problems.push({ line: lastLine, message: `${bad - MAX_PROBLEMS} more unreadable event line(s)` });
  return { recording: { ...header.recording, events }, problems };
}

type Header = { version: 2 | 3; recording: Omit<Recording, 'events'> } | { problem: string };

function readHeader(line: string): Header {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'not an asciicast: the first line is not a JSON header (asciinema writes {"version": 2 or 3, …})' };
  }
  if (!isObject(value)) return { problem: 'not an asciicast: the first line is not a JSON object' };
  if (value.version === 1 || Array.isArray(value.stdout)) return { problem: 'asciicast v1 (one JSON document) is not supported: convert it with asciinema 2 or 3' };
  let cols: unknown;
  let rows: unknown;
  if (value.version === 2) {
    cols = value.width;
    rows = value.height;
  } else if (value.version === 3) {
    const term = isObject(value.term) ? value.term : {};
    cols = term.cols;
    rows = term.rows;
  } else {
    return { problem: `unsupported asciicast version ${JSON.stringify(value.version)} (Deckhand reads versions 2 and 3)` };
  }
  if (!isSize(cols) || !isSize(rows)) return { problem: 'the header has no terminal size (v3: term.cols and term.rows; v2: width and height)' };
  const recording: Omit<Recording, 'events'> = { cols, rows };
  const limit = value.idle_time_limit;
  if (typeof limit === 'number' && limit > 0 && Number.isFinite(limit)) recording.idleTimeLimit = limit;
  if (typeof value.title === 'string') recording.title = value.title;
  if (typeof value.timestamp === 'number' && Number.isFinite(value.timestamp)) recording.timestamp = value.timestamp;
  const stamp = readStamp(value.deckhand);
  if (stamp) recording.stamp = stamp;
  return { version: value.version, recording };
}

function readStamp(value: unknown): BlockStamp | undefined {
  if (!isObject(value)) return undefined;
  const { deck, block, fingerprint, by } = value;
  if (typeof deck !== 'string' || typeof block !== 'string' || typeof fingerprint !== 'string') return undefined;
  return { deck, block, fingerprint, by: by === 'rehearsal' ? 'rehearsal' : 'record' };
}

function readEvent(line: string): [number, EventCode, string] | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not a JSON event line ([time, code, data])';
  }
  if (!Array.isArray(value) || value.length < 3) return 'an event must be [time, code, data]';
  const [time, code, data] = value as unknown[];
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) return 'an event time must be a number of seconds, 0 or more';
  if (typeof code !== 'string' || !CODES.has(code)) return `unknown event code ${JSON.stringify(code)}`;
  if (typeof data !== 'string') return 'an event’s data must be a string';
  return [time, code as EventCode, data];
}

/** asciicast v3: the header, then `[interval, code, data]` lines. */
export function writeCastV3(recording: Recording): string {
  const header: Record<string, unknown> = { version: 3, term: { cols: recording.cols, rows: recording.rows, type: 'xterm-256color' } };
  addOptional(header, recording);
  const lines = [JSON.stringify(header)];
  let previous = 0;
  for (const event of recording.events) {
    // Intervals between rounded absolute times: rounding never accumulates into drift.
    const at = round(event.time);
    lines.push(`[${round(at - previous)}, ${JSON.stringify(event.code)}, ${JSON.stringify(event.data)}]`);
    previous = at;
  }
  return lines.join('\n') + '\n';
}

/** asciicast v2, for players that predate v3 (Debian's asciinema 2.x): absolute times. */
export function writeCastV2(recording: Recording): string {
  const header: Record<string, unknown> = { version: 2, width: recording.cols, height: recording.rows };
  addOptional(header, recording);
  header.env = { TERM: 'xterm-256color' };
  const lines = [JSON.stringify(header)];
  // v2 knows no exit event; output, input, markers and resizes are the same.
  for (const event of recording.events) if (event.code !== 'x') lines.push(`[${round(event.time)}, ${JSON.stringify(event.code)}, ${JSON.stringify(event.data)}]`);
  return lines.join('\n') + '\n';
}

function addOptional(header: Record<string, unknown>, recording: Recording): void {
  if (recording.timestamp !== undefined) header.timestamp = Math.round(recording.timestamp);
  if (recording.idleTimeLimit !== undefined) header.idle_time_limit = recording.idleTimeLimit;
  if (recording.title !== undefined) header.title = recording.title;
  if (recording.stamp) header.deckhand = recording.stamp;
}

/** Pauses longer than `limit` seconds shortened to `limit`, as asciinema's idle_time_limit does. */
export function capIdle(events: readonly CastEvent[], limit: number | undefined): CastEvent[] {
  if (limit === undefined || !(limit > 0)) return [...events];
  let previous = 0;
  let shift = 0;
  return events.map((event) => {
    const gap = event.time - previous;
    if (gap > limit) shift += gap - limit;
    previous = event.time;
    return { ...event, time: event.time - shift };
  });
}

/** Seconds from the start to the last event, after idle capping. */
export function durationOf(events: readonly CastEvent[]): number {
  return events.length > 0 ? (events[events.length - 1] as CastEvent).time : 0;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 10_000;
}
