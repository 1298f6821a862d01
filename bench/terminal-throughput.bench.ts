// Terminal output throughput in Debian's Chromium, in one run: the whole path (cat in the shell → pty
// → server → WebSocket → xterm.js → screen) against the in-page ceiling (the same bytes written
// straight into an xterm.js of the same size in a page, all at once in 64 KiB writes, so xterm.js
// parses and renders as fast as it can). Each run ends with a marker; the time is until the marker
// is rendered. A third figure splits the gap: the same cat received over the page's own WebSocket
// (the deckhand protocol, acked on receipt) with no xterm.js at all, i.e. server plus the browser's
// WebSocket path alone.
// When a ttyd build is at hand (ttyd.ts), the same cat through ttyd's page is the anchor (issue 17: stay
// ≥ 2× ttyd); both terminals are given the whole page, in the same font.
// They alternate round by round, so a change in the machine's load hits them alike; the ratio is the
// median of the rounds' ratios. Goal: the whole path reaches ≥ 0.7 of the ceiling.
import { Flow, FrameType, SUBPROTOCOL } from '@deckhand/protocol';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuParts, installScreenProbe, keyToText, openTerminalPage, startBench } from './terminal-browser';
import { openTtydPage, startTtyd, ttydPath, type Ttyd } from './ttyd';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAYLOAD_BYTES = 8 * 1024 * 1024;
const RUNS = 5;
const MARKER = 'END-OF-PAYLOAD';

const lines: string[] = [];
for (let i = 0, size = 0; size < PAYLOAD_BYTES; i++) {
  const line = `deckhand throughput line ${String(i).padStart(8, '0')} ${'abcdefghij'.repeat(3)}`;
  lines.push(line);
  size += line.length + 1;
}
const payload = lines.join('\n') + '\n';
const file = path.join(mkdtempSync(path.join(tmpdir(), 'deckhand-bench-')), 'payload.txt');
writeFileSync(file, payload);
const megabytes = payload.length / 1024 / 1024;
const rate = (ms: number): string => `${((megabytes * 1000) / ms).toFixed(1)} MB/s`;

