// `deckhand inspect <deck.md> [--json]`: what the deck package reads in a deck.
import { readFileSync } from 'node:fs';
import { parseDeck } from '@deckhand/deck';
import { parseFlags } from '../parse-flags';
import { UsageError } from '../usage-error';
import type { Command } from '../main';

const usage = `Usage: deckhand inspect <deck.md> [--json]

Prints the slides, notes, runnable blocks and warnings of a deck.
  --json   machine-readable output`;

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'show what Deckhand reads in a deck (slides, notes, blocks, warnings)',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } }, usage);
    if (positionals.length !== 1) throw new UsageError('give exactly one deck file', usage);
    const deck = parseDeck(readFileSync(positionals[0] as string, 'utf8'));
    if (values.json) {
      const slides = deck.slides.map(({ index, title, notes, directives, blocks }) => ({
        index,
        title,
        notes,
        directives,
        blocks: blocks.map(({ lang, runnable, commands, expected, options, line, id }) => ({
          id, line, lang, runnable, commands, expected, options,
        })),
      }));
      process.stdout.write(JSON.stringify({ directives: deck.directives, slides, warnings: deck.warnings }, null, 2) + '\n');
      return 0;
    }
    const runnable = deck.slides.flatMap((slide) => slide.blocks).filter((block) => block.runnable).length;
    process.stdout.write(`${deck.slides.length} slides, ${runnable} runnable blocks, ${deck.warnings.length} warnings\n`);
    for (const slide of deck.slides) {
      process.stdout.write(`\n${String(slide.index).padStart(3)}. ${slide.title ?? '(untitled)'}  (line ${slide.line})\n`);
      for (const note of slide.notes) process.stdout.write(`     note: ${note.split('\n')[0]}\n`);
      for (const block of slide.blocks) {
        const what = block.runnable ? `runs ${block.commands.length} command(s)` : 'not runnable';
        process.stdout.write(`     ${block.lang || 'text'} block, line ${block.line}: ${what}\n`);
      }
    }
    for (const warning of deck.warnings) process.stdout.write(`warning: line ${warning.line}: ${warning.message}\n`);
    return 0;
  },
};
