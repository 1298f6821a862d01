// `deckhand record`: runs a deck's blocks exactly as `deckhand check` does (same shells, sandbox,
// skip rules, comparison) and keeps what each block printed, with its timing, as an asciicast file the
// offline reader replays. A block whose recording is current (same text and options) is not recorded
// again; when every block of a deck is current, the deck is not even run.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseDeck, type CodeBlock } from '@deckhand/deck';
import { RecordingBuilder, RECORDING_LIMITS, secretsIn, writeCastV2, writeCastV3 } from '@deckhand/recording';
import { blockFingerprint, listRecordings, readRecording, recordingName, recordingsFolder, writeRecording } from '@deckhand/recording/store';
import { checkDeck, type BlockResult, type CheckOptions } from './check-deck';

/** The check shell's terminal size (check-shell.ts): recordings replay at the size they were made. */
const RECORDED_SIZE = { cols: 200, rows: 50 };

export type RecordStatus = 'recorded' | 'unchanged' | 'skip' | 'fail';

export interface RecordResult {
  deck: string;
  slide: number;
  line: number;
  id: string;
  command: string;
  status: RecordStatus;
  reason?: string;
  /** The recording's path, for recorded and unchanged blocks. */
  file?: string;
  bytes?: number;
  durationMs: number;
}

export interface RecordOptions extends Pick<CheckOptions, 'only' | 'defaultTimeout' | 'stopOnFailure' | 'signal' | 'openTerminal'> {
  /** Record every block, current or not. */
  force?: boolean;
  /** Largest recording kept, in bytes of output. */
  maxBytes?: number;
  /** Pauses are cut to this many seconds. */
  idleTimeLimit?: number;
  /** asciicast version to write: 3 (asciinema 3), or 2 for older players. */
  format?: 2 | 3;
  /** Remove recordings of blocks the deck no longer has. */
  prune?: boolean;
  /** A block starts: its position among the blocks to run, for progress. */
  onBlockStart?: (info: { index: number; total: number; command: string; slide: number; line: number }) => void;
  onResult?: (result: RecordResult) => void;
}

export interface DeckRecording {
  deck: string;
  results: RecordResult[];
  /** Recordings for blocks the deck no longer has (removed with `prune`). */
  stale: string[];
  /** Whether the deck's blocks ran at all (not when every recording was current). */
  ran: boolean;
  notRun: number;
  durationMs: number;
}

interface Planned {
  slide: number;
  block: CodeBlock;
  file: string;
  fingerprint: string;
  /** Why it is recorded (missing, changed, unreadable, --force), or null when its recording is current. */
  needed: string | null;
}

