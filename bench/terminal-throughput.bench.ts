// Terminal output throughput in Debian's Chromium, in one run: the whole path (cat in the shell → pty
// → server → WebSocket → xterm.js → screen) against the in-page ceiling (the same bytes written
// straight into an xterm.js of the same size in a page, all at once in 64 KiB writes, so xterm.js
// parses and renders as fast as it can). Each run ends with a marker; the time is until the marker
// is rendered.
// Goal: the whole path reaches ≥ 0.7 of the ceiling.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, keyToText, openTerminalPage, startBench } from './terminal-browser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAYLOAD_BYTES = 8 * 1024 * 1024;
const RUNS = 3;
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

const bench = await startBench();
try {
  const page = await openTerminalPage(bench);
  await page.keyboard.type(`clear; stty size`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  const size = /(\d+) (\d+)/.exec((await page.locator('[data-testid="terminal"] .xterm-rows').textContent()) ?? '');
  const [rows, cols] = [Number(size?.[1] ?? 24), Number(size?.[2] ?? 80)];

  const whole: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.keyboard.type(`clear; cat ${file}; printf '%s\\n' 'END''-OF-PAYLOAD-${run}'`);
    const cpu = cpuSeconds(bench.deckhand.pid);
    const ms = await keyToText(page, 'Enter', `${MARKER}-${run}`);
    whole.push(ms);
    console.log(`whole path, run ${run + 1}: ${ms.toFixed(0)} ms, ${((megabytes * 1000) / ms).toFixed(1)} MB/s; server CPU ${(((cpuSeconds(bench.deckhand.pid) - cpu) / (ms / 1000)) * 100).toFixed(0)} % of a core`);
    await page.waitForTimeout(500);
  }

  const ceilingPage = await (await bench.browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await ceilingPage.route('http://bench.local/**', (route) =>
    route.fulfill({ body: route.request().url().endsWith('/payload') ? payload.replaceAll('\n', '\r\n') + MARKER + '\r\n' : '<!doctype html><div id="host" style="width:900px;height:600px"></div>', contentType: 'text/html' }),
  );
  await ceilingPage.goto('http://bench.local/');
  await ceilingPage.addStyleTag({ path: path.join(root, 'node_modules/@xterm/xterm/css/xterm.css') });
  await ceilingPage.addScriptTag({ path: path.join(root, 'node_modules/@xterm/xterm/lib/xterm.js') });
  const ceiling: number[] = [];
  for (let run = 0; run < RUNS; run++) {
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
    ceiling.push(ms);
    console.log(`in-page ceiling, run ${run + 1}: ${ms.toFixed(0)} ms, ${((megabytes * 1000) / ms).toFixed(1)} MB/s`);
  }
  const best = (values: number[]): number => Math.min(...values);
  console.log(
    `${megabytes.toFixed(1)} MB, ${cols}×${rows}: whole path ${((megabytes * 1000) / best(whole)).toFixed(1)} MB/s, ceiling ${((megabytes * 1000) / best(ceiling)).toFixed(1)} MB/s, ratio ${(best(ceiling) / best(whole)).toFixed(2)} of the ceiling (best of ${RUNS} each)`,
  );
} finally {
  await bench.close();
}
