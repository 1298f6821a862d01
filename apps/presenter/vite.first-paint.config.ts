// The offline reader's first paint (src/reader/first-paint.ts): a small classic script, built apart from
// the app so that it runs, and draws the first slide, before the app's script has even been parsed.
// `deckhand build` puts it inline in every page, before the app.
import { defineConfig } from 'vite';
import { marpThemes } from './build/marp-themes';

export default defineConfig({
  plugins: [marpThemes()],
  build: {
    outDir: 'dist-reader',
    emptyOutDir: false,
    sourcemap: false,
    lib: { entry: 'src/reader/first-paint.ts', formats: ['iife'], name: 'DeckhandFirstPaint', fileName: () => 'first-paint.js' },
  },
});