const bench = await startBench();
const ttydBinary = ttydPath();
let ttyd: Ttyd | null = null;
try {
  const page = await openTerminalPage(bench);
  // The terminal given the whole page (m), as ttyd gives it.
  await page.locator('.slide-area').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('m');
  await page.locator('.audience.layout-terminal').waitFor();
  await page.locator('[data-testid="terminal"] .xterm-screen').click();
  await page.keyboard.type(`clear; stty size`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  const size = /(\d+) (\d+)/.exec((await page.locator('[data-testid="terminal"] .xterm-rows').textContent()) ?? '');
  const [rows, cols] = [Number(size?.[1] ?? 24), Number(size?.[2] ?? 80)];

  // Where the whole path's CPU goes, summed over its runs (ms), with the time the machine had.
  const cpuSpent: Record<string, number> = {};
  let cpuAvailable = 0;
  const wholeRun = async (run: number): Promise<number> => {
    await page.keyboard.type(`clear; cat ${file}; printf '%s\\n' 'END''-OF-PAYLOAD-${run}'`);
    const partsBefore = cpuParts(bench.deckhand.pid);
    const ms = await keyToText(page, 'Enter', `${MARKER}-${run}`);
    const partsAfter = cpuParts(bench.deckhand.pid);
    let serverMs = 0;
    for (const [part, after] of Object.entries(partsAfter)) {
      const spent = after - (partsBefore[part] ?? 0);
      cpuSpent[part] = (cpuSpent[part] ?? 0) + spent;
      if (part.startsWith('server ')) serverMs += spent;
    }
    cpuAvailable += ms * cpus().length;
    const serverCpu = (serverMs / ms) * 100;
    console.log(`whole path, run ${run + 1}: ${ms.toFixed(0)} ms, ${rate(ms)}; server CPU ${serverCpu.toFixed(0)} % of a core`);
    await page.waitForTimeout(500);
    return ms;
  };

  // The server and the browser's WebSocket alone: a third shell (tab 3) read by a few lines in the page.
  const socketRun = async (run: number): Promise<number> => {
    const ms = (await page.evaluate(`new Promise(async (done) => {
      const credential = localStorage.getItem('deckhand.credential');
      const { ticket } = await (await fetch('/api/tickets', { method: 'POST', headers: { Authorization: 'Bearer ' + credential } })).json();
      const socket = window.__benchSocket = new WebSocket('ws://' + location.host + '/ws/terminal?term=3&cols=${cols}&rows=${rows}&ticket=' + ticket, ${JSON.stringify(SUBPROTOCOL)});
      socket.binaryType = 'arraybuffer';
      const marker = ${JSON.stringify(`${MARKER}-socket-${run}`)};
      const decoder = new TextDecoder('latin1');
      let started = 0, acked = 0, tail = '';
      const send = (type, payload) => { const frame = new Uint8Array(1 + payload.length); frame[0] = type; frame.set(payload, 1); socket.send(frame); };
      socket.onmessage = (event) => {
        const frame = new Uint8Array(event.data);
        if (frame[0] === ${FrameType.Attached} && !started) {
          started = performance.now();
          send(${FrameType.Input}, new TextEncoder().encode("cat ${file}; printf '%s\\\\n' '${MARKER}''-socket-${run}'\\r"));
        }
        if (frame[0] !== ${FrameType.Output}) return;
        const view = new DataView(frame.buffer);
        const end = view.getUint32(1) * 2 ** 32 + view.getUint32(5) + frame.length - 9;
        if (end - acked >= ${Flow.ackEveryBytes}) {
          acked = end;
          const ack = new Uint8Array(8);
          new DataView(ack.buffer).setUint32(0, Math.floor(acked / 2 ** 32));
          new DataView(ack.buffer).setUint32(4, acked >>> 0);
          send(${FrameType.Ack}, ack);
        }
        tail = (tail + decoder.decode(frame.subarray(9))).slice(-200);
        if (tail.includes(marker + '\\r\\n')) { socket.close(); done(performance.now() - started); }
      };
    })`)) as number;
    console.log(`server + page WebSocket, no xterm.js, run ${run + 1}: ${ms.toFixed(0)} ms, ${rate(ms)}`);
    return ms;
  };

  const ceilingPage = await (await bench.browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await ceilingPage.route('http://bench.local/**', (route) =>
    route.fulfill({ body: route.request().url().endsWith('/payload') ? payload.replaceAll('\n', '\r\n') + MARKER + '\r\n' : '<!doctype html><div id="host" style="width:900px;height:600px"></div>', contentType: 'text/html' }),
  );
  await ceilingPage.goto('http://bench.local/');
  await ceilingPage.addStyleTag({ path: path.join(root, 'node_modules/@xterm/xterm/css/xterm.css') });
  await ceilingPage.addScriptTag({ path: path.join(root, 'node_modules/@xterm/xterm/lib/xterm.js') });
  const ceilingRun = async (run: number): Promise<number> => {
    const ms = (await ceilingPage.evaluate(`(async () => {
      document.getElementById('host').replaceChildren();
      const term = new Terminal({ cols: ${cols}, rows: ${rows}, fontSize: 15, scrollback: 5000, fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace' });
      term.open(document.getElementById('host'));
      const bytes = new Uint8Array(await (await fetch('/payload')).arrayBuffer());
      const rows = document.querySelector('#host .xterm-rows');
      const started = performance.now();
      const rendered = new Promise((resolve) => new MutationObserver(() => {
        if (rows.textContent.includes(${JSON.stringify(MARKER)})) resolve(performance.now());
      }).observe(rows, { childList: true, subtree: true, characterData: true }));
      for (let at = 0; at < bytes.length; at += 65536) term.write(bytes.subarray(at, at + 65536));
      const ms = (await rendered) - started;
      term.dispose();
      return ms;
    })()`)) as number;
    console.log(`in-page ceiling, run ${run + 1}: ${ms.toFixed(0)} ms, ${rate(ms)}`);
    return ms;
  };

  // ttyd's page, the same cat in its shell.
  let ttydRun: ((run: number) => Promise<number>) | null = null;
  if (ttydBinary) {
    ttyd = await startTtyd(ttydBinary);
    const ttydPage = await openTtydPage(bench.browser, ttyd);
    await installScreenProbe(ttydPage);
    await ttydPage.keyboard.type('stty size');
    await ttydPage.keyboard.press('Enter');
    await ttydPage.waitForTimeout(500);
    console.log(`anchor: ${ttyd.version} (${ttydBinary}), DOM renderer; its terminal: ${/(\d+ \d+)\s*bash/.exec((await ttydPage.locator('.xterm-rows').textContent()) ?? '')?.[1] ?? '?'} (rows cols), Deckhand's: ${rows} ${cols}`);
    ttydRun = async (run) => {
      await ttydPage.keyboard.type(`clear; cat ${file}; printf '%s\\n' 'END''-OF-PAYLOAD-ttyd-${run}'`);
      const ms = await keyToText(ttydPage, 'Enter', `${MARKER}-ttyd-${run}`);
      console.log(`ttyd, run ${run + 1}: ${ms.toFixed(0)} ms, ${rate(ms)}`);
      await ttydPage.waitForTimeout(500);
      return ms;
    };
  } else {
    console.log('anchor: no ttyd build found ($DECKHAND_TTYD or ttyd on PATH)');
  }

  const whole: number[] = [];
  const socketOnly: number[] = [];
  const ceiling: number[] = [];
  const viaTtyd: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    whole.push(await wholeRun(run));
    socketOnly.push(await socketRun(run));
    ceiling.push(await ceilingRun(run));
    if (ttydRun) viaTtyd.push(await ttydRun(run));
    ratios.push(ceiling[run]! / whole[run]!);
  }
  const { 'whole machine': machine = 0, ...parts } = cpuSpent;
  const named = Object.values(parts).reduce((sum, spent) => sum + spent, 0);
  const perRun = (spent: number): string => (spent / RUNS).toFixed(0);
  console.log(
    `CPU per whole-path run, ms (mean of ${RUNS}): whole machine ${perRun(machine)} of ${perRun(cpuAvailable)} available; ` +
      Object.entries(parts).map(([part, spent]) => `${part} ${perRun(spent)}`).join(', ') +
      `; the rest (cat, the pty in the kernel, this script) ${perRun(machine - named)}`,
  );
  const best = (values: number[]): number => Math.min(...values);
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(
    `${megabytes.toFixed(1)} MB, ${cols}×${rows}, best of ${RUNS}: whole path ${rate(best(whole))}, server + page WebSocket alone ${rate(best(socketOnly))}, ceiling ${rate(best(ceiling))}; ` +
      `whole path / ceiling: median ${median(ratios).toFixed(2)} (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}), best vs best ${(best(ceiling) / best(whole)).toFixed(2)}`,
  );
  if (viaTtyd.length > 0) {
    const speedups = whole.map((ms, run) => viaTtyd[run]! / ms);
    console.log(`against ttyd, best of ${RUNS}: Deckhand ${rate(best(whole))}, ttyd ${rate(best(viaTtyd))}; Deckhand / ttyd: median of the rounds ${median(speedups).toFixed(2)}× (goal ≥ 2×)`);
  }
} finally {
  await ttyd?.close();
  await bench.close();
}
