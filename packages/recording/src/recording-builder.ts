// Builds a recording while a block runs: output as it arrives, each piece stamped with the time since
// the start. Used by `deckhand record` (a check shell) and by the presenter's rehearsal recording (the
// live terminal). Stops collecting past the size limit, so a flood cannot fill memory, and says so.
import { capIdle, type BlockStamp, type CastEvent, type Recording } from './asciicast';
import { redact } from './redact';

export const RECORDING_LIMITS = {
  /** A recording larger than this is refused: it would make the offline course heavy to load. */
  maxBytes: 5 * 1024 * 1024,
  /** Pauses longer than this are cut to it (seconds), as `asciinema rec --idle-time-limit` does. */
  idleTimeLimit: 2,
} as const;

export interface FinishOptions {
  stamp?: BlockStamp;
  title?: string;
  idleTimeLimit?: number;
  /** Strings that must not appear in the recording (see redact.ts). */
  secrets?: readonly string[];
}

export class RecordingBuilder {
  private readonly events: CastEvent[] = [];
  private readonly started: number;
  private bytes = 0;
  private overflow = 0;

  constructor(
    private readonly size: { cols: number; rows: number },
    private readonly maxBytes: number = RECORDING_LIMITS.maxBytes,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.started = clock();
  }

  /** Terminal output, as the terminal would draw it. */
  output(data: string): void {
    this.add('o', data);
  }

  /** A resize of the terminal during the run. */
  resize(cols: number, rows: number): void {
    this.add('r', `${cols}x${rows}`);
  }

  /** Bytes of event data collected so far, and beyond the limit (0 when within it). */
  get byteCount(): number {
    return this.bytes + this.overflow;
  }

  get tooLarge(): boolean {
    return this.overflow > 0;
  }

  /** Why the recording cannot be kept, or null. */
  problem(): string | null {
    if (!this.tooLarge) return null;
    return `its output is ${megabytes(this.byteCount)}, over the ${megabytes(this.maxBytes)} limit of a recording (print less, or raise --max-size)`;
  }

  finish(options: FinishOptions = {}): Recording {
    const idleTimeLimit = options.idleTimeLimit ?? RECORDING_LIMITS.idleTimeLimit;
    const events = redact(capIdle(mergeBursts(this.events), idleTimeLimit), options.secrets ?? []);
    const recording: Recording = {
      cols: this.size.cols,
      rows: this.size.rows,
      idleTimeLimit,
      timestamp: Math.floor(this.started / 1000),
      events,
    };
    if (options.title !== undefined) recording.title = options.title;
    if (options.stamp) recording.stamp = options.stamp;
    return recording;
  }

  private add(code: CastEvent['code'], data: string): void {
    if (data.length === 0) return;
    const length = utf8Length(data);
    if (this.overflow > 0 || this.bytes + length > this.maxBytes) {
      this.overflow += length;
      return;
    }
    this.bytes += length;
    this.events.push({ time: (this.clock() - this.started) / 1000, code, data });
  }
}

/** Output pieces less than a millisecond apart are one event: fewer lines, the same replay. */
function mergeBursts(events: readonly CastEvent[]): CastEvent[] {
  const merged: CastEvent[] = [];
  for (const event of events) {
    const last = merged[merged.length - 1];
    if (last && last.code === 'o' && event.code === 'o' && event.time - last.time < 0.001) last.data += event.data;
    else merged.push({ ...event });
  }
  return merged;
}

/** UTF-8 size of a string (the pure package has no TextEncoder type to lean on). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
