// Sandbox start: time from asking for a terminal to a usable prompt (a command typed and answered) in
// a fresh Docker sandbox container, p50/p95 over 20 starts, against a local shell as the reference;
// and the host memory an idle sandbox costs: the container's cgroup, what the server itself grows by
// to hold its terminal (the Engine API attach stream), and the engine's per-container shim
// (containerd-shim, outside the cgroup). With DECKHAND_BENCH_SIDECAR=1, also sessions with their own
// Docker engine.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { DEFAULT_DOCKER_SANDBOX, DockerSandbox, DockerSidecarEngine, LocalShellSandbox, type Sandbox, type Shell } from '@deckhand/server';

const STARTS = 20;
const IDLE = 20;

async function usable(sandbox: Sandbox): Promise<{ ms: number; shell: Shell }> {
  const started = performance.now();
  const shell = await sandbox.openShell({ cols: 120, rows: 30 });
  let text = '';
  shell.onData((data) => (text += Buffer.from(data).toString()));
  // Computed by the shell, so the echo of the typed line does not count as the answer.
  shell.write('echo "ready-$((6*7))"\r');
  while (!text.includes('ready-42')) {
    if (performance.now() - started > 60_000) throw new Error(`no prompt within 60 s:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { ms: performance.now() - started, shell };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function startTimes(sandbox: Sandbox, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const { ms, shell } = await usable(sandbox);
    times.push(ms);
    shell.dispose();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return times;
}

function line(name: string, times: number[], reference?: number): string {
  const p50 = percentile(times, 50);
  const ratio = reference ? `  (${(p50 / reference).toFixed(1)}× local)` : '';
  return `${name.padEnd(26)} p50 ${p50.toFixed(0).padStart(5)} ms   p95 ${percentile(times, 95).toFixed(0).padStart(5)} ms   n=${times.length}${ratio}`;
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

function containerMiB(): number[] {
  const owner = `deckhand.sandbox.owner=${os.hostname()}:${process.pid}`;
  const out = execFileSync('docker', ['stats', '--no-stream', '--format', '{{.MemUsage}}', ...execFileSync('docker', ['ps', '-q', '--filter', `label=${owner}`], { encoding: 'utf8' }).split('\n').filter(Boolean)], {
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter(Boolean)
    .map((usage) => {
      const [amount = '0', unit = 'B'] = /([\d.]+)\s*([KMG]i?B|B)/.exec(usage)?.slice(1) ?? [];
      const scale: Record<string, number> = { B: 1 / 1048576, KiB: 1 / 1024, kB: 1 / 1024, MiB: 1, MB: 1, GiB: 1024, GB: 1024 };
      return Number(amount) * (scale[unit] ?? 1);
    });
}

/** This process's resident memory once the garbage collector has run (node --expose-gc), in MiB. */
function settledRssMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return rssMiB(process.pid);
}

/** The server's JavaScript heap and buffers after a collection, in MiB. */
function settledHeapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.external) / 1048576;
}

/** Proportional set size: resident memory with pages shared by N processes counted 1/N each. */
function pssMiB(pid: number): number {
  const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

/** Proportional memory of the engine's daemons (dockerd, containerd), in MiB. */
function daemonsMiB(): number {
  let total = 0;
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const command = readFileSync(`/proc/${name}/comm`, 'latin1').trim();
      if (command === 'dockerd' || command === 'containerd') total += pssMiB(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Proportional memory of the engine's shim for each container of this process, in MiB. */
function shimMiB(): number[] {
  const owner = `deckhand.sandbox.owner=${os.hostname()}:${process.pid}`;
  const ids = execFileSync('docker', ['ps', '-q', '--no-trunc', '--filter', `label=${owner}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const found: number[] = [];
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const command = readFileSync(`/proc/${name}/cmdline`, 'latin1');
      if (command.includes('containerd-shim') && ids.some((id) => command.includes(id))) found.push(pssMiB(Number(name)));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const average = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);

const local = new LocalShellSandbox({ cwd: os.tmpdir(), shell: '/bin/sh' });
const docker = await DockerSandbox.create({ ...DEFAULT_DOCKER_SANDBOX, image: 'busybox' });
await startTimes(docker, 2); // warm the engine and the page cache, as a trainer's rehearsal would
const localTimes = await startTimes(local, STARTS);
const dockerTimes = await startTimes(docker, STARTS);
const reference = percentile(localTimes, 50);
console.log(line('local shell (reference)', localTimes));
console.log(line('docker sandbox (busybox)', dockerTimes, reference));

const serverBefore = settledRssMiB();
const heapBefore = settledHeapMiB();
const daemonsBefore = daemonsMiB();
const idle: Awaited<ReturnType<typeof usable>>[] = [];
for (let i = 0; i < IDLE; i++) idle.push(await usable(docker));
await new Promise((resolve) => setTimeout(resolve, 1_000));
const serverAfter = settledRssMiB();
const heapAfter = settledHeapMiB();
const daemonsAfter = daemonsMiB();
const containers = containerMiB();
const shims = shimMiB();
console.log(
  `idle docker sandbox        container ${average(containers).toFixed(1)} MiB + server ${((serverAfter - serverBefore) / IDLE).toFixed(2)} MiB resident` +
    ` (${((heapAfter - heapBefore) / IDLE).toFixed(3)} MiB heap and buffers; no client process) + the engine's shim ${average(shims).toFixed(1)} MiB proportional` +
    ` + dockerd and containerd ${((daemonsAfter - daemonsBefore) / IDLE).toFixed(2)} MiB (mean of ${IDLE}; server resident ${serverBefore.toFixed(0)} → ${serverAfter.toFixed(0)} MiB)`,
);
for (const { shell } of idle) shell.dispose();

if (process.env.DECKHAND_BENCH_SIDECAR === '1') {
  const withEngine = await DockerSandbox.create({ ...DEFAULT_DOCKER_SANDBOX, image: 'deckhand-sandbox-engine', engine: new DockerSidecarEngine() });
  console.log(line('docker sandbox + sidecar engine', await startTimes(withEngine, 5), reference));
  const { shell } = await usable(withEngine);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const [session = 0, engine = 0] = containerMiB().sort((a, b) => a - b);
  console.log(`idle sandbox + sidecar      container ${session.toFixed(1)} MiB + engine ${engine.toFixed(1)} MiB (no client process)`);
  shell.dispose();
}
await new Promise((resolve) => setTimeout(resolve, 2_000));
