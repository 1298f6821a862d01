// Runnable blocks: which code fences a trainer can run, the commands inside them, their expected
// output, and the options written after the language (```console {cwd=../examples/x timeout=60}).
import type { CodeBlock, DeckWarning, RunnableBlockOptions } from './model';

export const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'zsh', 'console', 'shell-session']);

const PROMPT = /^\$(?: |$)/;

export interface BlockStep {
  command: string;
  /** Output lines printed after this command, as written in the deck. */
  expected: string[];
}

export interface ParsedInfo {
  lang: string;
  options: RunnableBlockOptions;
  warnings: string[];
}

/** Splits a fence's info string into the language and the `{key=value …}` options. */
export function parseInfoString(info: string): ParsedInfo {
  const trimmed = info.trim();
  const lang = (/^[^\s{]*/.exec(trimmed)?.[0] ?? '').toLowerCase();
  const rest = trimmed.slice(lang.length).trim();
  const options: RunnableBlockOptions = {};
  const warnings: string[] = [];
  if (!rest) return { lang, options, warnings };
  const braces = /^\{(.*)\}$/.exec(rest);
  if (!braces) {
    warnings.push(`Ignored "${rest}" after the language: write options in braces, e.g. {run=false}.`);
    return { lang, options, warnings };
  }
  for (const [, key, , , quoted, bare] of (braces[1] ?? '').matchAll(/([\w-]+)(=("([^"]*)"|(\S+)))?/g)) {
    const value = quoted ?? bare;
    applyOption(options, key ?? '', value, warnings);
  }
  return { lang, options, warnings };
}

function applyOption(options: RunnableBlockOptions, key: string, value: string | undefined, warnings: string[]): void {
  const flag = (): boolean => value === undefined || value === 'true';
  switch (key) {
    case 'run':
      options.run = flag();
      return;
    case 'interrupt':
      options.interrupt = flag();
      return;
    case 'type':
      options.type = flag();
      return;
    case 'skip':
      options.skip = value ?? 'marked skip';
      return;
    case 'cwd':
    case 'id':
      if (value) options[key] = value;
      else warnings.push(`Option ${key} needs a value, e.g. ${key}=NAME.`);
      return;
    case 'term':
    case 'timeout': {
      const n = Number(value);
      if (Number.isFinite(n) && n > 0) options[key] = n;
      else warnings.push(`Option ${key} needs a positive number, got "${value ?? ''}".`);
      return;
    }
    case 'engine':
      if (value && /^\d+(\.\d+)?$/.test(value)) options.engine = value;
      else warnings.push(`Option engine needs a Docker Engine version such as 23 or 29.1, got "${value ?? ''}".`);
      return;
    case 'image-store':
      if (value === 'containerd' || value === 'classic') options.imageStore = value;
      else warnings.push(`Option image-store must be containerd or classic, got "${value ?? ''}".`);
      return;
    case 'expect':
      if (value === 'exact' || value === 'contains' || value === 'none') options.expect = value;
      else warnings.push(`Option expect must be exact, contains or none, got "${value ?? ''}".`);
      return;
    default:
      warnings.push(`Unknown block option "${key}".`);
  }
}

/**
 * Reads the commands of a shell block. With prompts (`$ `), prompt lines are commands and the other
 * lines are the previous command's output; a command goes on over a trailing backslash and over the
 * lines of an open quote or heredoc, even when those lines repeat the prompt. Without prompts, the
 * whole block is one script.
 */
export function parseSteps(code: string): BlockStep[] {
  const lines = code.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  if (!lines.some((line) => PROMPT.test(line))) {
    const script = lines.join('\n').trim();
    return script ? [{ command: script, expected: [] }] : [];
  }
  const steps: BlockStep[] = [];
  let current: { lines: string[]; state: ShellState } | null = null;
  for (const line of lines) {
    if (current && current.state.continues) {
      const text = line.replace(PROMPT, '');
      current.lines.push(text);
      current.state = scanShell(text, current.state);
      if (!current.state.continues) current = finish(steps, current);
      continue;
    }
    if (PROMPT.test(line)) {
      const text = line.replace(PROMPT, '');
      current = { lines: [text], state: scanShell(text, INITIAL_STATE) };
      if (!current.state.continues) current = finish(steps, current);
      continue;
    }
    const last = steps[steps.length - 1];
    if (last) last.expected.push(line);
  }
  if (current) finish(steps, current);
  return steps;
}

function finish(steps: BlockStep[], current: { lines: string[] }): null {
  steps.push({ command: current.lines.join('\n'), expected: [] });
  return null;
}

interface ShellState {
  quote: "'" | '"' | null;
  heredocs: string[];
  continues: boolean;
}

const INITIAL_STATE: ShellState = { quote: null, heredocs: [], continues: false };

/** Follows quotes, heredocs and trailing backslashes across one line of shell. */
function scanShell(line: string, before: ShellState): ShellState {
  if (before.heredocs.length > 0 && before.quote === null) {
    const [delimiter, ...rest] = before.heredocs;
    const done = line.replace(/^\t+/, '') === delimiter;
    const heredocs = done ? rest : before.heredocs;
    return { quote: null, heredocs, continues: heredocs.length > 0 };
  }
  let quote = before.quote;
  const heredocs = [...before.heredocs];
  let escaped = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (quote === "'") {
      if (ch === "'") quote = null;
      continue;
    }
    if (ch === '\\') {
      escaped = true;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) break;
    else if (ch === '<' && line[i + 1] === '<' && line[i + 2] !== '<') {
      const match = /^<<-?\s*(['"]?)([\w.-]+)\1/.exec(line.slice(i));
      if (match?.[2]) {
        heredocs.push(match[2]);
        i += match[0].length - 1;
      }
    }
  }
  const continues = escaped || quote !== null || heredocs.length > 0;
  return { quote, heredocs, continues };
}

const PLACEHOLDER = /<[a-z][\w-]*>/i;

/**
 * Whether a command holds a placeholder such as `<image>`. Only unquoted text outside heredoc bodies
 * counts: there `<word>` could never run (the shell reads it as a redirection), while `echo "<b>"` or
 * an HTML file written with a heredoc is real shell.
 */
export function hasPlaceholder(command: string): boolean {
  let state: ShellState = INITIAL_STATE;
  for (const line of command.split('\n')) {
    const inHeredocBody = state.heredocs.length > 0 && state.quote === null;
    if (!inHeredocBody && PLACEHOLDER.test(unquoted(line, state.quote))) return true;
    state = scanShell(line, state);
  }
  return false;
}

/** The parts of one line of shell outside quotes, given the quote open when the line starts. */
function unquoted(line: string, openQuote: ShellState['quote']): string {
  let quote = openQuote;
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else out += ch;
  }
  return out;
}

export function buildCodeBlock(
  id: string,
  info: string,
  code: string,
  line: number,
  warn: (warning: DeckWarning) => void,
): CodeBlock {
  const { lang, options, warnings } = parseInfoString(info);
  for (const message of warnings) warn({ line, message });
  const shell = SHELL_LANGUAGES.has(lang);
  const steps = shell ? parseSteps(code) : [];
  let runnable = shell && options.run !== false && steps.length > 0;
  if (runnable && options.run === undefined && steps.some((step) => hasPlaceholder(step.command))) {
    runnable = false;
    warn({ line, message: 'Block has a placeholder like <image> and is not runnable; add {run=false} to say so.' });
  }
  const outputLines = steps.flatMap((step) => step.expected);
  return {
    id: options.id ?? id,
    lang,
    line,
    code,
    runnable,
    commands: runnable ? steps.map((step) => step.command) : [],
    expected: runnable && outputLines.length > 0 ? outputLines.join('\n') : null,
    steps: runnable ? steps : [],
    options,
  };
}
