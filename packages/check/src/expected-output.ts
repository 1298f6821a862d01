// Compares what a command printed with the output written under it in a deck. Values that change
// between runs (ids, digests, dates, durations, sizes, "5 seconds ago") are matched through the
// placeholders below, usable anywhere in an expected line; a line holding only `...` stands for any
// number of lines. Runs of spaces are collapsed on both sides, so table columns may be re-aligned.
/* eslint-disable no-control-regex -- terminal output is made of control characters; matching them is the point */

/** The placeholders `deckhand check` understands, each with the text it matches. */
export const PLACEHOLDERS: Record<string, string> = {
  // A hex container/image id: short (12) or full (64), optionally with its sha256: prefix.
  '<id>': '(?:sha256:)?(?:[0-9a-f]{64}|[0-9a-f]{12})',
  '<digest>': 'sha256:[0-9a-f]{64}',
  // ISO dates/times (2026-11-25T10:00:00Z, 2026-11-25 10:00:00 +0000 UTC) and syslog-style "Nov 25 10:00:00".
  '<date>':
    '(?:\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z| ?[+-]\\d{2}:?\\d{2})?(?: [A-Z]{2,5})?)?' +
    '|(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\\d{1,2}(?:,? \\d{4})?' +
    '(?: \\d{2}:\\d{2}(?::\\d{2})?)?(?: \\d{4})?)',
  // 0.5s, 1.2 s, 3m, 250ms, 1h2m3s, "Up 5 seconds", "Up About a minute", "Exited (0) 3 seconds ago" spans.
  '<duration>':
    '(?:(?:\\d+(?:\\.\\d+)?\\s?(?:ns|µs|us|ms|s|m|h))+(?![A-Za-z])|(?:Up )?(?:About |Less than )?(?:an?|\\d+) (?:second|minute|hour|day|week|month|year)s?)',
  '<size>': '\\d+(?:\\.\\d+)?\\s?(?:B|[kKMGT]i?B)',
  '<ago>': '(?:About |Less than )?(?:an?|\\d+) (?:second|minute|hour|day|week|month|year)s? ago',
  '<any>': '.*?',
};

const PLACEHOLDER_PATTERN = new RegExp(Object.keys(PLACEHOLDERS).map(escapeRegExp).join('|'), 'g');
const ELLIPSIS = '...';

export type ExpectMode = 'exact' | 'contains' | 'none';

export interface Comparison {
  ok: boolean;
  /** A unified-style diff of expected (-) and actual (+) lines when not ok. */
  diff: string[];
}

/** Removes colours and cursor movement, turns CRLF into LF and keeps what a `\r` overwrote last. */
export function cleanTerminalOutput(raw: string): string {
  const withoutEscapes = raw
    // OSC (window titles, hyperlinks) up to BEL or ST
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '')
    // CSI sequences (colours, cursor movement, erase)
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    // other two-character escapes (charset selection, keypad modes)
    .replace(/\u001b[()][0-9A-Za-z]|\u001b[=>78DEHMNOZc]/g, '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  return withoutEscapes
    .replace(/\r+\n/g, '\n')
    .split('\n')
    .map((line) => {
      const parts = line.split('\r');
      return parts.length === 1 ? line : overwrite(parts);
    })
    .join('\n');
}

/** A line rewritten with `\r` shows its last text over the longer earlier ones, as on a screen. */
function overwrite(parts: string[]): string {
  let screen = '';
  for (const part of parts) screen = part + screen.slice(part.length);
  return screen;
}

/** Output as lines for comparison: trailing spaces and leading/trailing blank lines dropped. */
export function outputLines(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function collapseSpaces(line: string): string {
  return line.trim().replace(/[ \t]+/g, ' ');
}

/** Turns one expected line into a matcher: placeholders become patterns, everything else is literal. */
export function lineMatcher(expected: string): RegExp {
  const collapsed = collapseSpaces(expected);
  let pattern = '';
  let last = 0;
  for (const match of collapsed.matchAll(PLACEHOLDER_PATTERN)) {
    pattern += escapeRegExp(collapsed.slice(last, match.index)) + (PLACEHOLDERS[match[0]] ?? '');
    last = match.index + match[0].length;
  }
  pattern += escapeRegExp(collapsed.slice(last));
  return new RegExp(`^${pattern}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Does `actual` (already cleaned) match `expected` lines under the block's expect mode? */
export function compareOutput(expected: string[], actual: string[], mode: ExpectMode = 'exact'): Comparison {
  if (mode === 'none') return { ok: true, diff: [] };
  const wanted = outputLines(expected.join('\n'));
  const got = actual.map(collapseSpaces);
  const patterns = wanted.map((line) => (line.trim() === ELLIPSIS ? null : lineMatcher(line)));
  const ok = mode === 'contains' ? containsInOrder(patterns, got) : matchesAll(patterns, got);
  return { ok, diff: ok ? [] : diffLines(wanted, actual, patterns) };
}

/** Every line matches in order; a `null` pattern (`...`) swallows any number of lines. */
function matchesAll(patterns: Array<RegExp | null>, got: string[]): boolean {
  const memo = new Map<string, boolean>();
  const at = (p: number, g: number): boolean => {
    const key = `${p}:${g}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (p === patterns.length) result = g === got.length;
    else {
      const pattern = patterns[p];
      if (pattern === null || pattern === undefined) result = at(p + 1, g) || (g < got.length && at(p, g + 1));
      else result = g < got.length && pattern.test(got[g] ?? '') && at(p + 1, g + 1);
    }
    memo.set(key, result);
    return result;
  };
  return at(0, 0);
}

/** The expected lines appear in this order, with anything between them. */
function containsInOrder(patterns: Array<RegExp | null>, got: string[]): boolean {
  let g = 0;
  for (const pattern of patterns) {
    if (pattern === null) continue;
    while (g < got.length && !pattern.test(got[g] ?? '')) g++;
    if (g === got.length) return false;
    g++;
  }
  return true;
}

/**
 * A readable diff: lines that match stay as context (` `), the rest show as expected (`-`) and actual
 * (`+`). Built from a longest common subsequence of "line matches pattern", so placeholders and `...`
 * do not show up as differences.
 */
function diffLines(wanted: string[], actual: string[], patterns: Array<RegExp | null>): string[] {
  const got = actual.map(collapseSpaces);
  const n = patterns.length;
  const m = got.length;
  const same = (i: number, j: number): boolean => {
    const pattern = patterns[i];
    return pattern === null || pattern === undefined ? false : pattern.test(got[j] ?? '');
  };
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] = same(i, j) ? (table[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const diff: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && patterns[i] === null) {
      diff.push(`  ${ELLIPSIS}`);
      i++;
    } else if (i < n && j < m && same(i, j)) {
      diff.push(`  ${actual[j] ?? ''}`);
      i++;
      j++;
    } else if (i < n && (j === m || (table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0))) {
      diff.push(`- ${wanted[i] ?? ''}`);
      i++;
    } else {
      diff.push(`+ ${actual[j] ?? ''}`);
      j++;
    }
  }
  return diff;
}
