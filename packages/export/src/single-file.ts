// One HTML file with everything in it: the reader app, its styles, the decks with their images as
// data: URLs, their recordings and the search index. A Content-Security-Policy allows only the file's
// own scripts (by hash) and data: images: opened with no network at all, it works and asks for nothing.
import { createHash } from 'node:crypto';
import type { BundledDeck } from './bundle-deck';
import type { ReaderCourse } from './reader-format';
import { dataScript, escapeHtml, inlineScript } from './data-script';

export interface SingleFileParts {
  title: string;
  app: { js: string; css: string; firstPaint: string };
  course: ReaderCourse;
  decks: BundledDeck[];
  search: string;
}

export function singleFileHtml(parts: SingleFileParts): string {
  const data = [
    dataScript('course', parts.course),
    dataScript('search', parts.search),
    ...parts.decks.map((bundle) => dataScript({ deck: bundle.deck.id }, bundle.deck)),
  ];
  const firstPaint = inlineScript(parts.app.firstPaint);
  // Inert until the first paint has drawn the slide and runs it (reader/first-paint.ts); as a script
  // made from this text, it is allowed by the same hash.
  const app = inlineScript(parts.app.js);
  const hashes = [...data, firstPaint, app].map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  const policy = [
    "default-src 'none'",
    `script-src ${hashes.join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
<title>${escapeHtml(parts.title)}</title>
<style>${parts.app.css.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body>
<div id="root"></div>
<noscript>This course needs JavaScript to show its slides.</noscript>
${data.map((script) => `<script>${script}</script>`).join('\n')}
<script type="text/plain" id="deckhand-app">${app}</script>
<script data-app-inline="deckhand-app">${firstPaint}</script>
</body>
</html>
`;
}
