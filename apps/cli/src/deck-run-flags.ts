// What `check` and `record` both take to run a deck's blocks: the decks, the slides, the timeout, and
// the shell (a fresh local one, or a sandbox from the sandbox flags), read the same way for both.
import type { Shell } from '@deckhand/server';
import { decksIn } from '@deckhand/check';
import { SANDBOX_FLAGS, sandboxFromFlags } from './sandbox-flags';
import { parseSlides } from './slide-numbers';
import { UsageError } from './usage-error';

export const DECK_RUN_FLAGS = {
  'keep-going': { type: 'boolean' },
  only: { type: 'string' },
  timeout: { type: 'string' },
  ...SANDBOX_FLAGS,
} as const;

export interface DeckRun {
  decks: string[];
  only?: Set<number>;
  /** Seconds a block may take when it sets none. */
  timeout?: number;
  /** A sandbox's shell for the decks' runs, or undefined for a fresh local shell. */
  openTerminal?: (cwd: string) => Promise<Shell>;
}

export async function deckRunFromFlags(
  values: { only?: string; timeout?: string; sandbox?: string } & Record<string, unknown>,
  positionals: string[],
  usage: string,
): Promise<DeckRun> {
  if (positionals.length !== 1) throw new UsageError('give one deck file or folder', usage);
  const only = values.only !== undefined ? parseSlides(values.only, usage) : undefined;
  const timeout = positiveNumber(values.timeout, '--timeout', usage);
  let decks: string[];
  try {
    decks = decksIn(positionals[0] as string);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
  const sandboxed = values.sandbox !== undefined && values.sandbox !== 'local';
  // Always read, so Docker-only flags without --sandbox docker are refused rather than ignored.
  const chosen = await sandboxFromFlags(values as Parameters<typeof sandboxFromFlags>[0], process.cwd(), usage);
  // Wide, so tools that fit tables to the terminal do not truncate (as the local check shell).
  const openTerminal = sandboxed ? (cwd: string) => chosen.openShell({ cols: 200, rows: 50, cwd }) : undefined;
  return { decks, only, timeout, openTerminal };
}

export function positiveNumber(value: string | undefined, flag: string, usage: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(number > 0) || !Number.isFinite(number)) throw new UsageError(`${flag} must be a positive number, got "${value}"`, usage);
  return number;
}
