// What the rest of the app may ask of the terminals: run a block's commands (in its `term` tab),
// interrupt, focus, and watch output.
import type { RecordedRun } from '@deckhand/export/reader-format';

export interface RunRequest {
  commands: string[];
  /** Send Ctrl-C first. */
  interrupt?: boolean;
  /** Type without pressing Enter. */
  typeOnly?: boolean;
  /** Terminal tab to run in, 1-based (a block's `term` option); 1 by default. Opens the tab if needed. */
  term?: number;
  /** In the offline reader: the block's recorded run to replay instead of typing (null: it has none). */
  replay?: { run: RecordedRun | null; title: string };
}

export interface TerminalController {
  run(request: RunRequest): void;
  focus(): void;
  /** The shell's output as it arrives (the presenter app watches for the prompt to end a block's running state). */
  onOutput?(listener: (data: Uint8Array) => void): () => void;
  /** Starts a new shell in every tab, in place of shells that ended (after a server restart). */
  newShells?(): void;
  /** Shows terminal tab `term` (opened if needed), as another view of the deck did. */
  showTab?(term: number): void;
  /** Called when the shown tab changes here (a click on a tab, a block's `term`), not by showTab. */
  onTabShown?(listener: (term: number) => void): () => void;
}

/** The keystrokes that run a block: each command followed by Enter, multi-line commands line by line. */
export function keystrokesFor(request: RunRequest): string {
  const typed = request.commands.map((command) => command.replace(/\r?\n/g, '\r')).join('\r');
  return (request.interrupt ? '\x03' : '') + typed + (request.typeOnly ? '' : '\r');
}
