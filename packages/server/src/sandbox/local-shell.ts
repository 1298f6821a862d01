// The local backend: a real shell on this machine in a node-pty pseudo-terminal.
import { existsSync } from 'node:fs';
import * as pty from 'node-pty';
import type { Disposable, Sandbox, Shell, ShellExit, ShellOptions } from './sandbox';
import { shellEnvironment } from './shell-environment';

export interface LocalShellOptions {
  /** Shell to run; defaults to $SHELL, then bash. */
  shell?: string;
  /** Directory shells start in when a session does not ask for one. */
  cwd: string;
}

export class LocalShellSandbox implements Sandbox {
  readonly name = 'local';
  constructor(private readonly options: LocalShellOptions) {}

  async openShell(options: ShellOptions): Promise<Shell> {
    const file = this.options.shell ?? pickShell();
    const cwd = options.cwd && existsSync(options.cwd) ? options.cwd : this.options.cwd;
    const child = pty.spawn(file, [], {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd,
      env: shellEnvironment(),
      encoding: null,
    });
    return new LocalShell(child);
  }
}

function pickShell(): string {
  const fromEnv = process.env.SHELL;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
}

class LocalShell implements Shell {
  private disposed = false;
  constructor(private readonly child: pty.IPty) {}

  get pid(): number {
    return this.child.pid;
  }

  onData(listener: (data: Uint8Array) => void): Disposable {
    return this.child.onData((data) => listener(typeof data === 'string' ? Buffer.from(data) : data));
  }

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

  pause(): void {
    this.child.pause();
  }

  resume(): void {
    this.child.resume();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // The shell leads its own process group (node-pty starts it with setsid): signal the group so
    // foreground jobs go too, not only the shell (node-pty#167).
    for (const signal of ['SIGHUP', 'SIGKILL'] as const) {
      try {
        process.kill(-this.child.pid, signal);
      } catch {
        // Already gone.
      }
    }
    this.child.kill();
  }
}
