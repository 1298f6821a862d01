// Where a terminal's output comes from. The live shell over WebSocket is one source; a recording
// replayed in a static export will be another. The terminal view only knows this interface.

export type TerminalStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  | { state: 'exited'; code: number; signal: number }
  | { state: 'closed'; reason: string };

export interface TerminalSource {
  onOutput(listener: (data: Uint8Array) => void): () => void;
  onStatus(listener: (status: TerminalStatus) => void): () => void;
  sendInput(text: string): void;
  resize(cols: number, rows: number): void;
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
