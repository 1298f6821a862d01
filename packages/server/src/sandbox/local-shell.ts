// The local backend: a real shell on this machine in a node-pty pseudo-terminal.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as pty from 'node-pty';
import { killProcessTree, PROCESS_TAG_VARIABLE } from './local-process-tree';
import { PtyShell } from './pty-shell';
import type { Sandbox, Shell, ShellOptions } from './sandbox';
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

class LocalShell extends PtyShell {
  constructor(
    child: pty.IPty,
    private readonly tag: string,
  ) {
    super(child);
  }

  protected end(): void {
    killProcessTree(this.child.pid, this.tag);
    this.child.kill();
  }
}
