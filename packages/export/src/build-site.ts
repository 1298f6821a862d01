// `deckhand build`: the decks as a static site for the reader who has no server, no Docker and maybe no
// network. The same presenter app (its reader build, which replays recordings in the terminal pane),
// the decks and their recordings as data scripts, the images copied under files/, a search index and
// a service worker. Every URL is relative, so the site works opened from file://, from a host's root
// and from a sub-path alike. With `singleFile`, one HTML file per deck and one for the course instead.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decksIn } from '@deckhand/check';
import type { ReaderCourse, ReaderDeckSummary } from './reader-format';
import { dataScript, escapeHtml, inlineScript } from './data-script';
import { bundleDeck, type BundledDeck } from './bundle-deck';
import type { Warn } from './build-warning';
import { searchIndex } from './search-index';
import { serviceWorker } from './service-worker';
import { singleFileHtml } from './single-file';

export interface BuildOptions {
  /** A deck file or a folder of decks. */
  target: string;
  out: string;
  /** The reader app's build (apps/presenter/dist-reader: reader.js, reader.css, first-paint.js, sw.js). */
  appDir: string;
  title?: string;
  singleFile?: boolean;
  html?: boolean;
  warn: Warn;
}

export interface BuildResult {
  /** Files written, relative to `out`. */
  files: string[];
  decks: number;
  recordings: number;
  bytes: number;
}

/** Marks a folder as a Deckhand build, so a later build may replace what is in it. */
const BUILD_MARK = '.deckhand-build';

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const deckFiles = decksIn(options.target);
  if (deckFiles.length === 0) throw new Error(`no decks (*.md files) in ${options.target}`);
  prepareOut(options.out);
  const mode = options.singleFile ? 'inline' : 'copy';
  const bundles: BundledDeck[] = [];
  for (const file of deckFiles) bundles.push(await bundleDeck(file, { assets: mode, html: options.html, warn: options.warn }));
  const title = options.title ?? (bundles.length === 1 ? (bundles[0] as BundledDeck).title : path.basename(path.resolve(options.target)));
  const app = {
    js: readFileSync(path.join(options.appDir, 'reader.js'), 'utf8'),
    css: readFileSync(path.join(options.appDir, 'reader.css'), 'utf8'),
    firstPaint: readFileSync(path.join(options.appDir, 'first-paint.js'), 'utf8'),
  };
  const written = new Map<string, string | Buffer>();

  if (options.singleFile) {
    const course = (decks: BundledDeck[], name: string): void => {
      written.set(`${name}.html`, singleFileHtml({ title: decks.length === 1 ? (decks[0] as BundledDeck).title : title, app, course: courseOf(decks, title), decks, search: searchIndex(decks.flatMap((d) => d.documents)) }));
    };
    if (bundles.length > 1) course(bundles, 'course');
    for (const bundle of bundles) course([bundle], fileSafe(bundle.deck.id));
  } else {
    const course = courseOf(bundles, title);
    course.searchScript = 'data/search.js';
    bundles.forEach((bundle, index) => {
      const script = `data/deck-${String(index + 1).padStart(2, '0')}.js`;
      (course.decks[index] as ReaderDeckSummary).script = script;
      written.set(script, dataScript({ deck: bundle.deck.id }, bundle.deck));
      for (const [sitePath, source] of bundle.copies) written.set(decodeURIComponent(sitePath), readFileSync(source));
    });
    written.set('data/course.js', dataScript('course', course));
    written.set('data/search.js', dataScript('search', searchIndex(bundles.flatMap((bundle) => bundle.documents))));
    written.set('assets/reader.js', app.js);
    written.set('assets/reader.css', app.css);
    written.set('index.html', siteIndexHtml(title, inlineScript(app.firstPaint)));
    written.set('sw.js', serviceWorker(readFileSync(path.join(options.appDir, 'sw.js'), 'utf8'), written));
  }

  let bytes = 0;
  for (const [relative, content] of written) {
    const file = path.join(options.out, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  writeFileSync(path.join(options.out, BUILD_MARK), 'Written by deckhand build: the next build replaces this folder\'s contents.\n');
  return {
    files: [...written.keys()].sort(),
    decks: bundles.length,
    recordings: bundles.reduce((sum, bundle) => sum + Object.keys(bundle.deck.recordings).length, 0),
    bytes,
  };
}

/** The output folder: created, or emptied when an earlier build made it; anything else is refused. */
function prepareOut(out: string): void {
  if (!existsSync(out)) {
    mkdirSync(out, { recursive: true });
    return;
  }
  if (!statSync(out).isDirectory()) throw new Error(`--out ${out} is a file, not a folder`);
  const entries = readdirSync(out);
  if (entries.length === 0) return;
  if (!entries.includes(BUILD_MARK)) throw new Error(`--out ${out} is not empty and was not made by deckhand build: choose an empty or new folder`);
  for (const entry of entries) rmSync(path.join(out, entry), { recursive: true, force: true });
}

function courseOf(bundles: BundledDeck[], title: string): ReaderCourse {
  return {
    title,
    built: new Date().toISOString(),
    decks: bundles.map(({ deck, title: deckTitle }) => ({
      id: deck.id,
      title: deckTitle,
      slides: deck.slides.length,
      duration: typeof deck.directives.duration === 'string' ? deck.directives.duration : null,
    })),
  };
}

function siteIndexHtml(title: string, firstPaint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="deckhand-service-worker" content="sw.js">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="assets/reader.css">
<link rel="preload" href="assets/reader.js" as="script">
</head>
<body>
<div id="root"></div>
<noscript>This course needs JavaScript to show its slides.</noscript>
<script src="data/course.js"></script>
<script data-app="assets/reader.js">${firstPaint}</script>
</body>
</html>
`;
}

function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
