// The access credential is scoped to this server's origin (scheme, host and port). Cookies are scoped
// by host only, so a credential kept in one would reach every other server on 127.0.0.1 the browser
// visits; here a neighbour server on another port logs what the browser sends it, and plants hostile
// cookies for the whole host, as any local app could.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';

let deckhand: RunningDeckhand;
let neighbour: Server;
let neighbourOrigin: string;
const seen: IncomingHttpHeaders[] = [];

test.beforeAll(async () => {
  deckhand = await startDeckhand(['e2e/fixtures/skeleton.md']);
  neighbour = createServer((request, response) => {
    seen.push(request.headers);
    response.setHeader('Content-Type', 'text/html');
    // A hostile local app: plants cookies for 127.0.0.1 that every port receives, one badly %-encoded.
    response.end(`<!doctype html><title>neighbour</title><script>
      document.cookie = 'deckhand_access=%E0%A4%A; path=/ws';
      document.cookie = 'deckhand_access=%E0%A4%A; path=/';
      document.cookie = 'deckhand_client=planted-client-id-0123456789; path=/';
    </script><p>neighbour</p>`);
  });
  await new Promise<void>((resolve) => neighbour.listen(0, '127.0.0.1', resolve));
  neighbourOrigin = `http://127.0.0.1:${(neighbour.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await deckhand.stop();
  await new Promise<void>((resolve) => neighbour.close(() => resolve()));
});

async function credentialOf(page: Page): Promise<string> {
  const credential = await page.evaluate(() => localStorage.getItem('deckhand.credential'));
  expect(credential, 'the page keeps its credential in its own origin storage').toBeTruthy();
  return credential ?? '';
}

test('after the printed address, a request to another local port carries no credential', async ({ page }) => {
  await page.goto(deckhand.url);
  await expect(page.getByRole('heading', { name: 'Hello from Deckhand' })).toBeVisible();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  const credential = await credentialOf(page);
  expect(await page.context().cookies(), 'no cookie at all for the server').toEqual([]);

  seen.length = 0;
  await page.goto(`${neighbourOrigin}/`);
  await page.evaluate(() => fetch('/probe', { credentials: 'include' }));
  expect(seen.length).toBeGreaterThanOrEqual(2);
  for (const headers of seen) {
    const sent = JSON.stringify(headers);
    expect(sent).not.toContain(credential);
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie ?? '').not.toMatch(/deckhand_access=(?!%E0%A4%A)/);
  }
  // The neighbour's page cannot read the server's storage either: storage is per origin.
  expect(await page.evaluate(() => localStorage.getItem('deckhand.credential'))).toBeNull();
});

test('cookies planted from another port change nothing: the server stays up and they open no shell', async ({ page }) => {
  await page.goto(`${neighbourOrigin}/`);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).toContain('deckhand_access');
  // The trainer's own tab, with the planted cookies sent along on every request and upgrade.
  await page.goto(deckhand.url);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await page.locator('.xterm-screen').click();
  await page.keyboard.type('echo planted-$((40+2))\n');
  await expect(page.locator('.xterm-rows')).toContainText('planted-42');
  expect(deckhand.exited()).toBe(false);

  // A script replaying every cookie the browser holds, without the credential, is refused.
  const cookieHeader = (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  const status = await new Promise<number>((resolve) => {
    const socket = new WebSocket(`${deckhand.origin.replace('http', 'ws')}/ws/terminal`, 'deckhand.terminal.v2', { headers: { Cookie: cookieHeader } });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('open', () => resolve(101));
    socket.once('error', () => resolve(-1));
  });
  expect(status).toBe(401);
  expect((await fetch(`${deckhand.origin}/api/decks`, { headers: { Cookie: cookieHeader } })).status).toBe(401);
});

test('reload, a new tab and another device keep working; the secret leaves the address bar', async ({ page, browser }) => {
  await page.goto(deckhand.url);
  expect(page.url()).not.toContain('token=');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hello from Deckhand' })).toBeVisible();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open');

  // A new tab of the same browser, typed address without the secret (it joins the open view's slide).
  const tab = await page.context().newPage();
  await tab.goto(`${deckhand.origin}/#/skeleton/1`);
  await expect(tab.getByRole('heading', { name: 'Hello from Deckhand' })).toBeVisible();
  await expect(tab.getByTestId('terminal')).toHaveAttribute('data-status', 'open');

  // Another device: its own browser, the printed address.
  const device = await browser.newContext();
  const other = await device.newPage();
  await other.goto(deckhand.url);
  await expect(other.getByRole('heading', { name: 'Hello from Deckhand' })).toBeVisible();
  await expect(other.getByTestId('terminal')).toHaveAttribute('data-status', 'open');
  await device.close();

  // A browser that never had the address gets the explanation, not the deck.
  const stranger = await browser.newContext();
  const nobody = await stranger.newPage();
  await nobody.goto(`${deckhand.origin}/#/skeleton/2`);
  await expect(nobody.getByRole('heading', { name: /needs its access link/ })).toBeVisible();
  await stranger.close();
});

test('a secret from --token-file serves the printed address and never shows in the process list', async ({ page }) => {
  test.setTimeout(60_000); // a second server starts
  const secret = `file-secret-${Date.now()}-0123456789`;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'deckhand-secret-')), 'secret');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  const fixed = await startDeckhand(['e2e/fixtures/skeleton.md', '--token-file', file]);
  try {
    expect(new URL(fixed.url).searchParams.get('token')).toBe(secret);
    expect(readFileSync(`/proc/${fixed.pid}/cmdline`, 'utf8')).not.toContain(secret);
    await page.goto(fixed.url);
    await expect(page.getByRole('heading', { name: 'Hello from Deckhand' })).toBeVisible();
  } finally {
    await fixed.stop();
  }
});
