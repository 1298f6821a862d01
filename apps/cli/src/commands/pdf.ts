// `deckhand pdf <deck-or-folder> --out FILE`: the decks as a PDF, one page per slide as the audience
// sees it, or with --handout an A4 handout (each slide with its notes and its blocks' recorded output).
import { parseFlags } from '../parse-flags';
import { ensureReaderBuilt } from '../presenter-build';
import { UsageError } from '../usage-error';
import type { Command } from '../main';

const usage = `Usage: deckhand pdf <deck-or-folder> --out FILE [options]

Prints the deck (or every deck in the folder, one after another) to a PDF with Chromium: one page per
slide as the audience sees it, with an outline (decks, then slides) and selectable text.
  --out FILE       the PDF to write
  --handout        an A4 handout instead: each slide with its notes and the recorded output of its
                   blocks as text (recordings come from "deckhand record")
  --title TEXT     the course's title (default: the deck's title, or the folder's name)
  --chromium PATH  the Chromium to print with (default: $DECKHAND_CHROMIUM, Playwright's, or the system's)
  --html           allow any HTML in decks (still sanitized: never scripts or event handlers)`;

export const pdfCommand: Command = {
  name: 'pdf',
  summary: 'print the decks to a PDF: slides, or a handout with notes and recorded output',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(
      args,
      { out: { type: 'string' }, handout: { type: 'boolean' }, title: { type: 'string' }, chromium: { type: 'string' }, html: { type: 'boolean' } },
      usage,
    );
    if (positionals.length !== 1) throw new UsageError('give one deck file or folder', usage);
    if (!values.out) throw new UsageError('give the PDF file to write with --out FILE', usage);
    const started = Date.now();
    const { buildPdf, formatWarning } = await import('@deckhand/export'); // see build.ts: loaded when used
    const appDir = await ensureReaderBuilt((line) => process.stderr.write(line + '\n'));
    let warnings = 0;
    const result = await buildPdf({
      target: positionals[0] as string,
      out: values.out,
      appDir,
      title: values.title,
      html: values.html,
      handout: values.handout === true,
      chromium: values.chromium,
      warn: (warning) => {
        warnings++;
        process.stderr.write(`warning: ${formatWarning(warning)}\n`);
      },
    });
    process.stdout.write(
      `Wrote ${values.out}${values.handout ? ' (handout)' : ''}: ${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s${warnings ? `, ${warnings} warning(s)` : ''}.\n`,
    );
    return 0;
  },
};
