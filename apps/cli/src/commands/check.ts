// `deckhand check <deck-or-folder>`: runs every runnable block as a trainer would and reports, per
// block, pass, fail (with a diff) or skip (with the reason). Exit status 1 when any block fails.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkDeck, formatEngines, formatResult, formatSummary, junitXml, totals, type DeckReport } from '@deckhand/check';
import { parseFlags } from '../parse-flags';
import { DECK_RUN_FLAGS, deckRunFromFlags } from '../deck-run-flags';
import { softInterrupt } from '../interrupt';
import type { Command } from '../main';

const usage = `Usage: deckhand check <deck-or-folder> [options]

Runs every runnable block of the deck (or of every deck in the folder) in order in a fresh shell,
compares each command's output with the deck, and prints pass, fail (with a diff) or skip per block.
  --keep-going     run every block even after a failure (default: stop at the first failure)
  --only SLIDES    only the blocks on these slides: 3, or 3,5-7
  --junit FILE     also write the results as JUnit XML (for CI)
  --timeout S      seconds a block may take when it sets no timeout= (default 30)
  --sandbox docker run the deck as an attendee would, in a Docker sandbox; with it, the sandbox flags
                   of "deckhand serve --help" (--image, --docker-engine sidecar, --share DIR…)
Exit status: 0 when nothing failed, 1 when a block failed, 2 for a usage error.
In expected output: <id> <digest> <date> <duration> <size> <ago> <any> anywhere in a line, and a
line "..." for any number of lines (docs/check.md).`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'run every example of a deck and compare its output with the deck',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(
      args,
      { junit: { type: 'string' }, ...DECK_RUN_FLAGS },
      usage,
    );
    const { decks, only, timeout, openTerminal } = await deckRunFromFlags(values, positionals, usage);

    const started = Date.now();
    const reports: DeckReport[] = [];
    const keepGoing = values['keep-going'] === true;
    const stopping = softInterrupt('removing what the deck created');
    // A closed pipe (`deckhand check … | head`) must not end the check before its clean-up.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
    for (const deck of decks) {
      if (stopping.signal.aborted) break;
      const report = await checkDeck(deck, {
        signal: stopping.signal,
        ...(openTerminal ? { openTerminal } : {}),
        ...(only ? { only } : {}),
        ...(timeout ? { defaultTimeout: timeout } : {}),
        stopOnFailure: !keepGoing,
        onResult: (result) => process.stdout.write(formatResult(result) + '\n'),
      });
      reports.push(report);
      if (report.cleanedUp.length > 0) process.stdout.write(`      cleaned up ${report.cleanedUp.join(', ')} from ${path.basename(deck)}\n`);
      if (!keepGoing && totals([report]).fail > 0) break;
    }
    stopping.release();
    const engines = formatEngines(reports);
    if (engines) process.stdout.write(engines + '\n');
    process.stdout.write(formatSummary(reports, (Date.now() - started) / 1000, stopping.signal.aborted) + '\n');
    if (stopping.signal.aborted) return 130;
    if (values.junit) {
      mkdirSync(path.dirname(path.resolve(values.junit)), { recursive: true });
      writeFileSync(values.junit, junitXml(reports));
    }
    return totals(reports).fail > 0 ? 1 : 0;
  },
};
