// `--only 3,5-7`: the slide numbers a command is limited to (check, record).
import { UsageError } from './usage-error';

export function parseSlides(text: string, usage: string): Set<number> {
  const slides = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!match) throw new UsageError(`--only takes slide numbers like 3 or 3,5-7, got "${text}"`, usage);
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    for (let n = from; n <= to; n++) slides.add(n);
  }
  return slides;
}
