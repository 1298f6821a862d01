// `deckhand pdf`: the course as a PDF, printed by Chromium from the reader's single-file build (so the
// PDF shows exactly what the reader sees, themes, math and images included). Slides: one page per
// slide at the deck's size. Handout: A4, each slide with its notes and its blocks' recorded output as
// text. The PDF has an outline (a deck, then its slides) and its text is text, selectable and
// searchable.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildSite, type BuildOptions } from './build-site';
import { findChromium, PRINT_FLAGS } from './chromium';

export interface PdfOptions extends Omit<BuildOptions, 'out' | 'singleFile'> {
  /** The PDF file to write. */
  out: string;
  handout?: boolean;
  /** The Chromium to print with (default: see chromium.ts). */
  chromium?: string;
}

/** Longest a course may take to lay out before printing (the bundled course takes about 3 s). */
const READY_TIMEOUT_MS = 120_000;

export async function buildPdf(options: PdfOptions): Promise<{ bytes: number; recordings: number }> {
  const executablePath = findChromium(options.chromium);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'deckhand-pdf-'));
  try {
    const built = await buildSite({ ...options, out: scratch, singleFile: true });
    const page = built.files.includes('course.html') ? 'course.html' : (built.files.find((file) => file.endsWith('.html')) as string);
    const browser = await chromium.launch({ executablePath, args: PRINT_FLAGS });
    try {
      const tab = await browser.newPage();
      const problems: string[] = [];
      tab.on('pageerror', (error) => problems.push(error.message));
      await tab.goto(`${pathToFileURL(path.join(scratch, page)).href}#!print/${options.handout ? 'handout' : 'slides'}`);
      await tab.waitForSelector('body[data-print-ready]', { state: 'attached', timeout: READY_TIMEOUT_MS }).catch(() => {
        throw new Error(`the course did not finish laying out for printing${problems.length ? `: ${problems.join('; ')}` : ''}`);
      });
      await tab.pdf({ path: options.out, preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    } finally {
      await browser.close();
    }
    return { bytes: statSync(options.out).size, recordings: built.recordings };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
