// Exercises: a slide whose first heading starts with `Exercise:` declares one; its `<details>` are the
// tips and the solution, so the app can track "done" per exercise and offer the parts one by one.
import type { Exercise } from './model';

const EXERCISE_HEADING = /^exercise:\s*(.+)$/i;
const SUMMARY = /<summary[^>]*>([\s\S]*?)<\/summary>/gi;

/** The exercise a slide declares with its title heading, or null. */
export function readExercise(title: string | null, rawHtml: string[]): Exercise | null {
  const match = title === null ? null : EXERCISE_HEADING.exec(title.trim());
  if (!match?.[1]) return null;
  const name = match[1].trim();
  const parts: Exercise['parts'] = [];
  for (const html of rawHtml) {
    for (const [, summary] of html.matchAll(SUMMARY)) {
      const text = (summary ?? '').replace(/<[^>]*>/g, '').trim();
      parts.push({ kind: /solution|answer/i.test(text) ? 'solution' : 'tip', summary: text });
    }
  }
  return { id: exerciseId(name), title: name, parts };
}

export function exerciseId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'exercise';
}
