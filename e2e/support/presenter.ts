// Helpers for the presenter-*.spec.ts tests: open a deck view with access, read what the slide shows.
import { expect, type Locator, type Page } from '@playwright/test';
import type { RunningDeckhand } from './deckhand';

/** Opens the printed address (the page keeps its credential), then `hash` (`#/course/3`, `#/course/1/presenter`). */
export async function openDeck(page: Page, deckhand: RunningDeckhand, hash: string): Promise<void> {
  await page.goto(deckhand.url);
  await page.goto(`${deckhand.origin}/${hash}`);
}

/** The slide on screen, by the heading the audience reads. */
export async function expectSlide(page: Page, heading: string | RegExp, index?: number): Promise<void> {
  await expect(page.locator('.slide-area').getByRole('heading', { name: heading })).toBeVisible();
  if (index !== undefined) await expect(page).toHaveURL(new RegExp(`#/[^/]+/${index}(/|$)`));
}

/** All of `panel` is inside the page's window, left to right (panels hanging from a toolbar button). */
export async function expectInsideWindow(page: Page, panel: Locator): Promise<void> {
  const box = await panel.boundingBox();
  expect(box?.x).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

/**
 * Starts something with $SHELL set to `shell` for the processes it spawns, then restores it. The run
 * tests use a plain `sh`: they are about the presenter's buttons, and an interactive bash reads the
 * user's rc files, which on some machines take a minute (a `pyenv init` in root's ~/.bashrc).
 */
export async function withShell<T>(shell: string, start: () => Promise<T>): Promise<T> {
  const previous = process.env.SHELL;
  process.env.SHELL = shell;
  try {
    return await start();
  } finally {
    if (previous === undefined) delete process.env.SHELL;
    else process.env.SHELL = previous;
  }
}
