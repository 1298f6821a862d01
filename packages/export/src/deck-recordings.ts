// A deck's recordings for the reader: each runnable block's `.cast` from `<deck folder>/.recordings/<deck>/`
// (written by `deckhand record`, by a rehearsal, or dropped in from asciinema), with the text it leaves
// on screen. A damaged file, or a recording whose block is gone or changed, is a warning naming the file
// and line; the block then replays what is readable, or shows that it has no recording.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Deck } from '@deckhand/deck';
import { writeCastV3 } from '@deckhand/recording';
import { blockFingerprint, listRecordings, readRecording, recordingName, recordingsFolder } from '@deckhand/recording/store';
import type { RecordedRun } from './reader-format';
import type { Warn } from './build-warning';
import { terminalText } from './terminal-text';

export async function deckRecordings(deckFile: string, deck: Deck, warn: Warn): Promise<Record<string, RecordedRun>> {
  const folder = recordingsFolder(deckFile);
  const names = new Set(listRecordings(deckFile));
  const runs: Record<string, RecordedRun> = {};
  const used = new Set<string>();
  for (const slide of deck.slides) {
    for (const block of slide.blocks) {
      if (!block.runnable) continue;
      const name = recordingName(block);
      if (!names.has(name)) continue;
      used.add(name);
      const file = path.join(folder, name);
      const { parsed } = readRecording(file);
      for (const problem of parsed.problems) warn({ file, line: problem.line, message: problem.message });
      const recording = parsed.recording;
      if (!recording) continue;
      if (recording.stamp && recording.stamp.fingerprint !== blockFingerprint(block)) {
        warn({ file, line: 1, message: `recorded before the block at ${path.basename(deckFile)}:${block.line} changed: run "deckhand record" again` });
      }
      // A clean file travels as written (v2 or v3: the page reads both); of a damaged one, what was readable.
      const cast = parsed.problems.length === 0 ? readFileSync(file, 'utf8') : writeCastV3(recording);
      runs[block.id] = { cast, text: await terminalText(recording), by: recording.stamp?.by ?? 'asciinema' };
    }
  }
  for (const name of names) {
    if (!used.has(name)) warn({ file: path.join(folder, name), line: 1, message: `no block of ${path.basename(deckFile)} has this recording's name any more (deckhand record --prune deletes it)` });
  }
  return runs;
}
