// Browser end-to-end tests against the real HTTP host (npm run test:e2e runs tests/e2e/run.ts,
// which finds Chromium and builds the renderer first). Never `playwright install`:
// the browser is Debian's Chromium or one found by tests/e2e/chromium.ts.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/e2e/chromium';

const executablePath = process.env.CHROMIUM_PATH ?? findChromium() ?? undefined;

export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: './test-results/e2e',
  // Files run side by side, tests inside a file in order: they share one demo server, and
  // each file signs in with its own users, so no test sees another's state.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Each sign-in costs a scrypt (~0.7 s on an idle machine, several seconds on a busy one).
  timeout: 60_000,
  expect: {
    timeout: 10_000,
    // Visual checks of printed pages (tests/e2e/visual/render.ts): references are committed in
    // tests/e2e/visual/references, one PNG per name, the same on every platform (the tolerance
    // absorbs anti-aliasing), not per OS as Playwright's default path would keep them.
    toHaveScreenshot: { pathTemplate: '{testDir}/visual/references/{arg}{ext}' },
  },
  // A missing or different reference fails and writes nothing: references are written only on
  // purpose, with --update-snapshots (see tests/e2e/visual/render.ts), and reviewed before commit.
  updateSnapshots: 'none',
  // The JSON report feeds the one-line total that npm test prints last (tests/summary.ts).
  reporter: [['list'], ['json', { outputFile: './test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
});
