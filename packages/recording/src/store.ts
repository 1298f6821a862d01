// Where recordings live on disk, and how they are written: `<deck folder>/.recordings/<deck>/<block>.cast`,
// a block named by its `id` option or by a hash of its text, so moving a slide keeps its recordings.
// Every write is atomic (a temporary file renamed over the old one), so a run killed half-way leaves
// each recording either the old one or the new one, never a torn file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { CodeBlock } from '@deckhand/deck';
import { parseCast, type ParsedCast } from './asciicast';

export const RECORDINGS_FOLDER = '.recordings';
export const CAST_EXTENSION = '.cast';
/** A recording file larger than this is not even read (the format's own limit is RECORDING_LIMITS). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

/** `slides/.recordings/02-running-containers` for `slides/02-running-containers.md`. */
export function recordingsFolder(deckFile: string): string {
  return path.join(path.dirname(path.resolve(deckFile)), RECORDINGS_FOLDER, path.basename(deckFile).replace(/\.md$/i, ''));
}

/** The file name of a block's recording: its `id` when it is a safe file name, else a hash of its text. */
export function recordingName(block: Pick<CodeBlock, 'code' | 'options'>): string {
  const id = block.options.id;
  if (id && /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/.test(id)) return id + CAST_EXTENSION;
  return sha256(block.code).slice(0, 16) + CAST_EXTENSION;
}

/** Changes when the block's text or an option that changes its run changes: its recording is then out of date. */
export function blockFingerprint(block: Pick<CodeBlock, 'code' | 'options'>): string {
  const { code, options } = block;
  const run = { cwd: options.cwd, term: options.term, interrupt: options.interrupt, type: options.type };
  return sha256(JSON.stringify({ code, run })).slice(0, 32);
}

export interface StoredRecording {
  file: string;
  parsed: ParsedCast;
}

/** Reads a recording; problems (a truncated file, bad JSON) come back in `parsed.problems`. */
export function readRecording(file: string): StoredRecording {
  let text: string;
  try {
    const buffer = readFileSync(file);
    if (buffer.length > MAX_READ_BYTES) return { file, parsed: { recording: null, problems: [{ line: 1, message: `larger than ${MAX_READ_BYTES / 1024 / 1024} MB: not read` }] } };
    text = buffer.toString('utf8');
  } catch (error) {
    return { file, parsed: { recording: null, problems: [{ line: 1, message: `cannot read it: ${(error as Error).message}` }] } };
  }
  return { file, parsed: parseCast(text) };
}

/** The `.cast` files in a deck's recordings folder, by file name. */
export function listRecordings(deckFile: string): string[] {
  const folder = recordingsFolder(deckFile);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(CAST_EXTENSION))
    .sort();
}

/** Writes a recording atomically (temporary file, fsync, rename), creating the folder if needed. */
export function writeRecording(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic.sync(file, text, { encoding: 'utf8' });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