export async function recordDeck(deckFile: string, options: RecordOptions = {}): Promise<DeckRecording> {
  const started = Date.now();
  const deckName = path.basename(deckFile);
  const deck = parseDeck(readFileSync(deckFile, 'utf8'));
  const folder = recordingsFolder(deckFile);
  const runnable = deck.slides.flatMap((slide) => slide.blocks.filter((block) => block.runnable).map((block) => ({ slide: slide.index, block })));
  const plan: Planned[] = runnable
    .filter(({ slide }) => !options.only || options.only.has(slide))
    .map(({ slide, block }) => {
      const file = path.join(folder, recordingName(block));
      const fingerprint = blockFingerprint(block);
      // A block marked skip is never run, so it has nothing to record and never makes the deck run.
      const needed = block.options.skip ? null : options.force ? 'forced' : whyRecord(file, fingerprint);
      return { slide, block, file, fingerprint, needed };
    });

  const names = new Set(runnable.map(({ block }) => recordingName(block)));
  const stale = listRecordings(deckFile)
    .filter((name) => !names.has(name))
    .map((name) => path.join(folder, name));
  if (options.prune) for (const file of stale) rmSync(file, { force: true });

  const results: RecordResult[] = [];
  const report = (result: RecordResult): void => {
    results.push(result);
    options.onResult?.(result);
  };
  const blockOf = new Map(plan.map((planned) => [planned.block.id, planned]));

  if (plan.every((planned) => planned.needed === null)) {
    for (const planned of plan) {
      const skip = planned.block.options.skip;
      report({ ...describe(deckFile, planned), ...(skip ? { status: 'skip', reason: skip } : { status: 'unchanged', file: planned.file }), durationMs: 0 });
    }
    return { deck: deckFile, results, stale, ran: false, notRun: 0, durationMs: Date.now() - started };
  }

  const secrets = secretsIn(process.env);
  const maxBytes = options.maxBytes ?? RECORDING_LIMITS.maxBytes;
  let current: { planned: Planned; builder: RecordingBuilder } | null = null;
  let position = 0;

  const finished = (result: BlockResult): void => {
    const planned = blockOf.get(result.id);
    if (!planned) return;
    const base = { ...describe(deckFile, planned), durationMs: result.durationMs };
    const builder = current?.planned === planned ? current.builder : null;
    current = null;
    if (result.status === 'skip') return report({ ...base, status: 'skip', reason: result.reason ?? 'skipped' });
    if (result.status === 'fail') return report({ ...base, status: 'fail', reason: failure(result) });
    if (planned.needed === null) return report({ ...base, status: 'unchanged', file: planned.file });
    if (!builder) return report({ ...base, status: 'fail', reason: 'nothing was recorded for this block' });
    const problem = builder.problem();
    if (problem) return report({ ...base, status: 'fail', reason: `not recorded: ${problem}` });
    builder.output(PROMPT);
    const recording = builder.finish({
      idleTimeLimit: options.idleTimeLimit ?? RECORDING_LIMITS.idleTimeLimit,
      secrets,
      title: planned.block.commands[0]?.split('\n')[0] ?? '',
      stamp: { deck: deckName, block: planned.block.id, fingerprint: planned.fingerprint, by: 'record' },
    });
    const text = options.format === 2 ? writeCastV2(recording) : writeCastV3(recording);
    try {
      writeRecording(planned.file, text);
    } catch (error) {
      return report({ ...base, status: 'fail', reason: `could not write ${planned.file}: ${(error as Error).message}` });
    }
    report({ ...base, status: 'recorded', file: planned.file, bytes: Buffer.byteLength(text) });
  };

  const check = await checkDeck(deckFile, {
    ...pick(options),
    onResult: finished,
    observer: {
      blockStarted(block, slide) {
        const planned = blockOf.get(block.id);
        if (!planned) return;
        options.onBlockStart?.({ index: ++position, total: plan.length, command: firstLine(block.commands[0] ?? ''), slide, line: block.line });
        current = { planned, builder: new RecordingBuilder(RECORDED_SIZE, maxBytes) };
      },
      stepStarted(command) {
        current?.builder.output(typed(command));
      },
      output(data) {
        current?.builder.output(data);
      },
    },
  });
  return { deck: deckFile, results, stale, ran: true, notRun: check.notRun, durationMs: Date.now() - started };
}

/** What the terminal shows before a command's output: a prompt and the command, as if typed. */
const PROMPT = '$ ';

function typed(command: string): string {
  const [first = '', ...rest] = command.split('\n');
  return PROMPT + [first, ...rest.map((line) => `> ${line}`)].join('\r\n') + '\r\n';
}

function whyRecord(file: string, fingerprint: string): string | null {
  const { parsed } = readRecording(file);
  if (!parsed.recording) return parsed.problems[0]?.message.startsWith('cannot read') ? 'no recording yet' : 'unreadable recording';
  if (parsed.problems.length > 0) return 'damaged recording';
  if (parsed.recording.stamp?.fingerprint !== fingerprint) {
    // A recording made elsewhere (asciinema, a rehearsal of the same text) is kept when it says nothing else.
    return parsed.recording.stamp ? 'the block changed' : null;
  }
  return null;
}

function describe(deckFile: string, planned: Planned): Pick<RecordResult, 'deck' | 'slide' | 'line' | 'id' | 'command'> {
  return { deck: deckFile, slide: planned.slide, line: planned.block.line, id: planned.block.id, command: firstLine(planned.block.commands[0] ?? '') };
}

function failure(result: BlockResult): string {
  const diff = result.diff && result.diff.length > 0 ? `\n${result.diff.slice(0, 20).join('\n')}` : '';
  return (result.reason ?? 'failed') + diff;
}

function pick(options: RecordOptions): CheckOptions {
  const { only, defaultTimeout, stopOnFailure, signal, openTerminal } = options;
  return {
    ...(only ? { only } : {}),
    ...(defaultTimeout ? { defaultTimeout } : {}),
    ...(stopOnFailure !== undefined ? { stopOnFailure } : {}),
    ...(signal ? { signal } : {}),
    ...(openTerminal ? { openTerminal } : {}),
  };
}

function firstLine(command: string): string {
  const line = command.split('\n')[0] ?? '';
  return line.length > 70 ? line.slice(0, 69) + '…' : line;
}
