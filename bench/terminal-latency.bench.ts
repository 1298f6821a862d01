// Terminal responsiveness in Debian's Chromium against the real server, in one run:
// - keystroke echo, keydown to the character rendered: idle, and while another page's terminal runs
//   `yes` (goal p50 ≤ 16 ms, p95 ≤ 33 ms);
// - Ctrl-C during a `yes` flood, keydown to `^C` and the prompt rendered (goal p95 ≤ 250 ms);
// - server memory per idle session (goal ≤ 5 MB beyond the shell, which is its own process), and
//   echo p95 with 50 sessions open (goal ≤ 50 ms).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { SUBPROTOCOL, decodeServerFrame, encodeClientFrame } from '@deckhand/protocol';
import { exchangeSecret } from '@deckhand/server';
import {
  SOCKET_PROBE,
  cpuSeconds,
  echoLatencies,
  echoStages,
  frameWaits,
  installScreenProbe,
  keyToText,
  openTerminalPage,
  rssMb,
  startBench,
  summary,
} from './terminal-browser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ECHOES = 150;
const INTERRUPTS = 20;
const IDLE_SESSIONS = 50;

const bench = await startBench();
const pid = bench.deckhand.pid;
try {
  const page = await openTerminalPage(bench);
  await page.waitForTimeout(1000);
  let cpu = cpuSeconds(pid);
  let wall = Date.now();
  const idle = (await echoLatencies([page], ECHOES))[0]!;
  const serverCpu = (): string => {
    const share = (cpuSeconds(pid) - cpu) / ((Date.now() - wall) / 1000);
    cpu = cpuSeconds(pid);
    wall = Date.now();
    return `server CPU ${(share * 100).toFixed(0)} % of a core`;
  };
  console.log(`echo, idle: ${summary(idle)}; ${serverCpu()}`);

  const flooder = await openTerminalPage(bench);
  await flooder.keyboard.type('yes deckhand-flood');
  await flooder.keyboard.press('Enter');
  await flooder.waitForTimeout(1000);
  const flooded = (await echoLatencies([page], ECHOES))[0]!;
  console.log(`echo, another terminal running yes: ${summary(flooded)}; ${serverCpu()}`);
  await flooder.keyboard.press('Control+C');

  const interrupts: number[] = [];
  for (let i = 0; i < INTERRUPTS; i++) {
    await page.keyboard.type('yes deckhand-interrupt');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    interrupts.push(await keyToText(page, 'Control+C', '^C'));
    await page.waitForTimeout(200);
  }
  console.log(`Ctrl-C during yes, keydown to ^C on screen: ${summary(interrupts)}; ${serverCpu()}`);

  const before = rssMb(pid);
  const url = new URL(bench.deckhand.url);
  const credential = await exchangeSecret(bench.deckhand.url);
  const sockets: WebSocket[] = [];
  for (let term = 1; term <= IDLE_SESSIONS; term++) {
    // Each socket without a client id is its own session (a browser would stop at 8 tabs).
    const socket = new WebSocket(`ws://${url.host}/ws/terminal?term=1`, SUBPROTOCOL, {
      headers: { Authorization: `Bearer ${credential}`, Origin: url.origin },
    });
    await new Promise((resolve, reject) => {
      socket.once('message', resolve);
      socket.once('error', reject);
      socket.once('close', (code, reason) => reject(new Error(`session ${term} refused: ${code} ${reason}`)));
    });
    sockets.push(socket);
  }
  await page.waitForTimeout(3000);
  const after = rssMb(pid);
  console.log(`server RSS: ${before.toFixed(1)} MB → ${after.toFixed(1)} MB with ${IDLE_SESSIONS} more idle sessions: ${((after - before) / IDLE_SESSIONS).toFixed(2)} MB per session`);
  const crowded = (await echoLatencies([page], ECHOES))[0]!;
  console.log(`echo with ${IDLE_SESSIONS + 2} sessions open: ${summary(crowded)}; ${serverCpu()}`);
  // The server's and the shell's share of an echo: the same keystrokes from a WebSocket client in Node.
  const direct = sockets[0]!;
  const nodeEchoes: number[] = [];
  for (let i = 0; i < 60; i++) {
    const sent = performance.now();
    const echoed = new Promise<void>((resolve) => {
      const onMessage = (data: Buffer): void => {
        if (decodeServerFrame(new Uint8Array(data)).type !== 'output') return;
        direct.off('message', onMessage);
        resolve();
      };
      direct.on('message', onMessage);
    });
    direct.send(encodeClientFrame({ type: 'input', data: Buffer.from(i % 2 ? 'k' : 'j') }));
    await echoed;
    nodeEchoes.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  console.log(`echo from a WebSocket client in Node (server and shell only): ${summary(nodeEchoes)}`);
  for (const socket of sockets) socket.close();

  // The floor: the same probe on an xterm.js in a blank page that echoes keys itself, no server.
  const floorPage = await (await bench.browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await floorPage.route('http://bench.local/**', (route) =>
    route.fulfill({ body: '<!doctype html><div data-testid="terminal" style="width:900px;height:600px"></div>', contentType: 'text/html' }),
  );
  await floorPage.goto('http://bench.local/');
  await floorPage.addStyleTag({ path: path.join(root, 'node_modules/@xterm/xterm/css/xterm.css') });
  await floorPage.addScriptTag({ path: path.join(root, 'node_modules/@xterm/xterm/lib/xterm.js') });
  await floorPage.evaluate(`(() => {
    const term = new Terminal({ fontSize: 15 });
    term.open(document.querySelector('[data-testid="terminal"]'));
    term.onData((data) => term.write(data === '\\x15' ? '\\r\\x1b[K' : data));
    term.focus();
  })()`);
  await installScreenProbe(floorPage);
  console.log(`echo floor, xterm.js echoing in the page (no server): ${summary((await echoLatencies([floorPage], ECHOES))[0]!)}`);

  // Where an echo's time goes: timestamps in the page around its WebSocket, and the browser's own wait
  // for a frame when one is asked for from an idle task (xterm.js draws on the next frame).
  const staged = await openTerminalPage(bench, SOCKET_PROBE);
  await staged.waitForTimeout(1000);
  const [stages = []] = await echoStages([staged], 60);
  const stage = (index: number): number[] => stages.map((times) => times[index]!);
  console.log(
    `echo stages (n=${stages.length}): keydown → sent ${summary(stage(0)).replace(/ \(n=\d+\)/, '')}; sent → output arrived ${summary(stage(1)).replace(/ \(n=\d+\)/, '')}; arrived → rendered ${summary(stage(2)).replace(/ \(n=\d+\)/, '')}`,
  );
  console.log(`frame wait, requestAnimationFrame from an idle task in the app page: ${summary(await frameWaits(staged, 60))}`);
} finally {
  await bench.close();
}
