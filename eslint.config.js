// Lint rules for the whole repository: typescript-eslint's recommended set, React hooks rules for the
// presenter app, and Node globals for scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/dist-reader/**', 'examples/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}', 'apps/cli/**', 'packages/server/**', 'e2e/**', 'bench/**', 'scripts/**', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['apps/presenter/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
