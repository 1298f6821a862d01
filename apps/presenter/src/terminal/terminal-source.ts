// Where a terminal's output comes from. The live shell over WebSocket is one source; a recording
// replayed in the offline reader (`deckhand build`) is the other. The terminal view only knows this
// interface.
import type { RecordedRun } from '@deckhand/export/reader-format';

export type TerminalStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  /** The connection dropped; the same shell comes back when it is restored. */
  | { state: 'reconnecting'; attempt: number }
  | { state: 'exited'; code: number; signal: number }
  /** The session is over (server stopped or restarted, timed out, refused): a new shell is needed. */
  | { state: 'closed'; reason: string };

/** A session's end announced ahead of time (idle timeout or maximum lifetime). */
export interface EndingWarning {
  reason: 'idle' | 'lifetime';
  /** Time (Date.now()) at which the session ends. */
  at: number;
}

/** What a source draws into: the pane's xterm.js. `parsed` fires once xterm has processed the data. */
export interface TerminalScreen {
  write(data: Uint8Array | string, parsed: () => void): void;
  /** Clears screen and scrollback before a serialized screen replaces them. */
  reset(): void;
}

export interface TerminalSource {
  /** Where output is drawn; the source acks what the screen has parsed. */
  bind(screen: TerminalScreen): void;
  /** Raw output as it arrives, for observers (the block-run prompt watch). */
  onOutput(listener: (data: Uint8Array) => void): () => void;
  onStatus(listener: (status: TerminalStatus) => void): () => void;
  onWarning(listener: (warning: EndingWarning | null) => void): () => void;
  sendInput(text: string): void;
  resize(cols: number, rows: number): void;
  /** Replays a block's recorded run (null: the block has none); only a recording source can. */
  play?(run: RecordedRun | null, title: string): void;
  dispose(): void;
}

/** A tiny typed event list; returns an unsubscribe function. */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
}
