// `deckhand pdf` as a user runs it: the real CLI printing with Chromium, the PDF read back with
// poppler's pdfinfo and pdftotext (installed by .ci/run).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { findChromium } from './support/chromium';
import { repoRoot } from './support/deckhand';

const work = mkdtempSync(path.join(os.tmpdir(), 'deckhand-pdf-'));
const course = path.join(work, 'course');

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: work, encoding: 'utf8', timeout: 120_000, env: { ...process.env, DECKHAND_CHROMIUM: findChromium() } });
  expect(result.status, `${command} ${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
  return result.stdout;
}
const deckhand = (args: string[]): string => run(process.execPath, [path.join(repoRoot, 'apps/cli/bin/deckhand.js'), ...args]);
const pages = (pdf: string): number => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);

test.beforeAll(() => {
  cpSync(path.join(repoRoot, 'e2e/fixtures/reader'), course, { recursive: true });
  deckhand(['record', path.join(course, 'reader.md')]);
});

test('slides: one page per slide at the slide size, an outline of decks and slides, text that is text', () => {
  const pdf = path.join(work, 'slides.pdf');
  deckhand(['pdf', course, '--out', pdf, '--title', 'Reader test course']);
  expect(pages(pdf)).toBe(4); // reader.md has 3 slides, bad-input.md 1
  expect(run('pdfinfo', [pdf])).toMatch(/Page size:\s+960 x 540 pts/); // 1280×720 CSS pixels
  const text = run('pdftotext', ['-layout', pdf, '-']);
  expect(text).toContain('A slower block');
  expect(text).toContain('for i in 1 2 3; do echo "line $i of three"; sleep 1; done');
  const raw = readFileSync(pdf, 'latin1');
  expect(raw).toContain('/Outlines');
  for (const title of ['Offline reader', 'A slower block', 'Dropped in from asciinema', 'Bad input']) expect(raw).toContain(`/Title (${title})`);
});

test('handout: A4 pages with each slide, its notes and the recorded output of its blocks as text', () => {
  const pdf = path.join(work, 'handout.pdf');
  deckhand(['pdf', path.join(course, 'reader.md'), '--out', pdf, '--handout']);
  expect(pages(pdf)).toBe(3);
  expect(run('pdfinfo', [pdf])).toMatch(/Page size:\s+594\.96 x 841\.92 pts \(A4\)/);
  const text = run('pdftotext', [pdf, '-']);
  expect(text).toContain("The first slide's note: the reader shows it under the slide.");
  expect(text).toMatch(/Output of for i in 1 2 3[^\n]*\n[\s\S]*line 1 of three\s+line 2 of three\s+line 3 of three/);
  expect(text).toContain('made by asciinema');
});

test('the bundled course as a handout carries a known example\'s real output', () => {
  const pdf = path.join(work, 'course.pdf');
  deckhand(['pdf', path.join(repoRoot, 'slides/01-containers.md'), '--out', pdf, '--handout']);
  const text = run('pdftotext', [pdf, '-']);
  expect(text).toMatch(/Output of docker run --rm busybox echo "Hello from a container"\s+\$ docker run --rm busybox echo "Hello from a container"\s+Hello from a container/);
});
