// npm run test:e2e: find (or install) Chromium, build the renderer, run Playwright.
// Extra arguments go to `playwright test` (npm run test:e2e -- tests/e2e/login.spec.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildRenderer } from '../../src-main/cli/build';
import { findChromium } from './chromium';
import { repoRoot } from './server';

function installDebianChromium(): boolean {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/etc/debian_version')) return false;
  console.log('e2e: no Chromium found; installing Debian’s chromium package…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
  return install.status === 0;
}

let chromium = findChromium();
if (!chromium && installDebianChromium()) chromium = findChromium();
if (!chromium) {
  console.error(
    'e2e: no Chromium found — install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
  process.exit(1);
}
console.log(`e2e: Chromium ${chromium}`);

const t0 = Date.now();
await buildRenderer();
console.log(`e2e: renderer built in ${Date.now() - t0} ms`);

const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
if (result.error) {
  console.error(`e2e: could not start Playwright: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
