// The floor any web terminal page can reach on this machine, for the echo benchmark to compare with:
// xterm.js (the same version, DOM renderer, the same options as Deckhand's tabs) fed by a bare
// WebSocket relay to a pty running the same shell. No protocol, no flow control, no acks, no server
// state: every byte the pty gives goes to the socket at once, every keystroke to the pty. ttyd, when a
// build of it is on PATH (or $DECKHAND_TTYD), is the public anchor; this page stands in when none is.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pty from 'node-pty';
import { WebSocketServer } from 'ws';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const asset = (file: string): string => readFileSync(path.join(root, 'node_modules', file), 'utf8');

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/xterm.css">
<style>html,body{margin:0;height:100%;background:#111418}#t{position:absolute;inset:8px}</style></head>
<body><div id="t" data-testid="terminal"></div><script type="module">
import { Terminal } from '/xterm.mjs';
import { FitAddon } from '/addon-fit.mjs';
const terminal = new Terminal({ fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace', fontSize: 15, cursorBlink: false, scrollback: 5000 });
const fit = new FitAddon();
terminal.loadAddon(fit);
terminal.open(document.getElementById('t'));
fit.fit();
const socket = new WebSocket('ws://' + location.host + '/ws?cols=' + terminal.cols + '&rows=' + terminal.rows);
socket.binaryType = 'arraybuffer';
socket.onmessage = (event) => terminal.write(new Uint8Array(event.data));
socket.onopen = () => document.getElementById('t').dataset.status = 'open';
const encoder = new TextEncoder();
terminal.onData((data) => socket.send(encoder.encode(data)));
</script></body></html>`;

export interface ReferenceTerminal {
  url: string;
  close(): Promise<void>;
}

export async function startReferenceTerminal(): Promise<ReferenceTerminal> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'deckhand-reference-home-'));
  const files: Record<string, [string, string]> = {
    '/': ['text/html', PAGE],
    '/xterm.css': ['text/css', asset('@xterm/xterm/css/xterm.css')],
    '/xterm.mjs': ['text/javascript', asset('@xterm/xterm/lib/xterm.mjs')],
    '/addon-fit.mjs': ['text/javascript', asset('@xterm/addon-fit/lib/addon-fit.mjs')],
  };
  const http = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://x').pathname];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': file[0] }).end(file[1]);
  });
  const wss = new WebSocketServer({ server: http, path: '/ws' });
  wss.on('connection', (socket, request) => {
    const query = new URL(request.url ?? '/', 'http://x').searchParams;
    const shell = pty.spawn('/bin/bash', ['--norc', '--noprofile'], {
      name: 'xterm-256color',
      cols: Number(query.get('cols')) || 80,
      rows: Number(query.get('rows')) || 24,
      cwd: home,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8' },
    });
    shell.onData((data) => socket.send(Buffer.from(data, 'utf8')));
    socket.on('message', (data) => shell.write(data.toString()));
    socket.on('close', () => shell.kill());
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        http.close(() => resolve());
      }),
  };
}
