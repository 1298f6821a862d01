// The store's writes are atomic: another process reading a recording while it is rewritten over and
// over sees the old text or the new one, never a torn file (what a run killed mid-write would leave).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingName, writeRecording } from './store';

describe('recording store', () => {
  it('never shows a reader a half-written recording', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-store-'));
    const file = path.join(dir, '.recordings', 'deck', 'block.cast');
    const versions = ['a', 'b'].map((mark) => `${JSON.stringify({ version: 3, term: { cols: 80, rows: 24 } })}\n${`[0.1, "o", "${mark.repeat(400_000)}"]\n`}`);
    writeRecording(file, versions[0] as string);
    const reader = path.join(dir, 'reader.mjs');
    writeFileSync(
      reader,
      `import { readFileSync } from 'node:fs';
       const sizes = new Set(${JSON.stringify(versions.map((text) => text.length))});
       let reads = 0, torn = 0;
       const until = Date.now() + 1500;
       while (Date.now() < until) { reads++; if (!sizes.has(readFileSync(process.argv[2], 'utf8').length)) torn++; }
       console.log(JSON.stringify({ reads, torn }));`,
    );
    const child = spawn(process.execPath, [reader, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const until = Date.now() + 1500;
    for (let n = 0; Date.now() < until; n++) {
      writeRecording(file, versions[n % 2] as string);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await exited;
    const { reads, torn } = JSON.parse(output) as { reads: number; torn: number };
    expect(reads).toBeGreaterThan(100);
    expect(torn).toBe(0);
  });

  it('names a block by its id when that is a safe file name, else by a hash of its text', () => {
    expect(recordingName({ code: 'echo hi', options: { id: 'say-hi' } })).toBe('say-hi.cast');
    expect(recordingName({ code: 'echo hi', options: { id: '../escape' } })).toMatch(/^[0-9a-f]{16}\.cast$/);
    expect(recordingName({ code: 'echo hi', options: {} })).toBe(recordingName({ code: 'echo hi', options: { term: 2 } }));
  });
});
