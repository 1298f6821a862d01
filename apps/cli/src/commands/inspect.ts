// `deckhand inspect <deck.md> [--json]`: what the deck package reads in a deck: slides, notes, runnable
// blocks, exercises and warnings with their lines. The JSON shape is a contract for scripts:
// { directives, slides: [{ index, title, notes, directives, blocks: [{ lang, runnable, commands,
// expected, options, … }], … }], warnings: [{ line, message }] }; more keys may be added, none removed.
import { readFileSync } from 'node:fs';
import { parseDeckWithMath, type Deck, type Slide } from '@deckhand/deck';
import { parseFlags } from '../parse-flags';
import { UsageError } from '../usage-error';
import type { Command } from '../main';

const usage = `Usage: deckhand inspect <deck.md> [--json] [--html]

Prints the slides, notes, runnable blocks, exercises and warnings (with line numbers) of a deck.
  --json   machine-readable output
  --html   read the deck as "deckhand serve --html" would (any HTML tag allowed)`;

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'show what Deckhand reads in a deck (slides, notes, blocks, warnings)',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(args, { json: { type: 'boolean' }, html: { type: 'boolean' } }, usage);
    if (positionals.length !== 1) throw new UsageError('give exactly one deck file', usage);
    const file = positionals[0] as string;
    const deck = await parseDeckWithMath(readDeck(file), { html: values.html === true });
    process.stdout.write(values.json ? JSON.stringify(toJson(deck), null, 2) + '\n' : summary(file, deck));
    return 0;
  },
};

function readDeck(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, give one .md file' : String(code ?? error);
    throw new Error(`cannot read ${file}: ${reason}`);
  }
}

function toJson(deck: Deck): unknown {
  return {
    directives: deck.directives,
    theme: deck.theme,
    size: deck.size,
    slides: deck.slides.map((slide) => ({
      index: slide.index,
      line: slide.line,
      title: slide.title,
      notes: slide.notes,
      directives: slide.directives,
      exercise: slide.exercise,
      blocks: slide.blocks.map(({ id, line, lang, runnable, commands, expected, options }) => ({
        id, line, lang, runnable, commands, expected, options,
      })),
    })),
    warnings: deck.warnings,
  };
}

function summary(file: string, deck: Deck): string {
  const blocks = deck.slides.flatMap((slide) => slide.blocks);
  const runnable = blocks.filter((block) => block.runnable).length;
  const exercises = deck.slides.filter((slide) => slide.exercise).length;
  const title = typeof deck.directives.title === 'string' ? deck.directives.title : deck.slides[0]?.title ?? file;
  const lines = [
    `${title} (${file})`,
    `${count(deck.slides.length, 'slide')}, ${count(blocks.length, 'code block')} (${runnable} runnable), ` +
      `${count(exercises, 'exercise')}, ${count(deck.warnings.length, 'warning')}; ` +
      `${deck.size.width}×${deck.size.height}, theme ${deck.theme}`,
  ];
  for (const slide of deck.slides) lines.push('', ...describeSlide(slide));
  if (deck.warnings.length > 0) lines.push('');
  for (const warning of deck.warnings) lines.push(`warning: ${file}:${warning.line}: ${warning.message}`);
  return lines.join('\n') + '\n';
}

function describeSlide(slide: Slide): string[] {
  const lines = [`${String(slide.index).padStart(3)}. ${slide.title ?? '(untitled)'}  (line ${slide.line})`];
  const shown = Object.entries(slide.directives).filter(([key]) => key !== 'header' && key !== 'footer');
  if (shown.length > 0) lines.push(`     directives: ${shown.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(' ')}`);
  if (slide.exercise) {
    const parts = slide.exercise.parts.map((part) => `${part.kind} "${part.summary}"`).join(', ');
    lines.push(`     exercise ${slide.exercise.id}${parts ? `: ${parts}` : ''}`);
  }
  for (const note of slide.notes) lines.push(`     note: ${firstLine(note)}`);
  for (const block of slide.blocks) {
    const options = Object.entries(block.options).map(([key, value]) => `${key}=${String(value)}`).join(' ');
    const what = block.runnable ? `runs ${count(block.commands.length, 'command')}` : 'not runnable';
    lines.push(`     ${block.lang || 'text'} block ${block.id}, line ${block.line}: ${what}${options ? ` {${options}}` : ''}`);
    for (const command of block.commands) lines.push(`       $ ${firstLine(command)}`);
  }
  return lines;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function firstLine(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  return rest.length > 0 ? `${first} …` : first;
}
