// `deckhand check`: runs a deck's runnable blocks in order, as a trainer would, in fresh real shells
// (one per terminal tab the deck uses), and compares what each command prints with the deck.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDeck, type CodeBlock } from '@deckhand/deck';
import type { CheckShell, StepOutcome, Terminal } from './check-shell';
import { DockerClient, ENGINE_QUERY, readEngine, versionAtLeast, type DockerEngine } from '@deckhand/docker';
import { cleanUp, makeLabellingWrapper, newRunId, reapDeadRuns, snapshot } from './deck-leftovers';
import { imageNeeds, registryFailure, simpleCommands } from './docker-images';
import { cleanTerminalOutput, compareOutput, outputLines } from './expected-output';
import { ShellPool, keepingStatus } from './shell-pool';

export type BlockStatus = 'pass' | 'fail' | 'skip';

export interface BlockResult {
  deck: string;
  slide: number;
  line: number;
  id: string;
  /** The block's first command, for people reading the report. */
  command: string;
  status: BlockStatus;
  /** Why it failed or was skipped, or a note on a pass. */
  reason?: string;
  /** Expected (-) and actual (+) output lines, for a failed comparison. */
  diff?: string[];
  durationMs: number;
}

export interface CheckOptions {
  /** Only blocks on these slides (1-based). */
  only?: Set<number>;
  /** Timeout of a block without `timeout=`, in seconds. */
  defaultTimeout?: number;
  /** Called as each block finishes, for live output. */
  onResult?: (result: BlockResult) => void;
  /** Stop after the first failure (the CLI's default, unless --keep-going). */
  stopOnFailure?: boolean;
  /** Stops the check (Ctrl-C): running commands are killed, then the clean-up still runs. */
  signal?: AbortSignal;
  /**
   * Runs the deck in terminals from here (a Docker sandbox, with its own engine) instead of local
   * shells: Docker commands then go to the sandbox's engine, which goes with the sandbox, so the
   * host's engine is neither asked about images nor cleaned up.
   */
  openTerminal?: (cwd: string) => Promise<Terminal>;
  /** Watches each block's commands run (what `deckhand record` records). */
  observer?: RunObserver;
}

/** Sees a block's run as a terminal beside the slide would: each command typed, then its output. */
export interface RunObserver {
  /** The block's commands are about to be typed (the checks before a block are done). */
  blockStarted(block: CodeBlock, slide: number): void;
  /** One command of the block is typed. */
  stepStarted(command: string): void;
  /** Raw terminal output of the block's commands, as it arrives. */
  output(data: string): void;
}

export interface DeckReport {
  deck: string;
  results: BlockResult[];
  /** Blocks not run because an earlier one failed. */
  notRun: number;
  /** What was removed from the Docker engine afterwards. */
  cleanedUp: string[];
  /** The engine the deck's `docker` commands talked to (host or sandbox), or null when none answered or none was used. */
  engine: DockerEngine | null;
  durationMs: number;
}

const DEFAULT_TIMEOUT_S = 30;
/** A command that runs until a later block presses Ctrl-C gets this long to print what it prints. */
const RUNS_ON_SETTLE_MS = 3_000;

/** The decks in a folder (every `*.md` but README.md, sorted), or the one deck named. */
export function decksIn(target: string): string[] {
  if (!existsSync(target)) throw new Error(`no such deck file or folder: ${target}`);
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
    .sort()
    .map((name) => path.join(target, name));
}

interface Located {
  slide: number;
  block: CodeBlock;
}

