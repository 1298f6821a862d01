// Directive values as Marp reads them, in front matter and in directive comments (Marpit's `looseYAML`,
// which Marp Core turns on): YAML's failsafe schema, so every value is text, and the value of a known
// directive that does not start with a YAML indicator is read as the whole rest of its line. So
// `color: #222` is `#222` (strict YAML reads a comment), and `footer: ![](logo.png) Docker: 101` is
// that text (strict YAML fails on the second colon). Where even that fails, the lines are read one
// directive at a time, and only a line that cannot be read is dropped, with a warning on its line.
// Values are then normalized the way Marpit's directive handlers do (`paginate: true` → true,
// `headingDivider: 2` → 2), in one place, for every consumer of the slide model.
import { isScalar, parseDocument, visit } from 'yaml';
import type { Directives } from './model';

/** Directives Deckhand or Marp reads from front matter and comments. */
export const GLOBAL_DIRECTIVES = new Set([
  'marp', 'theme', 'title', 'size', 'style', 'lang', 'headingDivider', 'math', 'html', 'breaks', 'duration',
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

export interface DirectiveYaml {
  values: Directives;
  /** Lines (0-based, within the text) that could not be read, with the reason. */
  unreadable: Array<{ line: number; reason: string }>;
}

/** Marpit's rule: a value starting with one of these is YAML (quotes, flow list or map, block scalar,
 *  null, anchor, alias), anything else is plain text to the end of the line. */
const YAML_VALUE_START = '["\'{|>~&*';
const LOOSE_LINE = /^(["']?)(_?[A-Za-z][\w-]*)\1(\s*:)(.+)$/;

/** Reads `key: value` YAML as Marp does; never throws. */
export function readDirectiveYaml(text: string): DirectiveYaml {
  const plain = readPlainPairs(text);
  if (plain) return { values: normalizeDirectives(plain), unreadable: [] };
  const whole = parseMapping(loosen(text));
  if (whole.ok) return { values: normalizeDirectives(whole.values), unreadable: [] };
  // One directive at a time: an entry is a line at column 0 and the lines under it (indented, blank, or
  // a list's `- item`, which YAML allows flush under its key).
  const values: Directives = {};
  const unreadable: DirectiveYaml['unreadable'] = [];
  const lines = text.split('\n');
  for (let start = 0; start < lines.length;) {
    let end = start + 1;
    while (end < lines.length && /^(?:[ \t]|-(?:[ \t]|$)|$)/.test(lines[end] ?? '')) end++;
    const entry = lines.slice(start, end).join('\n');
    if (entry.trim() && !/^\s*#/.test(entry)) {
      const read = parseMapping(loosen(entry));
      if (read.ok) Object.assign(values, read.values);
      else unreadable.push({ line: start, reason: read.reason });
    }
    start = end;
  }
  return { values: normalizeDirectives(values), unreadable };
}

const PLAIN_PAIR = /^([_$\w-]+)[ \t]*:[ \t]*([^\s"'[\]{}|>&*!%@`#,?:-][^#:]*?)?[ \t]*$/;

/**
 * `key: value` lines whose values YAML reads as the text written (the common `<!-- _class: lead -->`),
 * read without the YAML parser: comments are on every slide and the parser is the slow part. Anything
 * else (quotes, lists, colons or # in a value) returns null and goes to the YAML parser.
 */
function readPlainPairs(text: string): Directives | null {
  const values: Directives = {};
  for (const line of text.split('\n')) {
    const match = PLAIN_PAIR.exec(line);
    if (!match?.[1]) return null;
    values[match[1]] = match[2] ?? null;
  }
  return values;
}

/** Quotes the value of each known directive that Marp reads as plain text (Marpit's convertLoose). */
function loosen(text: string): string {
  return text.split('\n').map((line) => {
    const match = LOOSE_LINE.exec(line);
    if (!match || !isKnownDirective(match[2] ?? '')) return line;
    const value = match[4] ?? '';
    const trimmed = value.trim();
    if (!trimmed || YAML_VALUE_START.includes(trimmed[0] ?? '')) return line;
    const spaces = value.slice(0, value.length - value.trimStart().length);
    return `${line.slice(0, line.length - value.length)}${spaces}"${trimmed.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }).join('\n');
}

type Parsed = { ok: true; values: Directives } | { ok: false; reason: string };

function parseMapping(text: string): Parsed {
  try {
    const document = parseDocument(text, { schema: 'failsafe', prettyErrors: false, logLevel: 'error' });
    const error = document.errors[0];
    if (error) return { ok: false, reason: error.message.split('\n')[0] ?? '' };
    // As in js-yaml's failsafe schema (Marpit's), a key with nothing after it is null, not '' (a slide's
    // `header:` leaves the header alone; `header: ""` clears it).
    visit(document, {
      Scalar(_key, node) {
        if (isScalar(node) && node.type === 'PLAIN' && node.range && node.range[0] === node.range[1]) node.value = null;
      },
    });
    const parsed: unknown = document.toJS();
    if (parsed === null || parsed === undefined) return { ok: true, values: {} };
    if (typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'not a `directive: value` pair' };
    return { ok: true, values: parsed as Directives };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) };
  }
}

/** Marpit's and Marp Core's directive handlers, for the directives whose value is not text. */
function normalizeDirectives(values: Directives): Directives {
  const normalized: Directives = {};
  for (const [key, value] of Object.entries(values)) {
    const name = key.startsWith('_') ? key.slice(1) : key;
    normalized[key] = normalizeValue(name, value);
  }
  return normalized;
}

function normalizeValue(name: string, value: unknown): unknown {
  const text = typeof value === 'string' ? value.trim() : null;
  switch (name) {
    case 'paginate': {
      const lower = (text ?? '').toLowerCase();
      return lower === 'hold' || lower === 'skip' ? lower : lower === 'true';
    }
    case 'marp':
    case 'html':
    case 'breaks':
      return text === null ? value : text.toLowerCase() === 'true';
    case 'math':
      return text?.toLowerCase() === 'false' ? false : value;
    case 'headingDivider':
      return headingDividerValue(value);
    case 'class':
      return Array.isArray(value) ? value.join(' ') : value;
    default:
      return value;
  }
}

/** Marpit's headingDivider handler: a level 1–6, a list of levels, or false; else the text as written
 *  (parseDeck warns about it). */
function headingDividerValue(value: unknown): unknown {
  const level = (v: unknown): number => (typeof v === 'string' && /^\s*\d+/.test(v) ? Number.parseInt(v, 10) : Number.NaN);
  if (Array.isArray(value)) return [1, 2, 3, 4, 5, 6].filter((n) => value.map(level).includes(n));
  if (typeof value !== 'string') return value;
  if (value.trim() === 'false') return false;
  const n = level(value);
  return n >= 1 && n <= 6 ? n : value;
}
