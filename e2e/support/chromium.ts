// Finds a Chromium for the end-to-end tests: $DECKHAND_CHROMIUM, Playwright's own, or the system's.
// Playwright cannot download its browser on machines without internet, so as root on Debian it installs
// Debian's chromium package; anywhere else it stops with the exact command to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';

export function findChromium(): string {
  const fromEnv = process.env.DECKHAND_CHROMIUM;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`DECKHAND_CHROMIUM points to ${fromEnv}, which does not exist.`);
  }
  const candidates = [safePlaywrightPath(), ...SYSTEM_CHROMIUMS].filter((p): p is string => Boolean(p));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stderr.write('No Chromium found: installing Debian\'s chromium package for the end-to-end tests…\n');
    execSync('apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium', {
      stdio: 'inherit',
    });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(`No Chromium found for the end-to-end tests. Install one with:\n  ${INSTALL_COMMAND}\nor point DECKHAND_CHROMIUM at a Chromium binary.`);
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Flags for a headless Chromium on a machine without network (see docs/architecture.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
];
