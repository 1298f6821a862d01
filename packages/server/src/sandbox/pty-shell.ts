// A shell whose terminal is a node-pty pseudo-terminal: what the local and the Docker backends share
// (output as bytes, exit after the last byte, flow control that never loses the tail). A backend says
// only how its shell ends.
import { fstatSync, writeSync } from 'node:fs';
import type * as pty from 'node-pty';
import type { Disposable, Shell, ShellExit } from './sandbox';

/** How often a paused shell checks whether its process has exited (see pause()). */
const EXIT_WATCH_MS = 50;
/** How soon input the pty could not take (its buffer is full: the shell is not reading) is tried again. */
const INPUT_RETRY_MS = 2;

export abstract class PtyShell implements Shell {
  protected disposed = false;
  private paused = false;
  /** The process is gone: only the rest of its output is left to read, so never pause again. */
  private draining = false;
  private exitWatch: NodeJS.Timeout | undefined;
  /** Input the pty has not taken yet, oldest first; written before anything typed after it. */
  private readonly unwritten: Uint8Array[] = [];
  private inputRetry: NodeJS.Timeout | undefined;

  /** node-pty has closed the pty: its descriptor number may now belong to another file. */
  private ptyClosed = false;
  /**
   * Which file the descriptor is while it is the pty (device and inode), checked before each write:
   * a file or socket that took the number over fails it. (Another pty master would pass, as all are
   * /dev/ptmx; it could take the number only in the moment between the close and 'close'.)
   */
  private readonly pty: { dev: number; ino: number };

  constructor(protected readonly child: pty.IPty) {
    const { dev, ino } = fstatSync(this.ptyDescriptor);
    this.pty = { dev, ino };
    // UnixTerminal emits 'close' once it has closed the descriptor (its typings do not list it); the
    // number is free from the moment it is closed, a little before that, hence the check in write.
    (child as unknown as { on(event: 'close', listener: () => void): void }).on('close', () => {
      this.ptyClosed = true;
      this.dropUnwritten();
    });
  }

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

  /**
   * Writes input to the pty at once, on the event loop: the pty's descriptor does not block, so a
   * keystroke reaches the shell without node-pty's round trip through libuv's thread pool (its
   * echo comes back sooner: docs/benchmarks.md, echo). What the pty cannot take now (a paste larger than
   * its buffer while the shell is busy) waits, in order, and is tried again shortly.
   */
  write(data: Uint8Array | string): void {
    if (this.disposed || this.ptyClosed) return;
    this.unwritten.push(typeof data === 'string' ? Buffer.from(data) : data);
    if (this.unwritten.length === 1) this.writeUnwritten();
  }

  private writeUnwritten(): void {
    this.inputRetry = undefined;
    while (!this.disposed && !this.ptyClosed && this.unwritten.length > 0) {
      const next = this.unwritten[0] as Uint8Array;
      if (!this.stillThePty()) {
        this.ptyClosed = true;
        this.dropUnwritten();
        return;
      }
      let written = 0;
      try {
        written = writeSync(this.ptyDescriptor, next);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
          // The pty is gone (the shell ended): nothing will read this input any more.
          this.dropUnwritten();
          return;
        }
      }
      if (written < next.length) {
        this.unwritten[0] = next.subarray(written);
        this.inputRetry = setTimeout(() => this.writeUnwritten(), INPUT_RETRY_MS);
        return;
      }
      this.unwritten.shift();
    }
  }

  private stillThePty(): boolean {
    try {
      const { dev, ino } = fstatSync(this.ptyDescriptor);
      return dev === this.pty.dev && ino === this.pty.ino;
    } catch {
      return false;
    }
  }

  private dropUnwritten(): void {
    clearTimeout(this.inputRetry);
    this.inputRetry = undefined;
    this.unwritten.length = 0;
  }

  private get ptyDescriptor(): number {
    // node-pty's UnixTerminal has it (non-blocking); its typings do not say so.
    return (this.child as unknown as { fd: number }).fd;
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
    this.dropUnwritten();
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
