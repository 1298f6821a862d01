// A shell whose terminal is a node-pty pseudo-terminal: what the local and the Docker backends share
// (output as bytes, exit after the last byte, flow control that never loses the tail). A backend says
// only how its shell ends.
import type * as pty from 'node-pty';
import type { Disposable, Shell, ShellExit } from './sandbox';

/** How often a paused shell checks whether its process has exited (see pause()). */
const EXIT_WATCH_MS = 50;

export abstract class PtyShell implements Shell {
  protected disposed = false;
  private paused = false;
  /** The process is gone: only the rest of its output is left to read, so never pause again. */
  private draining = false;
  private exitWatch: NodeJS.Timeout | undefined;

  constructor(protected readonly child: pty.IPty) {}

  /** Ends the shell and everything it started; called once, after reading has resumed. */
  protected abstract end(): void;

  get pid(): number {
    return this.child.pid;
  }

  onData(listener: (data: Uint8Array) => void): Disposable {
    return this.child.onData((data) => listener(typeof data === 'string' ? Buffer.from(data) : data));
  }

  /** node-pty reports exit only after the pty has been read to its end (EIO), so no output is lost. */
  onExit(listener: (exit: ShellExit) => void): Disposable {
    return this.child.onExit(({ exitCode, signal }) => listener({ code: exitCode, signal: signal ?? 0 }));
  }

  write(data: Uint8Array | string): void {
    if (!this.disposed) this.child.write(typeof data === 'string' ? data : Buffer.from(data));
  }

  resize(cols: number, rows: number): void {
    if (this.disposed) return;
    try {
      this.child.resize(cols, rows);
    } catch {
      // node-pty throws when the process has just exited (node-pty#827); nothing is left to resize.
    }
  }

  /**
   * Stops reading the pty. node-pty drops whatever is unread 200 ms after the process exits, so while
   * paused we watch for the exit and then read again: the last bytes (at most the kernel's pty
   * buffer) still arrive before the exit notice.
   */
  pause(): void {
    if (this.disposed || this.paused || this.draining) return;
    this.paused = true;
    this.child.pause();
    this.exitWatch = setInterval(() => {
      if (isRunning(this.child.pid)) return;
      this.draining = true;
      this.resume();
    }, EXIT_WATCH_MS);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    clearInterval(this.exitWatch);
    this.exitWatch = undefined;
    if (!this.disposed) this.child.resume();
  }

  dispose(): void {
    if (this.disposed) return;
    this.resume();
    this.disposed = true;
    this.end();
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
