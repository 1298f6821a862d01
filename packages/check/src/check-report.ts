// How check results read: one line per block for people, a JUnit XML file for CI.
import path from 'node:path';
import { describeEngine } from '@deckhand/docker';
import type { BlockResult, DeckReport } from './check-deck';

/** A diff longer than this (a whole build log) is cut on the console; the JUnit file keeps it all. */
const MAX_DIFF_LINES = 40;

const MARK: Record<BlockResult['status'], string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

/** `PASS  slides/02.md:41  slide 3  docker run --rm busybox echo hi`, then the reason and the diff. */
export function formatResult(result: BlockResult, root = process.cwd()): string {
  const where = `${shownPath(result.deck, root)}:${result.line}`;
  const lines = [`${MARK[result.status]}  ${where}  slide ${result.slide}  ${result.command}`];
  if (result.reason) lines.push(`      ${result.status === 'pass' ? 'note' : result.status === 'skip' ? 'skipped' : 'why'}: ${result.reason}`);
  if (result.diff && result.diff.length > 0) {
    lines.push('      expected (-) / actual (+):');
    for (const line of result.diff.slice(0, MAX_DIFF_LINES)) lines.push(`      ${line}`);
    const more = result.diff.length - MAX_DIFF_LINES;
    if (more > 0) lines.push(`      … ${more} more line(s) (the JUnit file, --junit, has them all)`);
  }
  return lines.join('\n');
}

export interface Totals {
  pass: number;
  fail: number;
  skip: number;
  notRun: number;
}

export function totals(reports: DeckReport[]): Totals {
  const all = reports.flatMap((report) => report.results);
  return {
    pass: all.filter((r) => r.status === 'pass').length,
    fail: all.filter((r) => r.status === 'fail').length,
    skip: all.filter((r) => r.status === 'skip').length,
    notRun: reports.reduce((sum, report) => sum + report.notRun, 0),
  };
}

export function formatSummary(reports: DeckReport[], seconds: number, interrupted = false): string {
  const t = totals(reports);
  const parts = [`${t.pass} passed`, `${t.fail} failed`, `${t.skip} skipped`];
  if (t.notRun > 0) {
    parts.push(`${t.notRun} not run (${interrupted ? 'stopped by Ctrl-C' : 'stopped at the first failure; --keep-going runs them'})`);
  }
  return `${reports.length} deck(s): ${parts.join(', ')} in ${seconds.toFixed(1)} s`;
}

/**
 * `engine: Docker Engine 28.5.2 (API 1.51, containerd image store), client 28.5.2`: what the decks'
 * Docker commands ran against (one line per distinct engine), or null when no deck used Docker.
 */
export function formatEngines(reports: DeckReport[]): string | null {
  const engines = [...new Set(reports.flatMap((report) => (report.engine ? [describeEngine(report.engine)] : [])))];
  return engines.length > 0 ? engines.map((engine) => `engine: ${engine}`).join('\n') : null;
}

/** JUnit XML: a suite per deck, a test case per block; the engine as a suite property. */
export function junitXml(reports: DeckReport[], root = process.cwd()): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="deckhand check">'];
  for (const report of reports) {
    const t = totals([report]);
    const name = shownPath(report.deck, root);
    out.push(
      `  <testsuite name="${xml(name)}" tests="${report.results.length}" failures="${t.fail}" skipped="${t.skip}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    );
    if (report.engine) {
      out.push('    <properties>', `      <property name="docker.engine" value="${xml(describeEngine(report.engine))}"/>`, '    </properties>');
    }
    for (const result of report.results) {
      const open = `    <testcase classname="${xml(name)}" name="${xml(`slide ${result.slide} line ${result.line}: ${result.command}`)}" time="${(result.durationMs / 1000).toFixed(3)}"`;
      if (result.status === 'pass') out.push(`${open}/>`);
      else if (result.status === 'skip') out.push(`${open}>`, `      <skipped message="${xml(result.reason ?? '')}"/>`, '    </testcase>');
      else {
        out.push(`${open}>`, `      <failure message="${xml(result.reason ?? 'failed')}">${xml((result.diff ?? []).join('\n'))}</failure>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Relative to where the check runs when inside it, else absolute. */
function shownPath(file: string, root: string): string {
  const relative = path.relative(root, path.resolve(file));
  return relative && !relative.startsWith('..') ? relative : path.resolve(file);
}
