// Gathers the server's output frames that arrive within one display frame into one, so a flood reaches
// the page's main thread as ~60 messages a second instead of hundreds. A browser pays for every
// WebSocket message on the thread that receives it; the terminal socket runs in a worker
// (terminal-socket.worker.ts) and hands the main thread this coalesced stream, leaving it to parse and
// draw. The first output after a quiet spell (a keystroke's echo) is passed on at once; any other
// frame (attached, screen, exit, …) first passes on the output gathered before it, so order is kept.
import { decodeServerFrame, encodeServerFrame, ProtocolError } from '@deckhand/protocol';

export const Coalescing = {
  /** Output is passed on at most this often during a flood: one display frame. */
  intervalMs: 16,
  /** Gathered output is passed on at once when it reaches this size, whatever the time. */
  maxBytes: 512 * 1024,
} as const;

export interface CoalescerClock {
  now(): number;
  /** Runs `callback` after `ms`; returns a function that cancels it. */
  after(ms: number, callback: () => void): () => void;
}

interface PendingOutput {
  offset: number;
  parts: Uint8Array[];
  bytes: number;
}

export class OutputCoalescer {
  private pending: PendingOutput | null = null;
  private lastPassedAt = -Infinity;
  private cancelTimer: (() => void) | null = null;

  constructor(
    /** Receives each frame to pass on, encoded as on the wire. */
    private readonly pass: (frame: Uint8Array) => void,
    private readonly clock: CoalescerClock,
  ) {}

  /** A frame as it came off the socket. */
  receive(frame: Uint8Array): void {
    const output = outputOf(frame);
    if (!output) {
      // Control frames, and anything malformed (the main thread decodes it and closes the socket).
      this.flush();
      this.pass(frame);
      return;
    }
    const now = this.clock.now();
    if (!this.pending && now - this.lastPassedAt >= Coalescing.intervalMs) {
      this.lastPassedAt = now;
      this.pass(frame);
      return;
    }
    if (this.pending && this.pending.offset + this.pending.bytes !== output.offset) this.flush();
    this.pending ??= { offset: output.offset, parts: [], bytes: 0 };
    this.pending.parts.push(output.data);
    this.pending.bytes += output.data.length;
    if (this.pending.bytes >= Coalescing.maxBytes) this.flush();
    else this.cancelTimer ??= this.clock.after(Math.max(0, this.lastPassedAt + Coalescing.intervalMs - now), () => this.flush());
  }

  /** Passes on the output gathered so far (before a close, or when its time has come). */
  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.lastPassedAt = this.clock.now();
    const data = pending.parts.length === 1 ? pending.parts[0]! : concat(pending.parts, pending.bytes);
    this.pass(encodeServerFrame({ type: 'output', offset: pending.offset, data }));
  }

  dispose(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.pending = null;
  }
}

function outputOf(frame: Uint8Array): { offset: number; data: Uint8Array } | null {
  try {
    const decoded = decodeServerFrame(frame);
    return decoded.type === 'output' ? decoded : null;
  } catch (error) {
    if (error instanceof ProtocolError) return null;
    throw error;
  }
}

function concat(parts: Uint8Array[], bytes: number): Uint8Array {
  const joined = new Uint8Array(bytes);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
