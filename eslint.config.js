// Lint: typescript-eslint's recommended rules without type information (fast enough to run
// on every save), plus the local layering rule that keeps DESIGN.md §4's boundaries honest.
// tests/unit/layering.test.ts proves the rule still rejects forbidden imports.
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import local from './.eslint/layering.js';

export default defineConfig(
  globalIgnores(['dist/', 'release/', 'db/migrations/', 'test-results/', 'playwright-report/', '.zhurnal-demo/']),
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { local },
    rules: {
      'local/layering': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests poke at envelopes and rows whose shape the assertion itself checks.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JavaScript here is tooling (this config, the local rule) running in Node.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
