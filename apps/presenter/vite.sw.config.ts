// The offline reader's service worker (Workbox precaching), built into dist-reader beside the app.
// `deckhand build` writes the list of the site's files into it (self.__WB_MANIFEST).
import { defineConfig } from 'vite';

export default defineConfig({
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist-reader',
    emptyOutDir: false,
    sourcemap: false,
    // Keep the manifest placeholder as written: the site build finds and replaces it.
    minify: false,
    lib: { entry: 'src/reader/service-worker.ts', formats: ['iife'], name: 'DeckhandServiceWorker', fileName: () => 'sw.js' },
  },
});
