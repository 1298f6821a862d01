// HTML comments on a slide are either directives (`<!-- paginate: false -->`, `<!-- _class: lead -->`)
// or speaker notes, as in Marpit.
import { isKnownDirective, readDirectiveYaml } from './directive-yaml';
import type { Directives } from './model';

export { GLOBAL_DIRECTIVES, isKnownDirective, LOCAL_DIRECTIVES } from './directive-yaml';

export type CommentMeaning =
  | { kind: 'directives'; values: Directives; /** Keys no directive has, ignored as Marp ignores them. */ ignored: string[] }
  | { kind: 'note'; text: string };

const COMMENT = /^<!--([\s\S]*?)-->$/;

export function readComment(raw: string): CommentMeaning | null {
  const match = COMMENT.exec(raw.trim());
  if (!match) return null;
  const body = (match[1] ?? '').trim();
  // Marp Core's fitting-header keyword (`# <!--fit--> Title`) is neither a note nor a directive.
  if (body === 'fit') return null;
  const parsed = parseDirectives(body);
  return parsed ? { kind: 'directives', ...parsed } : { kind: 'note', text: body };
}

function parseDirectives(body: string): { values: Directives; ignored: string[] } | null {
  if (!/^[_$\w-]+\s*:/.test(body)) return null;
  const { values, unreadable } = readDirectiveYaml(body);
  // Marp reads a comment that is not YAML as a note (a line of it that is unreadable makes the whole
  // comment unreadable to Marp, so it is a note here too).
  if (unreadable.length > 0) return null;
  // As in Marpit, a comment with at least one known directive is a directive comment (not a note);
  // its unknown keys are ignored.
  const entries = Object.entries(values);
  const known = entries.filter(([key]) => isKnownDirective(key));
  if (known.length === 0) return null;
  return { values: Object.fromEntries(known), ignored: entries.map(([key]) => key).filter((key) => !isKnownDirective(key)) };
}

/** All HTML comments in a piece of raw HTML, and the HTML left once they are removed. Scans with
 *  indexOf, so text full of unclosed `<!--` stays linear (a lazy regex would be quadratic). */
export function extractComments(html: string): { comments: string[]; rest: string } {
  const comments: string[] = [];
  let rest = '';
  let from = 0;
  for (;;) {
    const start = html.indexOf('<!--', from);
    const end = start < 0 ? -1 : html.indexOf('-->', start + 4);
    if (end < 0) break;
    comments.push(html.slice(start, end + 3));
    rest += html.slice(from, start);
    from = end + 3;
  }
  return { comments, rest: rest + html.slice(from) };
}
