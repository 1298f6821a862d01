// HTML comments on a slide are either directives (`<!-- paginate: false -->`, `<!-- _class: lead -->`)
// or speaker notes, as in Marpit.
import { parse as parseYaml } from 'yaml';
import type { Directives } from './model';

export const GLOBAL_DIRECTIVES = new Set([
  'marp', 'theme', 'title', 'size', 'style', 'lang', 'headingDivider', 'math', 'html', 'duration',
  'description', 'author', 'image', 'url', 'keywords',
]);

export const LOCAL_DIRECTIVES = new Set([
  'paginate', 'header', 'footer', 'class', 'backgroundColor', 'backgroundImage', 'backgroundPosition',
  'backgroundRepeat', 'backgroundSize', 'color', 'transition',
]);

/** Whether a key (with or without the one-slide `_` prefix) is a directive Deckhand or Marp knows. */
export function isKnownDirective(key: string): boolean {
  const name = key.startsWith('_') ? key.slice(1) : key;
  return LOCAL_DIRECTIVES.has(name) || GLOBAL_DIRECTIVES.has(name);
}

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
  let parsed: unknown = readPlainPairs(body);
  if (parsed === null) {
    try {
      parsed = parseYaml(body);
    } catch {
      return null;
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  // As in Marpit, a comment with at least one known directive is a directive comment (not a note);
  // its unknown keys are ignored.
  const entries = Object.entries(parsed as Directives);
  const known = entries.filter(([key]) => isKnownDirective(key));
  if (known.length === 0) return null;
  return { values: Object.fromEntries(known), ignored: entries.map(([key]) => key).filter((key) => !isKnownDirective(key)) };
}

const PLAIN_PAIR = /^([_$\w-]+)[ \t]*:[ \t]*([^\s"'[\]{}|>&*!%@`#,?:-][^#:]*?)?[ \t]*$/;

/**
 * `key: value` lines whose values YAML reads as plain scalars (the common `<!-- _class: lead -->`),
 * read without the YAML parser: comments are on every slide and the parser is the slow part. Anything
 * else (quotes, lists, colons or # in a value) returns null and goes to the YAML parser.
 */
function readPlainPairs(body: string): Directives | null {
  const values: Directives = {};
  for (const line of body.split('\n')) {
    const match = PLAIN_PAIR.exec(line);
    if (!match?.[1]) return null;
    values[match[1]] = plainScalar(match[2] ?? '');
  }
  return values;
}

function plainScalar(text: string): unknown {
  if (text === '' || text === 'null' || text === '~') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(text)) return Number(text);
  return text;
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
