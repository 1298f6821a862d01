// Typing comes first. A terminal that floods (`yes`, a big `cat`, a chatty build) keeps every core busy:
// its shell, the server, and the browser parsing and drawing as fast as the ack window lets it. A
// keystroke in another terminal then waits for a core at every hop, and its echo takes two or three
// frames instead of one (docs/benchmarks.md, terminal). So while someone has typed in another terminal
// of this server within `Flow.typingPriorityMs`, a terminal's output is paced to
// `Flow.pacedBytesPerSecond` after a burst of `Flow.pacedBurstBytes`: far more than anyone reads, far
// less than a flood. A terminal's own keystrokes never pace it (Ctrl-C in a flood is not slowed), and
// once the typing stops the flood goes on at full speed.
import { Flow } from '@deckhand/protocol';

/** Who typed last, server-wide: one per server, shared by its sessions. */
export class TypingPriority {
  private latest = { session: '', at: -Infinity };
  /** The last keystroke by a session other than `latest.session`. */
  private previous = { session: '', at: -Infinity };

  constructor(private readonly now: () => number = () => performance.now()) {}

  typed(session: string): void {
    if (this.latest.session !== session) this.previous = this.latest;
    this.latest = { session, at: this.now() };
  }

  /** Whether a session other than `session` typed within `Flow.typingPriorityMs`. */
  othersTyping(session: string): boolean {
    const last = this.latest.session === session ? this.previous : this.latest;
    return this.now() - last.at < Flow.typingPriorityMs;
  }
}

/** One session's output allowance while others type (a token bucket). */
export class OutputPace {
  private tokens: number = Flow.pacedBurstBytes;
  private refilledAt: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.refilledAt = now();
  }

  /**
   * Counts output just read from the shell; returns how long (ms) to stop reading so the session keeps
   * to the pace, 0 when it may go on. Without typing elsewhere there is no pace, and the burst refills.
   */
  spend(bytes: number, othersTyping: boolean): number {
    const now = this.now();
    if (!othersTyping) {
      this.tokens = Flow.pacedBurstBytes;
      this.refilledAt = now;
      return 0;
    }
    this.tokens = Math.min(Flow.pacedBurstBytes, this.tokens + ((now - this.refilledAt) / 1000) * Flow.pacedBytesPerSecond);
    this.refilledAt = now;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens / Flow.pacedBytesPerSecond) * 1000;
  }
}