export async function checkDeck(deckFile: string, options: CheckOptions = {}): Promise<DeckReport> {
  const started = Date.now();
  const deckDir = path.dirname(path.resolve(deckFile));
  const deck = parseDeck(readFileSync(deckFile, 'utf8'));
  const blocks: Located[] = deck.slides.flatMap((slide) =>
    slide.blocks.filter((block) => block.runnable).map((block) => ({ slide: slide.index, block })),
  );
  const selected = blocks.filter(({ slide }) => !options.only || options.only.has(slide));
  const results: BlockResult[] = [];
  const report = (result: BlockResult): void => {
    results.push(result);
    options.onResult?.(result);
  };

  // In a sandbox, Docker commands go to the sandbox's own engine: the host's is not involved.
  const docker = options.openTerminal ? null : DockerClient.find();
  const usesDocker = selected.some(({ block }) => mentionsDocker(block.commands.join('\n')));
  const engineUp = usesDocker && docker !== null && (await docker.answers());
  const runId = newRunId();
  if (engineUp && docker) await reapDeadRuns();
  const wrapper = engineUp && docker ? makeLabellingWrapper(docker, runId) : null;
  const before = engineUp && docker ? await snapshot(docker) : null;
  const shells = new ShellPool(deckDir, wrapper?.dir, options.openTerminal);
  /** Images earlier blocks build or tag, with the block's line. */
  const earlier = new Map<string, number>();
  /** Asked in the deck's own shell at its first Docker block: undefined until then. */
  let engine: DockerEngine | null | undefined;
  let notRun = 0;

  const abort = (): void => shells.dispose();
  options.signal?.addEventListener('abort', abort);
  try {
    for (let index = 0; index < selected.length && !options.signal?.aborted; index++) {
      const { slide, block } = selected[index] as Located;
      const base = { deck: deckFile, slide, line: block.line, id: block.id, command: firstLine(block.commands[0] ?? '') };
      const blockStarted = Date.now();
      const done = (status: BlockStatus, extra: Partial<BlockResult> = {}): BlockResult => {
        const result = { ...base, status, durationMs: Date.now() - blockStarted, ...extra };
        report(result);
        return result;
      };

      if (block.options.skip) {
        done('skip', { reason: block.options.skip });
        continue;
      }
      const cwd = block.options.cwd ? path.resolve(deckDir, block.options.cwd) : null;
      if (cwd && !existsSync(cwd)) {
        const result = done('fail', { reason: `cwd ${block.options.cwd} does not exist (looked for ${cwd})` });
        if (stop(result)) break;
        continue;
      }
      const text = block.commands.join('\n');
      const usesDockerHere = mentionsDocker(text);
      if (usesDockerHere && !docker && !options.openTerminal) {
        done('skip', { reason: 'needs Docker, and no docker command is on PATH (scripts/docker-engine.sh up installs one)' });
        continue;
      }
      if (usesDockerHere && !engineUp && !options.openTerminal) {
        done('skip', { reason: 'needs Docker, and no Docker engine answers (scripts/docker-engine.sh up starts one)' });
        continue;
      }

      const term = block.options.term ?? 1;
      // Ctrl-C first: a shell that does not come back from it is replaced by get().
      if (block.options.interrupt) await shells.interrupt(term);
      const shell = await shells.get(term);
      if (cwd) {
        const moved = await shell.run(keepingStatus(`cd '${cwd.replace(/'/g, "'\\''")}' 2>/dev/null || echo not-there`), 5_000);
        if (moved.output.includes('not-there')) {
          const where = options.openTerminal ? ' inside the sandbox (share the course with --share)' : '';
          const result = done('fail', { reason: `cannot cd to ${cwd}${where}` });
          if (stop(result)) break;
          continue;
        }
      }
      if (usesDockerHere) {
        engine ??= readEngine(cleanTerminalOutput((await shell.run(keepingStatus(ENGINE_QUERY), 15_000)).output));
        const minimum = block.options.engine;
        if (minimum && engine && !versionAtLeast(engine.version, minimum)) {
          done('skip', { reason: `shows what Docker Engine ${minimum} or later prints; this engine is ${engine.version}` });
          continue;
        }
        const store = block.options.imageStore;
        if (store && engine && engine.imageStore !== store) {
          done('skip', { reason: `shows what an engine with the ${store} image store prints; this engine uses the ${engine.imageStore} store` });
          continue;
        }
      }
      if (usesDockerHere && docker) {
        // Where the block's `docker build .` will look: the shell's directory now, not the deck's.
        const pwd = outputLines(cleanTerminalOutput((await shell.run(keepingStatus('pwd'), 5_000)).output))[0];
        const where = pwd && path.isAbsolute(pwd) ? pwd : (cwd ?? deckDir);
        const missing = await missingImages(docker, text, where, earlier);
        for (const ref of imageNeeds(text, where).produced) earlier.set(withTag(ref), block.line);
        if (missing) {
          done('skip', { reason: missing });
          continue;
        }
      }
      const timeoutMs = (block.options.timeout ?? options.defaultTimeout ?? DEFAULT_TIMEOUT_S) * 1000;
      const runsOn = laterInterrupts(selected, index, term);
      options.observer?.blockStarted(block, slide);
      const outcome = await runSteps(shell, block, timeoutMs, runsOn, options.observer);
      if (options.signal?.aborted) break; // stopped mid-block: neither a pass nor a failure

      if (outcome.kind === 'skip') done('skip', { reason: outcome.reason });
      else if (outcome.kind === 'pass') done('pass', outcome.note ? { reason: outcome.note } : {});
      else {
        const result = done('fail', { reason: outcome.reason, ...(outcome.diff ? { diff: outcome.diff } : {}) });
        if (outcome.stuck) await shells.recover(term);
        if (stop(result)) break;
      }
      if (!shell.alive) shells.forget(term);
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    shells.dispose();
    wrapper?.dispose();
  }
  notRun = selected.length - results.length;

  const cleanedUp = engineUp && docker && before ? await cleanUp(docker, runId, before, namesIn(selected)) : [];
  return { deck: deckFile, results, notRun, cleanedUp, engine: engine ?? null, durationMs: Date.now() - started };

  function stop(result: BlockResult): boolean {
    return result.status === 'fail' && options.stopOnFailure === true;
  }
}

type StepsOutcome =
  | { kind: 'pass'; note?: string }
  | { kind: 'skip'; reason: string }
  | { kind: 'fail'; reason: string; diff?: string[]; stuck: boolean };

/** Runs each command of a block and compares its output with the lines under it in the deck. */
async function runSteps(shell: CheckShell, block: CodeBlock, timeoutMs: number, runsOn: boolean, observer?: RunObserver): Promise<StepsOutcome> {
  const deadline = Date.now() + timeoutMs;
  const mode = block.options.expect ?? 'exact';
  for (let i = 0; i < block.steps.length; i++) {
    const step = block.steps[i] as CodeBlock['steps'][number];
    const last = i === block.steps.length - 1;
    const expected = outputLines(step.expected.join('\n'));
    const hasExpected = expected.length > 0 && mode !== 'none';
    const mayRunOn = last && runsOn;
    const remaining = Math.max(deadline - Date.now(), 1);
    const settled = mayRunOn && hasExpected ? (raw: string) => compareOutput(expected, outputLines(cleanTerminalOutput(raw)), mode).ok : undefined;
    observer?.stepStarted(step.command);
    const outcome: StepOutcome = await shell.run(
      step.command,
      mayRunOn && !hasExpected ? Math.min(remaining, RUNS_ON_SETTLE_MS) : remaining,
      settled,
      observer ? (data) => observer.output(data) : undefined,
    );
    const actual = outputLines(withoutClientNotices(cleanTerminalOutput(outcome.output)));
    const label = block.steps.length > 1 ? `command ${i + 1} (${firstLine(step.command)})` : 'the command';

    if (outcome.status === null && !outcome.shellExited) {
      if (mayRunOn) {
        const comparison = compareOutput(expected, actual, mode);
        if (!hasExpected || comparison.ok) return { kind: 'pass', note: 'still running; a later block interrupts it' };
        return { kind: 'fail', reason: `${label} printed other output before it was interrupted`, diff: comparison.diff, stuck: false };
      }
      return {
        kind: 'fail',
        reason: `${label} did not finish within ${Math.round(timeoutMs / 1000)} s (raise timeout=, or add interrupt to the next block if it runs until stopped)`,
        diff: actual.slice(-20).map((line) => `+ ${line}`),
        stuck: true,
      };
    }
    const missing = outcome.status !== 0 ? (registryFailure(actual.join('\n')) ?? engineFailure(actual.join('\n'))) : null;
    if (missing) return { kind: 'skip', reason: missing };
    if (hasExpected) {
      const comparison = compareOutput(expected, actual, mode);
      if (!comparison.ok) return { kind: 'fail', reason: `${label} printed other output than the deck shows`, diff: comparison.diff, stuck: false };
    } else if (outcome.status !== 0 && !outcome.shellExited) {
      return {
        kind: 'fail',
        reason: `${label} exited with status ${outcome.status} (show its output under it in the deck if it is meant to fail)`,
        diff: actual.slice(-20).map((line) => `+ ${line}`),
        stuck: false,
      };
    }
    if (outcome.shellExited) return last ? { kind: 'pass', note: 'the shell exited; later blocks get a fresh one' } : { kind: 'fail', reason: `the shell exited at ${label}`, stuck: false };
  }
  return { kind: 'pass' };
}

/**
 * Notices that depend on which Docker client a machine has, not on the deck: a client without the
 * buildx plugin announces the classic builder's deprecation before every build.
 */
const CLIENT_NOTICES = [/DEPRECATED: The legacy builder is deprecated[^\n]*\n(?:[ \t]+[^\n]*\n)*(?:[ \t]*\n)?/g];

function withoutClientNotices(output: string): string {
  return CLIENT_NOTICES.reduce((text, notice) => text.replace(notice, ''), output);
}

/** A failing command that found no Docker engine (or no docker command) where it ran. */
function engineFailure(output: string): string | null {
  if (/Cannot connect to the Docker daemon|Is the docker daemon running\?/.test(output)) return 'needs Docker, and no Docker engine answers where the deck runs';
  if (/docker: (?:command )?not found/.test(output)) return 'needs Docker, and there is no docker command where the deck runs';
  return null;
}

/** True when a later block on the same terminal starts with Ctrl-C: this one may run until then. */
function laterInterrupts(blocks: Located[], index: number, term: number): boolean {
  for (const { block } of blocks.slice(index + 1)) {
    if ((block.options.term ?? 1) !== term) continue;
    if (block.options.skip) continue;
    return block.options.interrupt === true;
  }
  return false;
}

/**
 * Why the block cannot run for want of an image, or null. `earlier` maps images that earlier blocks
 * build or tag to their line: when such an image is absent, that block did not make it (skipped or
 * failed), and pulling is not the answer.
 */
async function missingImages(docker: DockerClient, text: string, cwd: string, earlier: Map<string, number>): Promise<string | null> {
  const needs = imageNeeds(text, cwd);
  const madeHere = new Set(needs.produced.map(withTag));
  for (const ref of needs.needed) {
    if (madeHere.has(withTag(ref)) || (await docker.hasImage(ref))) continue;
    const line = earlier.get(withTag(ref));
    if (line !== undefined) return `image ${ref} comes from the block at line ${line}, which did not make it (skipped or failed)`;
    const why = await docker.ensureImage(ref);
    if (why) return why;
  }
  return null;
}

function withTag(ref: string): string {
  const name = ref.replace(/^docker\.io\/(library\/)?/, '');
  return /:[^/]+$/.test(name) || name.includes('@') ? name : `${name}:latest`;
}

function mentionsDocker(text: string): boolean {
  return simpleCommands(text).some((words) => words.some((word) => word === 'docker' || word.endsWith('/docker')));
}

/** Every word the deck's commands contain: names of volumes, networks and images it may create. */
function namesIn(blocks: Located[]): Set<string> {
  const names = new Set<string>();
  for (const { block } of blocks) {
    for (const words of simpleCommands(block.commands.join('\n'))) {
      for (const word of words) {
        for (const part of word.split(/[=:,]/)) if (part) names.add(part);
        names.add(word);
        names.add(withTag(word));
      }
    }
  }
  return names;
}

function firstLine(command: string): string {
  const line = command.split('\n')[0] ?? '';
  return line.length > 70 ? line.slice(0, 69) + '…' : line;
}
