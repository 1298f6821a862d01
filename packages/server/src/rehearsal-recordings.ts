// Recordings made during a rehearsal: with "Record runs" on in the presenter view, the page sends each
// block's run (asciicast v3, captured from the live terminal as it ran) here, and the server writes it
// where `deckhand record` writes (`<deck folder>/.recordings/<deck>/<block>.cast`), so the offline reader
// replays the trainer's real session. The page names the deck and block; the server checks both,
// checks the recording, stamps it with the block's fingerprint, removes its own secret and secret-
// looking environment values from it, and writes it atomically. Behind the same access as every deck
// route (the caller mounts it after its access check).
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import { parseCast, redact, RECORDING_LIMITS, writeCastV3, secretsIn } from '@deckhand/recording';
import { blockFingerprint, recordingName, recordingsFolder, writeRecording } from '@deckhand/recording/store';
import type { DeckLibrary } from './deck-library';
import type { Logger } from './log';

export const REHEARSAL_RECORDINGS_PATH = '/api/recordings/:deck/:block';

/** Room for the JSON lines around a recording's output. */
const BODY_LIMIT = RECORDING_LIMITS.maxBytes * 2;

export interface RehearsalRecordingsOptions {
  /** Strings that must not appear in a recording: the server's own secrets (as they are now). */
  secrets(): readonly string[];
  /** Whether the request's Origin is this server's (or absent): a write from another origin is refused
   *  even with a credential, as WebSocket upgrades are. */
  sameOrigin(request: Request): boolean;
  log: Logger;
}

export function rehearsalRecordings(library: DeckLibrary, { secrets, sameOrigin, log }: RehearsalRecordingsOptions) {
  const parse = express.text({ type: () => true, limit: BODY_LIMIT });
  const origin = (request: Request, response: Response, next: () => void): void => {
    if (sameOrigin(request)) return next();
    response.status(403).json({ error: 'forbidden', message: 'Recordings are accepted from this server\'s own pages only.' });
  };
  const save = (request: Request, response: Response): void => {
    const deckId = String(request.params.deck);
    const blockId = String(request.params.block);
    const deck = library.load(deckId);
    const file = library.fileOf(deckId);
    if (!deck || !file) return void response.status(404).json({ error: 'not-found', message: `No deck named "${deckId}".` });
    const block = deck.slides.flatMap((slide) => slide.blocks).find((candidate) => candidate.id === blockId && candidate.runnable);
    if (!block) return void response.status(404).json({ error: 'not-found', message: `Deck "${deckId}" has no runnable block "${blockId}".` });
    const text = typeof request.body === 'string' ? request.body : '';
    const { recording, problems } = parseCast(text);
    if (!recording || problems.length > 0) {
      const problem = problems[0];
      return void response.status(400).json({ error: 'bad-recording', message: `Not a readable asciicast${problem ? ` (line ${problem.line}: ${problem.message})` : ''}.` });
    }
    const kept = {
      ...recording,
      events: redact(recording.events, [...secrets(), ...secretsIn(process.env)]),
      stamp: { deck: path.basename(file), block: block.id, fingerprint: blockFingerprint(block), by: 'rehearsal' as const },
    };
    const target = path.join(recordingsFolder(file), recordingName(block));
    try {
      writeRecording(target, writeCastV3(kept));
    } catch (error) {
      log.warn('rehearsal recording not written', { file: target, reason: (error as Error).message });
      return void response.status(500).json({ error: 'not-written', message: `Could not write the recording: ${(error as Error).message}` });
    }
    log.info('rehearsal recording written', { file: target });
    response.status(201).json({ file: path.relative(library.root, target) });
  };
  return [origin, parse, save] as const;
}

/** A body over the limit: the same clear message whichever part of the server noticed. */
export function tooLarge(error: unknown, _request: Request, response: Response, next: (error?: unknown) => void): void {
  if ((error as { type?: string }).type === 'entity.too.large') {
    response.status(413).json({ error: 'too-large', message: `A recording may hold ${RECORDING_LIMITS.maxBytes / 1024 / 1024} MB of output; this one is larger.` });
    return;
  }
  next(error);
}
