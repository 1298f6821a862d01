// Finds and kills everything a local shell started. Signalling the shell's process group is not
// enough (node-pty#167): an interactive shell puts each background job in its own group, and
// `setsid` or a double fork leaves the session and the parent chain altogether. So every shell gets a
// tag in its environment (inherited by everything it starts) and, on Linux, the end of a session kills
// every process that is in the shell's session, is an orphan carrying the tag, or descends from one.
import { readdirSync, readFileSync } from 'node:fs';

/** Environment variable holding a shell's tag; not a secret, it only names the process tree. */
export const PROCESS_TAG_VARIABLE = 'DECKHAND_SHELL_TAG';

interface ProcessInfo {
  pid: number;
  ppid: number;
  session: number;
}

/**
 * How long processes get to exit on SIGHUP before SIGKILL. Long enough for shell traps and cleanup
 * (an rc file's lock such as pyenv's `.pyenv-shim`, left behind by SIGKILL, stalls every later shell
 * of that user for a minute), short enough that nothing lingers.
 */
export const HANGUP_GRACE_MS = 200;

/** Hangs up the shell `pid` and everything it started, then kills what is left. */
export function killProcessTree(pid: number, tag: string): void {
  const members = process.platform === 'linux' ? tree(pid, tag) : [pid];
  for (const member of [-pid, ...members]) {
    signal(member, 'SIGHUP');
    signal(member, 'SIGCONT'); // a stopped job must run to act on its hangup
  }
  // Not unref'd: a stopping server waits for this, so nothing outlives it.
  setTimeout(() => killRemaining(pid, tag), HANGUP_GRACE_MS);
}

function killRemaining(pid: number, tag: string): void {
  signal(-pid, 'SIGKILL');
  signal(pid, 'SIGKILL');
  if (process.platform !== 'linux') return;
  // Processes may fork while we look: repeat until a pass finds nothing left.
  for (let pass = 0; pass < 10; pass++) {
    const found = tree(pid, tag);
    if (found.length === 0) break;
    for (const member of found) signal(member, 'SIGKILL');
  }
}

function tree(root: number, tag: string): number[] {
  const needle = `${PROCESS_TAG_VARIABLE}=${tag}\0`;
  const all = listProcesses();
  const members = new Set<number>();
  for (const info of all) {
    if (info.pid === process.pid) continue;
    // Only orphans (reparented to init) can have escaped both the session and the parent chain, so only
    // their environment is read: reading every process's would make ending a session slow.
    const escaped = info.ppid === 1 && environmentHas(info.pid, needle);
    if (info.pid === root || info.session === root || escaped) members.add(info.pid);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const info of all) {
      if (!members.has(info.pid) && members.has(info.ppid) && info.pid !== process.pid) {
        members.add(info.pid);
        grew = true;
      }
    }
  }
  return [...members];
}

function listProcesses(): ProcessInfo[] {
  const result: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      // Fields after the command name, which is in parentheses and may contain spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0];
      if (state === 'Z' || state === 'X') continue;
      result.push({ pid: Number(name), ppid: Number(fields[1]), session: Number(fields[3]) });
    } catch {
      // The process ended while we looked.
    }
  }
  return result;
}

function environmentHas(pid: number, needle: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle);
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone, or not ours.
  }
}
