// One real shell in a real pty, driven the way a trainer drives it, but able to tell exactly when a
// command has finished and with which status: the shell's prompt is a sentinel carrying a tag (which
// command) and `$?`, printed by the shell itself, so a command that reads its stdin cannot swallow it.
/* eslint-disable no-control-regex -- the sentinel is framed by a control character on purpose */
import { existsSync } from 'node:fs';
import * as pty from 'node-pty';

export interface CheckShellOptions {
  cwd: string;
  env: Record<string, string>;
}

export interface StepOutcome {
  /** Raw terminal output of the command (escape sequences and CRLF still in). */
  output: string;
  /** Exit status, or null when the command did not finish. */
  status: number | null;
  timedOut: boolean;
  /** The shell itself ended (the command ran `exit`, or the shell was killed). */
  shellExited: boolean;
}

/** Terminal size for checks: wide, so tools that fit tables to the width do not truncate. */
const COLUMNS = 200;
const ROWS = 50;
/** How long a shell may take to print its first prompt. */
const START_TIMEOUT_MS = 10_000;
/** How long Ctrl-C may take to bring the prompt back before the shell is called stuck. */
const INTERRUPT_TIMEOUT_MS = 3_000;
/** Time for `exec bash` to take over a sandbox's shell before the set-up is typed. */
const TAKE_OVER_MS = 500;

const SENTINEL = /\u001eDH:(\d+):(\d+)\u001e/g;

// No readline (--noediting): with `stty -echo` nothing typed is echoed, so the output is only what
// commands print. No prompt but the sentinel, no continuation prompt, no history expansion of `!`.
const SETUP =
  "stty -echo; set +H; PS1=''; PS2=''; __dh_status() { return \"$1\"; }; " +
  'PROMPT_COMMAND=\'__dh_s=$?; printf "\\036DH:%s:%s\\036" "${__dh_tag:-0}" "$__dh_s"\'\n';

/**
 * What a check needs of a terminal: the shape of a server sandbox's `Shell`, so a check can run in a
 * Docker sandbox as attendees would (`deckhand check --sandbox docker`) as well as in a local pty.
 */
export interface Terminal {
  write(data: string): void;
  onData(listener: (data: Uint8Array | string) => void): unknown;
  onExit(listener: () => void): unknown;
  /** Ends the terminal and everything it started. */
  dispose(): void;
}

export class CheckShell {
  private buffer = '';
  private tag = 0;
  private exited = false;
  private listeners = new Set<() => void>();
  private readonly decoder = new TextDecoder();
  /** Who sees the output of the command running now, as it arrives (deckhand record). */
  private tap: SentinelFilter | null = null;

  private constructor(private readonly terminal: Terminal) {
    terminal.onData((data) => {
      const text = typeof data === 'string' ? data : this.decoder.decode(data, { stream: true });
      this.buffer += text;
      this.tap?.push(text);
      for (const listener of [...this.listeners]) listener();
    });
    terminal.onExit(() => {
      this.exited = true;
      for (const listener of [...this.listeners]) listener();
    });
  }

