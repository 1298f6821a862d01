// Which images a command needs and which it makes, read from its `docker run/create/build/tag/pull`
// words and from the FROM lines of the Dockerfile a build uses. A block whose image is absent and
// cannot be pulled is skipped with that reason before it runs, instead of failing (or, worse,
// passing) on a registry error.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ImageNeeds {
  /** Images that must exist before the command runs. */
  needed: string[];
  /** Images the command tags (build -t, tag, commit). */
  produced: string[];
  /** `docker pull` (or `run --pull always`, `build --pull`): needs a registry whatever is present. */
  pulls: string[];
}

// `docker run`/`create` flags that take no value; every other flag takes one (`-p 80:80`, `--name x`).
const RUN_BOOLEAN_FLAGS = new Set([
  '-d', '--detach', '-i', '--interactive', '-t', '--tty', '--rm', '--init', '--privileged', '-P', '--publish-all',
  '--read-only', '--no-healthcheck', '--oom-kill-disable', '--sig-proxy', '--disable-content-trust', '-q', '--quiet',
  '--help',
]);
const BUILD_BOOLEAN_FLAGS = new Set(['--pull', '--no-cache', '-q', '--quiet', '--rm', '--force-rm', '--squash', '--load', '--push', '--compress']);

/** Splits shell text into simple commands (on `;`, `&&`, `||`, `|`, `&`, newlines), each a list of words. */
export function simpleCommands(text: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && text[i + 1] === '\n') i++;
    else if (ch === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (ch === '#' && !inWord) {
      while (i < text.length && text[i] !== '\n') i++;
      endCommand();
    } else if (/[;&|\n()]/.test(ch)) endCommand();
    else if (/\s/.test(ch)) endWord();
    else {
      word += ch;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

/** What the docker commands in `text` need and make; `cwd` is where they run (for build contexts). */
export function imageNeeds(text: string, cwd: string): ImageNeeds {
  const needs: ImageNeeds = { needed: [], produced: [], pulls: [] };
  let dir = cwd;
  for (const words of simpleCommands(text)) {
    // `cd ../examples/x && docker build .`: follow the block's own directory changes.
    if (words[0] === 'cd' && words[1] && words[1] !== '-' && !words[1].includes('$')) dir = path.resolve(dir, words[1]);
    const start = words.findIndex((w) => w === 'docker' || w.endsWith('/docker'));
    if (start < 0) continue;
    let args = words.slice(start + 1);
    while (args[0]?.startsWith('-')) args = args.slice(args[0].includes('=') || !['-H', '--host', '--context', '-c', '--config', '-l', '--log-level'].includes(args[0]) ? 1 : 2);
    let [verb, ...rest] = args;
    if ((verb === 'container' || verb === 'image' || verb === 'buildx') && rest.length > 0) [verb, ...rest] = rest;
    if (verb === 'run' || verb === 'create') readRun(rest, needs);
    else if (verb === 'build') readBuild(rest, dir, needs);
    else if (verb === 'tag' && rest.length >= 2) {
      needs.needed.push(rest[0] as string);
      needs.produced.push(rest[1] as string);
    } else if (verb === 'commit') {
      const positionals = rest.filter((w, i) => !w.startsWith('-') && !['-a', '-m', '-c', '--author', '--message', '--change'].includes(rest[i - 1] ?? ''));
      if (positionals[1]) needs.produced.push(positionals[1]);
    } else if (verb === 'pull') {
      const image = rest.find((w) => !w.startsWith('-'));
      if (image) needs.pulls.push(image);
    }
  }
  return needs;
}

function readRun(args: string[], needs: ImageNeeds): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--pull=always' || (arg === '--pull' && args[i + 1] === 'always')) needs.pulls.push('(run --pull always)');
    if (!arg.startsWith('-')) {
      needs.needed.push(arg);
      return;
    }
    if (arg.includes('=') || RUN_BOOLEAN_FLAGS.has(arg)) continue;
    // Bundled short flags (-it, -dit) are all booleans; -p8080:80 carries its value.
    if (/^-[a-zA-Z]{2,}$/.test(arg) && [...arg.slice(1)].every((c) => RUN_BOOLEAN_FLAGS.has('-' + c))) continue;
    if (/^-[a-zA-Z]./.test(arg)) continue;
    i++;
  }
}

