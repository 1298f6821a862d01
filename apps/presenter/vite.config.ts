import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { marpThemes } from './build/marp-themes';

export default defineConfig({
  plugins: [react(), marpThemes()],
  // The live presenter: see vite.reader.config.ts for the offline reader's build of the same app.
  define: { __DECKHAND_READER__: 'false' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Browsers with CSS light-dark(), which Marp's themes use for `invert`: kept as written, since
    // the minifier's stand-in for older browsers is fixed where a variable is declared, not where a
    // colour is used, and code colours rely on that (themes/code-colours.css).
    cssTarget: ['chrome123', 'edge123', 'firefox120', 'safari17.5'],
  },
});
