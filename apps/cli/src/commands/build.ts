// `deckhand build <deck-or-folder> --out DIR`: the decks as a static site for readers without a server:
// the slides, notes, exercises and every block's recorded run, working from file://, from any static
// host (a sub-path included) and offline. `--single-file`: one HTML file per deck and one for the course.
import path from 'node:path';
import type { BuildWarning } from '@deckhand/export';
import { parseFlags } from '../parse-flags';
import { ensureReaderBuilt } from '../presenter-build';
import { UsageError } from '../usage-error';
import type { Command } from '../main';

const usage = `Usage: deckhand build <deck-or-folder> --out DIR [options]

Builds a static site of the deck (or of every deck in the folder) for reading without a server: the
same app, replaying each block's recording (made by "deckhand record") in the terminal pane. It works
opened from file://, from any static web host (a sub-path too), and offline after the first visit.
  --out DIR        folder to write (created; a folder an earlier build made is replaced)
  --single-file    write one self-contained HTML file per deck, and course.html for a folder
  --title TEXT     the course's title (default: the deck's title, or the folder's name)
  --html           allow any HTML in decks (still sanitized: never scripts or event handlers)
Problems (a missing or network image, a damaged recording, one for a block that is gone) are printed
as file:line warnings; the rest of the site is still built.`;

export const buildCommand: Command = {
  name: 'build',
  summary: 'write a static site (or single HTML files) of the decks for offline reading',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(
      args,
      { out: { type: 'string' }, 'single-file': { type: 'boolean' }, title: { type: 'string' }, html: { type: 'boolean' } },
      usage,
    );
    if (positionals.length !== 1) throw new UsageError('give one deck file or folder', usage);
    if (!values.out) throw new UsageError('give the folder to write with --out DIR', usage);
    const started = Date.now();
    // Loaded here, not with the CLI: the export brings Chromium's driver and a headless terminal, which
    // `deckhand serve` and the other commands do not need.
    const { buildSite, formatWarning } = await import('@deckhand/export');
    const appDir = await ensureReaderBuilt((line) => process.stderr.write(line + '\n'));
    const warnings: BuildWarning[] = [];
    const result = await buildSite({
      target: positionals[0] as string,
      out: values.out,
      appDir,
      title: values.title,
      singleFile: values['single-file'] === true,
      html: values.html,
      warn: (warning) => {
        warnings.push(warning);
        process.stderr.write(`warning: ${formatWarning(warning)}\n`);
      },
    });
    const course = result.files.includes('course.html') ? 'course.html' : result.files[0];
    const what = values['single-file']
      ? `${path.join(values.out, course ?? '')}${result.files.length > 1 ? ` (or one file per deck beside it)` : ''}`
      : path.join(values.out, 'index.html');
    process.stdout.write(
      `Built ${result.decks} deck(s) with ${result.recordings} recording(s): ${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        `${warnings.length ? `, ${warnings.length} warning(s)` : ''}.\nOpen ${what}\n`,
    );
    return 0;
  },
};
