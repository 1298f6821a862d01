// ttyd, the public anchor for the terminal benchmarks (issue 17), when a build of it is at hand:
// `$DECKHAND_TTYD` or `ttyd` on PATH (never committed; Debian 13 does not package it, forky does, and
// its release source builds here with cmake and Debian 12's libwebsockets-dev, libjson-c-dev and
// libuv1-dev). Started as the reference page is: bash without rc files, an empty HOME, loopback, the
// DOM renderer (as issue 17 measured) and Deckhand's font unless DECKHAND_TTYD_FONT=own, writable.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';

export interface Ttyd {
  url: string;
  version: string;
  close(): Promise<void>;
}

export function ttydPath(): string | null {
  if (process.env.DECKHAND_TTYD) return process.env.DECKHAND_TTYD;
  try {
    return execFileSync('sh', ['-c', 'command -v ttyd'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startTtyd(binary: string): Promise<Ttyd> {
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  const home = mkdtempSync(path.join(os.tmpdir(), 'deckhand-ttyd-home-'));
  const port = await freePort();
  // Deckhand's font and size, so both draw the same number of cells; with DECKHAND_TTYD_FONT=own, ttyd's
  // own (13 px: more, smaller cells, as ttyd is run when nobody sets its font).
  const font = process.env.DECKHAND_TTYD_FONT === 'own' ? [] : ['fontSize=15', 'fontFamily=ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace'];
  const options = ['rendererType=dom', 'disableLeaveAlert=true', 'disableResizeOverlay=true', ...font].flatMap((option) => ['-t', option]);
  const child = spawn(binary, ['-p', String(port), '-i', 'lo', '-W', '-d', '3', ...options, 'bash', '--norc', '--noprofile'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' },
    cwd: home,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      if (attempt > 50) throw new Error(`ttyd did not start on ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    version,
    close: async () => {
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** ttyd's frames: input and output both start with the command byte '0' (0x30). */
export const TTYD_FRAMES = { input: 0x30, output: 0x30 } as const;

/** A page on ttyd, its terminal marked as the probes expect to find it once it has connected. */
export async function openTtydPage(browser: Browser, ttyd: Ttyd, initScript?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  await page.goto(ttyd.url);
  await markTtydTerminal(page);
  await page.locator('.xterm-screen').click();
  return page;
}

/** Marks ttyd's terminal as the probes expect to find it, once it has connected. */
export async function markTtydTerminal(page: Page): Promise<void> {
  await page.locator('.xterm-rows').waitFor();
  await page.evaluate(() => ((document.querySelector('.xterm') as HTMLElement).parentElement as HTMLElement).setAttribute('data-testid', 'terminal'));
}
