// `deckhand record <deck-or-folder>`: runs every runnable block as `deckhand check` does and keeps what
// each printed, with its timing, as an asciicast file under `<deck folder>/.recordings/<deck>/`, for
// the offline reader (`deckhand build`). Exit status as check's: 1 when a block failed.
import path from 'node:path';
import { recordDeck, type DeckRecording, type RecordResult } from '@deckhand/check';
import { RECORDING_LIMITS } from '@deckhand/recording';
import { parseFlags } from '../parse-flags';
import { DECK_RUN_FLAGS, deckRunFromFlags, positiveNumber } from '../deck-run-flags';
import { softInterrupt } from '../interrupt';
import { UsageError } from '../usage-error';
import type { Command } from '../main';

const usage = `Usage: deckhand record <deck-or-folder> [options]

Runs every runnable block of the deck (or of every deck in the folder) as "deckhand check" does, and
keeps what each block printed, with its timing, as an asciicast file (asciinema's format) in
<deck folder>/.recordings/<deck>/<block>.cast, named by the block's id or a hash of its text.
"deckhand build" replays them in the offline course. A block whose recording is current is not
recorded again; a deck whose recordings are all current is not run.
  --force          record every block again
  --keep-going     run every block even after a failure (default: stop at the first failure)
  --only SLIDES    only the blocks on these slides: 3, or 3,5-7
  --timeout S      seconds a block may take when it sets no timeout= (default 30)
  --idle-limit S   cut pauses longer than S seconds to S (default ${RECORDING_LIMITS.idleTimeLimit})
  --max-size MB    largest output a recording may hold (default ${RECORDING_LIMITS.maxBytes / 1024 / 1024})
  --format v3|v2   asciicast version to write (default v3, asciinema 3; v2 for asciinema 2.x players)
  --prune          delete recordings of blocks the deck no longer has
  --sandbox docker run the deck as an attendee would, with the sandbox flags of "deckhand serve --help"
Exit status: 0 when nothing failed, 1 when a block failed, 2 for a usage error, 130 when stopped.`;

export const recordCommand: Command = {
  name: 'record',
  summary: 'run every example of a deck and keep its output for the offline course',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(
      args,
      {
        force: { type: 'boolean' },
        'idle-limit': { type: 'string' },
        'max-size': { type: 'string' },
        format: { type: 'string' },
        prune: { type: 'boolean' },
        ...DECK_RUN_FLAGS,
      },
      usage,
    );
    // Flags first, then the decks: a bad flag is named whatever the folder holds.
    const idleTimeLimit = positiveNumber(values['idle-limit'], '--idle-limit', usage);
    const maxMegabytes = positiveNumber(values['max-size'], '--max-size', usage);
    if (values.format !== undefined && values.format !== 'v3' && values.format !== 'v2') throw new UsageError(`--format is v3 or v2, got "${values.format}"`, usage);
    const { decks, only, timeout, openTerminal } = await deckRunFromFlags(values, positionals, usage);

    const stopping = softInterrupt('recordings written so far are kept; removing what the deck created');
    const progress = new Progress(process.stderr);
    const started = Date.now();
    const decksDone: DeckRecording[] = [];
    const keepGoing = values['keep-going'] === true;
    for (const deck of decks) {
      if (stopping.signal.aborted) break;
      const done = await recordDeck(deck, {
        signal: stopping.signal,
        stopOnFailure: !keepGoing,
        force: values.force === true,
        prune: values.prune === true,
        format: values.format === 'v2' ? 2 : 3,
        ...(openTerminal ? { openTerminal } : {}),
        ...(only ? { only } : {}),
        ...(timeout ? { defaultTimeout: timeout } : {}),
        ...(idleTimeLimit ? { idleTimeLimit } : {}),
        ...(maxMegabytes ? { maxBytes: Math.round(maxMegabytes * 1024 * 1024) } : {}),
        onBlockStart: (block) => progress.start(`${path.basename(deck)} block ${block.index} of ${block.total}: ${block.command}`),
        onResult: (result) => {
          progress.stop();
          if (result.status !== 'unchanged') process.stdout.write(formatRecordResult(result) + '\n');
        },
      });
      progress.stop();
      decksDone.push(done);
      if (!done.ran) process.stdout.write(`      ${path.basename(deck)}: every recording is current (${done.results.filter((result) => result.status === 'unchanged').length}); --force records again\n`);
      for (const file of done.stale) {
        process.stdout.write(`STALE ${shown(file)}: no block of ${path.basename(deck)} has this name any more${values.prune ? ' (deleted)' : ' (--prune deletes it)'}\n`);
      }
      if (!keepGoing && done.results.some((result) => result.status === 'fail')) break;
    }
    stopping.release();
    process.stdout.write(summary(decksDone, (Date.now() - started) / 1000, stopping.signal.aborted) + '\n');
    if (stopping.signal.aborted) return 130;
    return decksDone.some((deck) => deck.results.some((result) => result.status === 'fail')) ? 1 : 0;
  },
};

const MARK: Record<RecordResult['status'], string> = { recorded: 'REC ', unchanged: 'SAME', skip: 'SKIP', fail: 'FAIL' };

function formatRecordResult(result: RecordResult): string {
  const size = result.bytes !== undefined ? `  (${kilobytes(result.bytes)}, ${(result.durationMs / 1000).toFixed(1)} s)` : '';
  const lines = [`${MARK[result.status]}  ${shown(result.deck)}:${result.line}  slide ${result.slide}  ${result.command}${size}`];
  if (result.reason) lines.push(...result.reason.split('\n').map((line, i) => `      ${i === 0 ? (result.status === 'skip' ? 'skipped: ' : 'why: ') : '  '}${line}`));
  return lines.join('\n');
}

function summary(decks: DeckRecording[], seconds: number, interrupted: boolean): string {
  const all = decks.flatMap((deck) => deck.results);
  const count = (status: RecordResult['status']): number => all.filter((result) => result.status === status).length;
  const parts = [`${count('recorded')} recorded`, `${count('unchanged')} unchanged`, `${count('skip')} skipped`, `${count('fail')} failed`];
  const notRun = decks.reduce((sum, deck) => sum + deck.notRun, 0);
  if (notRun > 0) parts.push(`${notRun} not run (${interrupted ? 'stopped by Ctrl-C' : 'stopped at the first failure; --keep-going runs them'})`);
  const skipped = all.filter((result) => result.status === 'skip');
  const reasons = [...new Set(skipped.map((result) => result.reason ?? ''))].map((reason) => `  skipped: ${reason} (${skipped.filter((r) => r.reason === reason).length})`);
  return [...reasons, `${decks.length} deck(s): ${parts.join(', ')} in ${seconds.toFixed(1)} s`].join('\n');
}

/** One line on a terminal: the block running and how long it has run, redrawn every half second. */
class Progress {
  private timer: NodeJS.Timeout | undefined;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(label: string): void {
    this.stop();
    if (!this.stream.isTTY) return;
    const since = Date.now();
    const draw = (): void => {
      const width = (this.stream.columns || 80) - 1;
      const line = `${label}  ${((Date.now() - since) / 1000).toFixed(1)} s`;
      this.stream.write(`\r\x1b[K${line.length > width ? line.slice(0, width - 1) + '…' : line}`);
      this.shown = true;
    };
    draw();
    this.timer = setInterval(draw, 500);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

function shown(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative && !relative.startsWith('..') ? relative : path.resolve(file);
}