  /** A local bash in a pty. */
  static async start(options: CheckShellOptions): Promise<CheckShell> {
    const bash = ['/bin/bash', '/usr/bin/bash'].find((candidate) => existsSync(candidate));
    if (!bash) throw new Error('deckhand check needs bash (/bin/bash): install it and run again.');
    const child = pty.spawn(bash, ['--noprofile', '--norc', '--noediting', '-i'], {
      name: 'xterm-256color',
      cols: COLUMNS,
      rows: ROWS,
      cwd: options.cwd,
      env: options.env,
    });
    const terminal: Terminal = {
      write: (data) => child.write(data),
      onData: (listener) => child.onData(listener),
      onExit: (listener) => child.onExit(listener),
      dispose: () => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
        child.kill();
      },
    };
    return CheckShell.setUp(new CheckShell(terminal), SETUP);
  }

  /**
   * A shell in a terminal someone else started (a sandbox's): it must have bash, which takes over
   * with the same settings as a local check shell, and `exports` for its environment.
   */
  static async over(terminal: Terminal, exports: Record<string, string>): Promise<CheckShell> {
    const shell = new CheckShell(terminal);
    const env = Object.entries(exports).map(([key, value]) => `export ${key}='${value.replace(/'/g, "'\\''")}'; `).join('');
    // `exec bash` first; the rest waits in the terminal's input until the new bash reads it.
    terminal.write('exec bash --noprofile --norc --noediting -i\n');
    await new Promise((resolve) => setTimeout(resolve, TAKE_OVER_MS));
    return CheckShell.setUp(shell, env + SETUP);
  }

  private static async setUp(shell: CheckShell, setup: string): Promise<CheckShell> {
    shell.terminal.write(setup);
    const ready = await shell.waitFor(() => shell.takeSentinel(0) !== null, START_TIMEOUT_MS);
    if (!ready) {
      shell.dispose();
      throw new Error(`the check shell printed no prompt within ${START_TIMEOUT_MS / 1000} s (does it have bash?)`);
    }
    return shell;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /**
   * Types `command` and waits for its prompt. `settled` may end the wait early with the output so
   * far (for a command that runs until interrupted): the outcome then has status null. `onOutput`
   * sees the command's output as it arrives, without the prompt sentinels.
   */
  async run(command: string, timeoutMs: number, settled?: (output: string) => boolean, onOutput?: (data: string) => void): Promise<StepOutcome> {
    if (this.exited) return { output: '', status: null, timedOut: false, shellExited: true };
    const tag = ++this.tag;
    this.buffer = '';
    this.tap = onOutput ? new SentinelFilter(onOutput) : null;
    try {
      return await this.runTagged(command, tag, timeoutMs, settled);
    } finally {
      this.tap?.flush();
      this.tap = null;
    }
  }

  private async runTagged(command: string, tag: number, timeoutMs: number, settled?: (output: string) => boolean): Promise<StepOutcome> {
    let status: number | null = null;
    let output = '';
    // A group, so a multi-line script reaches the prompt once, with the status of its last command;
    // `$?` is given back first, so `echo $?` still sees the previous command's status.
    this.terminal.write(`__dh_tag=${tag}; __dh_status "\${__dh_s:-0}"; {\n${command}\n}\n`);
    const finished = await this.waitFor(() => {
      const found = this.takeSentinel(tag);
      if (found) {
        ({ output, status } = found);
        return true;
      }
      if (settled?.(withoutSentinels(this.buffer))) {
        output = withoutSentinels(this.buffer);
        return true;
      }
      return this.exited;
    }, timeoutMs);
    if (!finished) output = withoutSentinels(this.buffer);
    if (this.exited && status === null) output = withoutSentinels(this.buffer);
    return { output, status, timedOut: !finished, shellExited: this.exited };
  }

  /**
   * Ctrl-C, as a trainer would press it, and once more if the prompt does not come back (a Ctrl-C
   * landing between two commands of a loop can be lost); true when the prompt came back.
   */
  async interrupt(): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.exited) return false;
      this.buffer = '';
      this.terminal.write('\u0003');
      if (await this.waitFor(() => new RegExp(SENTINEL.source).test(this.buffer) || this.exited, INTERRUPT_TIMEOUT_MS / 2)) return !this.exited;
    }
    return false;
  }

  dispose(): void {
    if (this.exited) return;
    this.exited = true;
    this.terminal.dispose();
  }

  /** Output before the sentinel with this tag, once it has arrived. */
  private takeSentinel(tag: number): { output: string; status: number } | null {
    for (const match of this.buffer.matchAll(SENTINEL)) {
      if (Number(match[1]) !== tag) continue;
      return { output: withoutSentinels(this.buffer.slice(0, match.index)), status: Number(match[2]) };
    }
    return null;
  }

  private waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!done()) return;
        cleanup();
        resolve(true);
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve(false);
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }
}

function withoutSentinels(text: string): string {
  return text.replace(SENTINEL, '');
}

/**
 * Passes output on as it arrives with the sentinels taken out. A sentinel may arrive in pieces, so a
 * tail that could be the start of one is held back until the rest shows whether it is.
 */
class SentinelFilter {
  private pending = '';

  constructor(private readonly emit: (data: string) => void) {}

  push(data: string): void {
    const text = withoutSentinels(this.pending + data);
    const start = text.lastIndexOf('\u001e');
    const held = start !== -1 && /^\u001e(?:D(?:H(?::\d*(?::\d*)?)?)?)?$/.test(text.slice(start)) ? start : text.length;
    this.pending = text.slice(held);
    if (held > 0) this.emit(text.slice(0, held));
  }

  flush(): void {
    if (this.pending) this.emit(withoutSentinels(this.pending));
    this.pending = '';
  }
}
