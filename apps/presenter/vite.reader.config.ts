// The offline reader's build (`deckhand build` copies it into every site): the same app, with the
// recording source in place of the live terminal (__DECKHAND_READER__), as one classic script and one
// stylesheet. Not ES modules: Chromium refuses module scripts from file://, and a site opened from a
// folder must work. Everything the app loads on demand is inlined, so nothing is fetched later.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { marpThemes } from './build/marp-themes';

export default defineConfig({
  plugins: [react(), marpThemes()],
  define: {
    __DECKHAND_READER__: 'true',
    // A library build keeps process.env references; the reader is a production app.
    'process.env.NODE_ENV': '"production"',
  },
  build: {
    outDir: 'dist-reader',
    emptyOutDir: true,
    sourcemap: false,
    // As vite.config.ts: Marp's themes need CSS light-dark() kept as written.
    cssTarget: ['chrome123', 'edge123', 'firefox120', 'safari17.5'],
    lib: { entry: 'src/reader/reader-main.tsx', formats: ['iife'], name: 'DeckhandReader', fileName: () => 'reader.js', cssFileName: 'reader' },
  },
});
