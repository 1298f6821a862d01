// YAML front matter: the global directives at the top of a deck, read as Marp reads them
// (directive-yaml.ts).
import { readDirectiveYaml } from './directive-yaml';
import type { DeckWarning, Directives } from './model';

export interface FrontMatter {
  directives: Directives;
  /** The deck without its front matter. */
  body: string;
  /** How many lines the front matter took, so body line numbers can be mapped back to the file. */
  bodyLineOffset: number;
  warnings: DeckWarning[];
  /** The 1-based file line of each top-level key, for warnings about a directive. */
  keyLines: Record<string, number>;
}

const FENCE = /^---[ \t]*$/;

export function readFrontMatter(source: string): FrontMatter {
  const lines = source.split('\n');
  if (lines.length === 0 || !FENCE.test(stripCr(lines[0] ?? ''))) {
    return { directives: {}, body: source, bodyLineOffset: 0, warnings: [], keyLines: {} };
  }
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(stripCr(line)));
  if (end < 0) {
    return {
      directives: {},
      body: source,
      bodyLineOffset: 0,
      warnings: [{ line: 1, message: 'Front matter starts with --- but never ends: add a closing --- line.' }],
      keyLines: {},
    };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const body = lines.slice(end + 1).join('\n');
  const warnings: DeckWarning[] = [];
  const { values: directives, unreadable } = readDirectiveYaml(yamlText);
  for (const { line, reason } of unreadable) {
    warnings.push({ line: 2 + line, message: `Front matter line is not valid YAML and was ignored: ${reason}` });
  }
  const keyLines: Record<string, number> = {};
  for (let i = 1; i < end; i++) {
    const key = /^["']?([\w$-]+)["']?\s*:/.exec(lines[i] ?? '')?.[1];
    if (key && !(key in keyLines)) keyLines[key] = i + 1;
  }
  return { directives, body, bodyLineOffset: end + 1, warnings, keyLines };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
