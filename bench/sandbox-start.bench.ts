// Sandbox start: time from asking for a terminal to a usable prompt (a command typed and answered) in
// a fresh Docker sandbox container, p50/p95 over 20 starts, against a local shell as the reference;
// and the memory an idle sandbox costs (the container's cgroup, plus the Docker client holding its
// terminal on the host). With DECKHAND_BENCH_SIDECAR=1, also sessions with their own Docker engine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { DEFAULT_DOCKER_SANDBOX, DockerSandbox, DockerSidecarEngine, LocalShellSandbox, type Sandbox, type Shell } from '@deckhand/server';

const STARTS = 20;
const IDLE = 5;

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

const average = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);

const local = new LocalShellSandbox({ cwd: os.tmpdir(), shell: '/bin/sh' });
const docker = await DockerSandbox.create({ ...DEFAULT_DOCKER_SANDBOX, image: 'busybox' });
await startTimes(docker, 2); // warm the engine and the page cache, as a trainer's rehearsal would
const localTimes = await startTimes(local, STARTS);
const dockerTimes = await startTimes(docker, STARTS);
const reference = percentile(localTimes, 50);
console.log(line('local shell (reference)', localTimes));
console.log(line('docker sandbox (busybox)', dockerTimes, reference));

const idle = await Promise.all(Array.from({ length: IDLE }, () => usable(docker)));
await new Promise((resolve) => setTimeout(resolve, 1_000));
const clients = idle.map(({ shell }) => rssMiB(shell.pid));
const containers = containerMiB();
console.log(
  `idle docker sandbox        container ${average(containers).toFixed(1)} MiB + docker client on the host ${average(clients).toFixed(1)} MiB (mean of ${IDLE})`,
);
for (const { shell } of idle) shell.dispose();

if (process.env.DECKHAND_BENCH_SIDECAR === '1') {
  const withEngine = await DockerSandbox.create({ ...DEFAULT_DOCKER_SANDBOX, image: 'deckhand-sandbox-engine', engine: new DockerSidecarEngine() });
  console.log(line('docker sandbox + sidecar engine', await startTimes(withEngine, 5), reference));
  const { shell } = await usable(withEngine);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const [session = 0, engine = 0] = containerMiB().sort((a, b) => a - b);
  console.log(`idle sandbox + sidecar      container ${session.toFixed(1)} MiB + engine ${engine.toFixed(1)} MiB + docker client ${rssMiB(shell.pid).toFixed(1)} MiB`);
  shell.dispose();
}
await new Promise((resolve) => setTimeout(resolve, 2_000));
