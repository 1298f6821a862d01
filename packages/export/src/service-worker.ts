// The site's service worker: the reader app's build of Workbox precaching (apps/presenter/src/reader/
// service-worker.ts) with the site's file list written in where Workbox expects it (self.__WB_MANIFEST),
// each file with a hash of its content. A changed file changes its hash, so the worker's own text
// changes, the browser installs the new worker, and it fetches what changed.
//
// Why not workbox-build's injectManifest: it does this same replacement, but brings Rollup, Babel and
// Terser with it to build workers; ours is built once with the app.
import { createHash } from 'node:crypto';

const PLACEHOLDER = 'self.__WB_MANIFEST';

export function serviceWorker(workerSource: string, files: ReadonlyMap<string, string | Buffer>): string {
  if (!workerSource.includes(PLACEHOLDER)) throw new Error(`the reader's sw.js has no ${PLACEHOLDER} to fill in: rebuild the reader app`);
  const manifest = [...files]
    .filter(([file]) => file !== 'sw.js')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, content]) => ({ url: file.split('/').map(encodeURIComponent).join('/'), revision: createHash('sha256').update(content).digest('hex').slice(0, 16) }));
  return workerSource.replace(PLACEHOLDER, JSON.stringify(manifest));
}
