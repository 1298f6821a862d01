// The check's shells: one per terminal tab a deck uses, started on first use in the deck's folder,
// with an environment of their own (never the caller's secrets).
import path from 'node:path';
import { CheckShell, type Terminal } from './check-shell';

/** Asks tools for plain, stable output, and tells scripts they run under a check. */
const STABLE_OUTPUT: Record<string, string> = {
  BUILDKIT_PROGRESS: 'plain',
  DOCKER_CLI_HINTS: 'false',
  DECKHAND: '1',
  DECKHAND_CHECK: '1',
};

/** A command of the check's own that leaves `$?` as the deck's last command set it. */
export function keepingStatus(command: string): string {
  return `__dh_keep=$?; ${command}; __dh_status "$__dh_keep"`;
}

/** The check's shells, one per terminal tab, started on first use in the deck's folder. */
export class ShellPool {
  private shells = new Map<number, CheckShell>();

  constructor(
    private readonly deckDir: string,
    private readonly wrapperDir: string | undefined,
    /** Where shells come from instead of a local pty (a Docker sandbox), starting in a directory. */
    private readonly openTerminal?: (cwd: string) => Promise<Terminal>,
  ) {}

  async get(term: number): Promise<CheckShell> {
    const existing = this.shells.get(term);
    if (existing?.alive) return existing;
    const shell = this.openTerminal
      ? await CheckShell.over(await this.openTerminal(this.deckDir), STABLE_OUTPUT)
      : await CheckShell.start({ cwd: this.deckDir, env: checkEnvironment(this.wrapperDir) });
    this.shells.set(term, shell);
    return shell;
  }

  async interrupt(term: number): Promise<void> {
    const shell = this.shells.get(term);
    if (shell && !(await shell.interrupt())) this.forget(term);
  }

  /** Ctrl-C after a timeout; a shell that does not come back is replaced. */
  async recover(term: number): Promise<void> {
    await this.interrupt(term);
  }

  forget(term: number): void {
    this.shells.get(term)?.dispose();
    this.shells.delete(term);
  }

  dispose(): void {
    for (const term of [...this.shells.keys()]) this.forget(term);
  }
}

/**
 * The check shell's environment: like a session's (an allowlist, never the caller's secrets), with
 * the labelling `docker` first in PATH and tools asked for plain, stable output.
 */
function checkEnvironment(wrapperDir: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (['HOME', 'USER', 'LOGNAME', 'PATH', 'LANG', 'LANGUAGE', 'TZ', 'DOCKER_HOST', 'DOCKER_CONFIG', 'DOCKER_CONTEXT'].includes(key) || key.startsWith('LC_')) {
      env[key] = value;
    }
  }
  env.TERM = 'xterm-256color';
  env.LANG ??= 'C.UTF-8';
  env.PATH = [wrapperDir, env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].filter(Boolean).join(path.delimiter);
  return { ...env, ...STABLE_OUTPUT };
}
