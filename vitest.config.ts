import { defineConfig } from 'vitest/config';

// Unit and integration tests live beside the code they test (packages/*, apps/*). End-to-end tests in a
// real browser live in e2e/ and run under Playwright instead.
export default defineConfig({
  // The presenter's build flag (apps/presenter/src/reader/reader-mode.ts): tests run the live app's code.
  define: { __DECKHAND_READER__: 'false' },
  test: {
    include: ['packages/**/src/**/*.test.ts', 'apps/**/src/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
