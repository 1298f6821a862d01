// The local backend's input path: keystrokes are written to the pty's descriptor directly
// (pty-shell.ts), so once the pty is closed its descriptor number must never be written again: the
// kernel hands the same number to the next file the server opens.
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalShellSandbox } from './local-shell';

describe('local shell input', () => {
  it('writes nothing once the pty is closed, even to a file that took its descriptor number', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deckhand-local-shell-'));
    const sandbox = new LocalShellSandbox({ cwd: dir, shell: '/bin/sh' });
    const shell = await sandbox.openShell({ cols: 80, rows: 24 });
    const descriptor = (shell as unknown as { child: { fd: number } }).child.fd;
    const exited = new Promise((resolve) => shell.onExit(resolve));
    shell.write('exit 0\r');
    await exited;
    // Let node-pty finish closing the pty, then take the lowest free numbers until we hold its old one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const file = path.join(dir, 'innocent-bystander');
    const opened: number[] = [];
    for (let i = 0; i < 16 && !opened.includes(descriptor); i++) opened.push(openSync(file, 'a'));
    expect(opened).toContain(descriptor);
    shell.write('rm -rf ~\r');
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const fd of opened) closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe('');
    shell.dispose();
  });
});