function readBuild(args: string[], cwd: string, needs: ImageNeeds): void {
  let file: string | undefined;
  let context: string | undefined;
  const buildArgs = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!flag.startsWith('-') || flag === '-') {
      context = flag;
      continue;
    }
    if (BUILD_BOOLEAN_FLAGS.has(flag)) {
      if (flag === '--pull') needs.pulls.push('(build --pull)');
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) break;
    if (flag === '-t' || flag === '--tag') needs.produced.push(value);
    else if (flag === '-f' || flag === '--file') file = value;
    else if (flag === '--build-arg') {
      const [key, ...v] = value.split('=');
      if (key && v.length > 0) buildArgs.set(key, v.join('='));
    }
  }
  if (!context || context === '-' || /^[a-z]+:\/\//.test(context)) return;
  const dockerfile = path.resolve(cwd, context, file ?? 'Dockerfile');
  const resolvedFile = file ? path.resolve(cwd, file) : dockerfile;
  const found = [resolvedFile, dockerfile].find((candidate) => existsSync(candidate));
  if (found) needs.needed.push(...baseImages(readFileSync(found, 'utf8'), buildArgs));
}

/** The images a Dockerfile starts from or copies from (not its own stages, not `scratch`). */
export function baseImages(dockerfile: string, buildArgs: Map<string, string> = new Map()): string[] {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((line) => line.trim());
  const stages = new Set<string>();
  const args = new Map(buildArgs);
  const images: string[] = [];
  let sawFrom = false;
  const expand = (text: string): string | null => {
    const result = text.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (_, a: string | undefined, d: string | undefined, b: string | undefined) => args.get((a ?? b) as string) ?? d ?? '\u0000');
    return result.includes('\u0000') ? null : result;
  };
  for (const line of lines) {
    const [instruction = '', ...words] = line.split(/\s+/);
    const keyword = instruction.toUpperCase();
    if (keyword === 'ARG' && !sawFrom) {
      for (const word of words) {
        const [key, ...value] = word.split('=');
        if (key && value.length > 0 && !args.has(key)) args.set(key, value.join('=').replace(/^["']|["']$/g, ''));
      }
    } else if (keyword === 'FROM') {
      sawFrom = true;
      const positional = words.filter((w) => !w.startsWith('--'));
      const image = positional[0] ? expand(positional[0]) : null;
      if (image && image !== 'scratch' && !stages.has(image.toLowerCase())) images.push(image);
      if (positional[1]?.toUpperCase() === 'AS' && positional[2]) stages.add(positional[2].toLowerCase());
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      for (const word of words) {
        const from = /^--from=(.+)$/.exec(word)?.[1];
        if (from && !/^\d+$/.test(from) && !stages.has(from.toLowerCase())) {
          const image = expand(from);
          if (image) images.push(image);
        }
      }
    }
  }
  return [...new Set(images)];
}

/**
 * Why a failed command could not do its job for want of a registry (an absent image it could not pull,
 * a push, a login, a search), or null when its failure is something else.
 */
export function registryFailure(output: string): string | null {
  const unable = /Unable to find image '([^']+)' locally/.exec(output);
  const unreachable =
    /pull access denied|no such host|dial tcp|failed to resolve source metadata|failed to do request|TLS handshake timeout|manifest unknown|i\/o timeout/i.test(output);
  const image = unable?.[1] ?? /failed to (?:resolve source metadata|load metadata) for (?:docker\.io\/(?:library\/)?)?(\S+?)(?::\s|\s|$)/.exec(output)?.[1] ??
    /pull access denied for ([^\s,]+)/.exec(output)?.[1] ??
    // The containerd image store's wording (`docker pull` on Engine 28 and later).
    /failed to resolve reference "(?:docker\.io\/(?:library\/)?)?([^"]+)"/.exec(output)?.[1];
  if (image && (unreachable || !unable)) return `image ${image} is not here and cannot be pulled (no registry reachable)`;
  const registry = /(?:Get|Head) "(https?:\/\/[^/"]+)[^"]*": (?:dial tcp|.*no such host|.*connection refused|.*i\/o timeout)/.exec(output)?.[1];
  if (registry) return `needs the registry at ${registry}, which is not reachable from here`;
  return null;
}
