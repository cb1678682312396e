import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // scrypt with OWASP parameters takes ~0.7 s a login on this machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The JSON report feeds the one-line total that npm test prints last (tests/summary.ts).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
