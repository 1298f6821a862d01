// The local backend: a real shell on this machine in a node-pty pseudo-terminal.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as pty from 'node-pty';
import { killProcessTree, PROCESS_TAG_VARIABLE } from './local-process-tree';
import type { Disposable, Sandbox, Shell, ShellExit, ShellOptions } from './sandbox';
import { shellEnvironment } from './shell-environment';

export interface LocalShellOptions {
  /** Shell to run; defaults to $SHELL, then bash. */
  shell?: string;
  /** Arguments for the shell (none by default: an interactive shell with the user's rc files). */
  args?: string[];
  /** Directory shells start in when a session does not ask for one. */
  cwd: string;
}

export class LocalShellSandbox implements Sandbox {
  readonly name = 'local';
  constructor(private readonly options: LocalShellOptions) {}

  async openShell(options: ShellOptions): Promise<Shell> {
    const file = this.options.shell ?? pickShell();
    const cwd = options.cwd && existsSync(options.cwd) ? options.cwd : this.options.cwd;
    const tag = randomBytes(12).toString('hex');
    const child = pty.spawn(WRAPPER_SHELL, ['-c', SHELL_WRAPPER, 'deckhand-shell', file, ...(this.options.args ?? [])], {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd,
      env: { ...shellEnvironment(), [PROCESS_TAG_VARIABLE]: tag },
      encoding: null,
    });
    return new LocalShell(child, tag);
  }
}

/**
 * The shell's parent and session leader, a small script that
 * - closes every descriptor but 0–2 first: the shell must not inherit the server's (node-pty#657
 *   closes the ones node-pty opened, not those the server itself inherited from whoever started it);
 * - waits, once the shell has exited, for its output to be read before the pty closes. When a pty's
 *   session leader exits the kernel hangs the terminal up, and output node-pty has not read yet is
 *   lost (the tail of a fast `cat big; exit`, node-pty#72). `stty` sets the terminal's modes with
 *   TCSADRAIN, which waits for the reader; then a moment for node-pty, then the shell's exit code.
 *   SIGTTOU is ignored because the wrapper is no longer the foreground job by then.
 */
const SHELL_WRAPPER = [
  'for fd in /dev/fd/*; do fd=${fd##*/}; case $fd in 0|1|2) ;; *) eval "exec $fd>&-" 2>/dev/null ;; esac; done',
  'trap "" TTOU',
  '"$@"',
  'code=$?',
  'stty "$(stty -g)" 2>/dev/null',
  'sleep 0.05',
  'exit $code',
].join('; ');
/** Needs a shell that closes descriptors above 9 (`exec 251>&-`); dash does not. */
const WRAPPER_SHELL = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';

function pickShell(): string {
  const fromEnv = process.env.SHELL;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
}

/** How often a paused shell checks whether its process has exited (see pause()). */
const EXIT_WATCH_MS = 50;

class LocalShell implements Shell {
  private disposed = false;
  private paused = false;
  /** The shell process is gone: only the rest of its output is left to read, so never pause again. */
  private draining = false;
  private exitWatch: NodeJS.Timeout | undefined;

  constructor(
    private readonly child: pty.IPty,
    private readonly tag: string,
  ) {}

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
      // node-pty throws when the shell has just exited (node-pty#827); nothing is left to resize.
    }
  }

  /**
   * Stops reading the pty. node-pty drops whatever is unread 200 ms after the shell exits, so while
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
    killProcessTree(this.child.pid, this.tag);
    this.child.kill();
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
