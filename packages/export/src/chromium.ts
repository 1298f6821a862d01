// The Chromium that prints PDFs (deckhand pdf): named by --chromium or $DECKHAND_CHROMIUM, else
// Playwright's own when installed, else the system's. Playwright downloads no browser here.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(given?: string): string {
  const named = given ?? process.env.DECKHAND_CHROMIUM;
  if (named) {
    if (existsSync(named)) return named;
    throw new Error(`no Chromium at ${named}${given ? ' (--chromium)' : ' ($DECKHAND_CHROMIUM)'}`);
  }
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  const found = [bundled, ...SYSTEM_CHROMIUMS].find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
  if (found) return found;
  throw new Error('deckhand pdf prints with Chromium, and none was found: install one (Debian: apt-get install chromium) or name it with --chromium PATH');
}

/** Flags for a headless Chromium that prints: nothing in the background reaches for the network. */
export const PRINT_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
