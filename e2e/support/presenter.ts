// Helpers for the presenter-*.spec.ts tests: open a deck view with access, read what the slide shows.
import { expect, type Page } from '@playwright/test';
import type { RunningDeckhand } from './deckhand';

/** Exchanges the printed secret for the cookie, then opens `hash` (`#/course/3`, `#/course/1/presenter`). */
export async function openDeck(page: Page, deckhand: RunningDeckhand, hash: string): Promise<void> {
  await page.goto(deckhand.url);
  await page.goto(`${deckhand.origin}/${hash}`);
}

/** The slide on screen, by the heading the audience reads. */
export async function expectSlide(page: Page, heading: string | RegExp, index?: number): Promise<void> {
  await expect(page.locator('.slide-area').getByRole('heading', { name: heading })).toBeVisible();
  if (index !== undefined) await expect(page).toHaveURL(new RegExp(`#/[^/]+/${index}(/|$)`));
}
