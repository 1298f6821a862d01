// The one seam between terminal sessions and where shells run. A backend (a local pty, a Docker
// container, later a Kubernetes pod) implements `Sandbox`; session code never knows which one it has.

export interface ShellOptions {
  cols: number;
  rows: number;
  /** Directory to start in; backends map it into their own filesystem. */
  cwd?: string;
}

export interface ShellExit {
  code: number;
  signal: number;
}

export interface Disposable {
  dispose(): void;
}

/** A running shell with a terminal attached. */
export interface Shell {
  readonly pid: number;
  onData(listener: (data: Uint8Array) => void): Disposable;
  /** Fires once, after every byte of output has been delivered to onData listeners. */
  onExit(listener: (exit: ShellExit) => void): Disposable;
  write(data: Uint8Array | string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  /** Ends the shell and everything it started; safe to call more than once. */
  dispose(): void;
}

export interface Sandbox {
  readonly name: string;
  openShell(options: ShellOptions): Promise<Shell>;
}
