// Who created a labelled container, network or volume: `host:pid[:more]`. A reaper removes only what
// processes of this host that no longer exist left behind, so servers and checks sharing an engine
// (tests in parallel, a second `serve`) never remove each other's work.
import os from 'node:os';

/** `host:pid` of this process, the prefix of every owner label value it writes. */
export function ownerId(pid = process.pid): string {
  return `${os.hostname()}:${pid}`;
}

/** True only when the owner is a process of this host that is gone; unknown or foreign owners stay. */
export function ownerIsGone(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== os.hostname()) return false;
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return false;
  try {
    process.kill(n, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
