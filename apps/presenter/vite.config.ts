import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // The live presenter: see vite.reader.config.ts for the offline reader's build of the same app.
  define: { __DECKHAND_READER__: 'false' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
