// The one seam between terminal sessions and where shells run. A backend (a local pty, a Docker
// container, later a Kubernetes pod) implements `Sandbox`; session code never knows which one it has.
//
// For backend authors: the interface is unchanged by the resumable sessions (issue 4), but a session
// now calls pause() and resume() often (ack-window flow control, and pause while no page is attached),
// including while the shell is exiting: a paused shell must still deliver all of its output before
// onExit (see PtyShell.pause for how node-pty's 200 ms exit timeout is handled). dispose() may come
// at any time, also before any output.

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
  /** Stop reading output until resume() (flow control); output is held back, never dropped. */
  pause(): void;
  resume(): void;
  /** Ends the shell and everything it started; safe to call more than once. */
  dispose(): void;
}

export interface Sandbox {
  readonly name: string;
  openShell(options: ShellOptions): Promise<Shell>;
  /**
   * Called when the server stops, after every shell was disposed: resolves once what the backend
   * created is gone (a container backend removes its containers asynchronously).
   */
  close?(): Promise<void>;
}
