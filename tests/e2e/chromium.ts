// Finds a Chromium for Playwright without downloading one (DESIGN.md §8, STACK.md):
// an env variable, Debian's package, or a browser Playwright cached earlier.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

function playwrightCached(): string[] {
  const roots = [process.env.PLAYWRIGHT_BROWSERS_PATH, join(homedir(), '.cache', 'ms-playwright')].filter(
    (r): r is string => !!r && r !== '0' && existsSync(r),
  );
  const found: string[] = [];
  for (const root of roots) {
    // Newest first: chromium-1200 before chromium-1100.
    const dirs = readdirSync(root)
      .filter((d) => d.startsWith('chromium'))
      .sort()
      .reverse();
    for (const d of dirs)
      for (const rel of [
        'chrome-linux64/chrome',
        'chrome-linux/chrome',
        'chrome-linux/headless_shell',
        'chrome-headless-shell-linux64/chrome-headless-shell',
      ])
        found.push(join(root, d, rel));
  }
  return found;
}

export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    ...playwrightCached(),
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}

/** Flags that keep a headless Chromium quiet and working as root in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
