// Classroom capacity: the real `deckhand serve --classroom --sandbox docker` with 10, then 30, then 60
// attendees, each a real WebSocket client in its own Docker sandbox (busybox), typing commands at a human
// pace (a key every 120–300 ms, a pause to read after Enter). At each step: start-to-prompt time of the
// step's new sandboxes (all asked for at once, as a class starting), keystroke echo p50/p95 while
// everyone types, the server's CPU, and host memory (the server, the containers' cgroups, the engine's
// per-container shims and its daemons' growth). docs/scaling.md turns it into attendees per host.
// Bounded: each step types for TYPING_MS, then the server is stopped and removes every sandbox.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { Flow, SUBPROTOCOL, decodeServerFrame, encodeClientFrame } from '@deckhand/protocol';
import { exchangeSecret } from '@deckhand/server';
import { repoRoot, startDeckhand } from '../e2e/support/deckhand';

const STEPS = (process.env.DECKHAND_BENCH_ATTENDEES ?? '10,30,60').split(',').map(Number);
const TYPING_MS = 20_000;
const COMMANDS = ['echo hello-$((RANDOM % 100))', 'ls /', 'date', 'cat /etc/passwd | wc -l', 'pwd', 'echo done'];
/** A shell prompt at the end of the output, perhaps followed by busybox ash's cursor position query. */
const PROMPT = new RegExp(String.raw`[$#] (\x1b\[6n)?$`);

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function pssMiB(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** PSS of processes whose command (comm) or command line matches, in MiB. */
function processesMiB(match: (comm: string, cmdline: string) => boolean): number {
  let total = 0;
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const comm = readFileSync(`/proc/${name}/comm`, 'latin1').trim();
      if (match(comm, readFileSync(`/proc/${name}/cmdline`, 'latin1'))) total += pssMiB(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

/** Memory of the cgroups of the server's sandbox containers (as `docker stats` counts), in MiB. */
async function containersMiB(serverPid: number): Promise<number> {
  const { EngineApi } = await import('@deckhand/docker');
  const engine = new EngineApi();
  const { containers } = await engine.labelled('deckhand.sandbox');
  const mine = containers.filter(({ labels }) => labels['deckhand.sandbox.owner'] === `${os.hostname()}:${serverPid}`);
  const bytes = await Promise.all(mine.map(({ id }) => engine.memoryBytes(id)));
  return bytes.reduce<number>((sum, value) => sum + (value ?? 0), 0) / 1048576;
}

/** One attendee's page: a terminal socket that acks like xterm.js and notes when each echo arrives. */
class Attendee {
  private socket!: WebSocket;
  private text = '';
  private acked = 0;
  private received = 0;
  private keySentAt: number | undefined;
  readonly echoes: number[] = [];
  startToPromptMs = NaN;
  private stop = false;

  constructor(
    private readonly base: string,
    private readonly credential: string,
  ) {}

  open(): Promise<void> {
    const started = performance.now();
    this.socket = new WebSocket(`ws://${this.base}/ws/terminal?term=1&cols=100&rows=30&client=bench${Math.random().toString(36).slice(2, 14)}xx`, SUBPROTOCOL, {
      headers: { Authorization: `Bearer ${this.credential}`, Origin: `http://${this.base}` },
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no prompt within 120 s: ${JSON.stringify(this.text.slice(-200))}`)), 120_000);
      this.socket.on('message', (data: Buffer) => {
        const frame = decodeServerFrame(new Uint8Array(data));
        if (frame.type !== 'output') return;
        this.received = frame.offset + frame.data.length;
        if (this.received - this.acked >= Flow.ackEveryBytes) {
          this.acked = this.received;
          this.socket.send(encodeClientFrame({ type: 'ack', offset: this.acked }));
        }
        if (this.keySentAt !== undefined) {
          this.echoes.push(performance.now() - this.keySentAt);
          this.keySentAt = undefined;
        }
        this.text = (this.text + Buffer.from(frame.data).toString('latin1')).slice(-400);
        if (Number.isNaN(this.startToPromptMs) && PROMPT.test(this.text)) {
          this.startToPromptMs = performance.now() - started;
          clearTimeout(timer);
          resolve();
        }
      });
      this.socket.on('close', (code, reason) => {
        clearTimeout(timer);
        if (Number.isNaN(this.startToPromptMs)) reject(new Error(`closed ${code} ${reason.toString()}`));
      });
      this.socket.on('error', () => undefined);
    });
  }

  /** Types commands a key at a time at a human pace until told to stop; echoes are timed for printable keys. */
  async type(): Promise<void> {
    this.stop = false;
    while (!this.stop) {
      const command = COMMANDS[Math.floor(Math.random() * COMMANDS.length)] as string;
      for (const key of command) {
        if (this.stop) return;
        this.keySentAt = performance.now();
        this.socket.send(encodeClientFrame({ type: 'input', data: Buffer.from(key) }));
        await sleep(120 + Math.random() * 180);
      }
      this.keySentAt = undefined;
      this.socket.send(encodeClientFrame({ type: 'input', data: Buffer.from('\r') }));
      await sleep(1_000 + Math.random() * 1_000);
    }
  }

  stopTyping(): void {
    this.stop = true;
  }

  close(): void {
    this.socket.close();
  }
}

const deck = path.join(repoRoot, 'e2e/fixtures/classroom.md');
const max = Math.max(...STEPS);
const server = await startDeckhand([deck, '--sandbox', 'docker', '--image', 'busybox', '--classroom', '--max-attendees', String(max)]);
const url = server.url;
const base = new URL(url).host;
const trainer = await exchangeSecret(url);
const daemons = (): number => processesMiB((comm) => comm === 'dockerd' || comm === 'containerd');
const shims = (): number => processesMiB((comm, cmdline) => comm.startsWith('containerd-shim') && cmdline.includes('moby'));
const daemonsBefore = daemons();
const shimsBefore = shims();
const serverBefore = pssMiB(server.pid);

console.log(`${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${os.loadavg()[0]?.toFixed(1)} at the start`);
console.log(`server at rest: ${serverBefore.toFixed(0)} MiB (proportional set size)`);
console.log('attendees | start-to-prompt p50 / p95 (new ones) | echo p50 / p95 (n) | server CPU | server +MiB | sandboxes MiB (cgroups + shims) | engine daemons +MiB | host MiB per attendee');
const attendees: Attendee[] = [];
try {
  for (const step of STEPS) {
    const wanted = step - attendees.length;
    const made = (await (
      await fetch(`http://${base}/api/classroom/invites`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${trainer}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ count: wanted }),
      })
    ).json()) as { made: Array<{ link: string }> };
    const fresh = await Promise.all(
      made.made.map(async ({ link }) => {
        const access = await fetch(`http://${base}/api/access`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ token: new URL(link).searchParams.get('token'), role: 'attendee' }),
        });
        return new Attendee(base, ((await access.json()) as { credential: string }).credential);
      }),
    );
    await Promise.all(fresh.map((attendee) => attendee.open()));
    attendees.push(...fresh);
    await sleep(2_000);

    const cpuBefore = cpuSeconds(server.pid);
    const typingStarted = performance.now();
    for (const attendee of attendees) attendee.echoes.length = 0;
    const typing = attendees.map((attendee) => attendee.type());
    await sleep(TYPING_MS);
    for (const attendee of attendees) attendee.stopTyping();
    await Promise.all(typing);
    const cpu = (cpuSeconds(server.pid) - cpuBefore) / ((performance.now() - typingStarted) / 1000);
    await sleep(1_500);

    const starts = fresh.map((attendee) => attendee.startToPromptMs);
    const echoes = attendees.flatMap((attendee) => attendee.echoes);
    const serverMiB = pssMiB(server.pid) - serverBefore;
    const sandboxMiB = (await containersMiB(server.pid)) + (shims() - shimsBefore);
    const daemonsMiB = daemons() - daemonsBefore;
    const perAttendee = (serverMiB + sandboxMiB + daemonsMiB) / attendees.length;
    console.log(
      `${String(attendees.length).padStart(9)} | ${percentile(starts, 50).toFixed(0).padStart(6)} / ${percentile(starts, 95).toFixed(0)} ms` +
        ` | ${percentile(echoes, 50).toFixed(1)} / ${percentile(echoes, 95).toFixed(1)} ms (${echoes.length})` +
        ` | ${(cpu * 100).toFixed(0)} % | ${serverMiB.toFixed(0)} | ${sandboxMiB.toFixed(0)} | ${daemonsMiB.toFixed(0)} | ${perAttendee.toFixed(1)}` +
        ` (load ${os.loadavg()[0]?.toFixed(1)})`,
    );
  }
} finally {
  for (const attendee of attendees) attendee.close();
  await server.stop();
}
