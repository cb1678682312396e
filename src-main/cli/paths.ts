// Where the source tree keeps things, for the command-line entry points (run with tsx).
// The Electron bundle resolves its own copies relative to itself instead.
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const migrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));
export const resourcesDir = fileURLToPath(new URL('../../resources', import.meta.url));
export const rendererDist = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

/** Tiny flag parser: --db FILE --port 8080 --big → { db: 'FILE', port: '8080', big: true }. */
export function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[a.slice(2)] = next;
      i++;
    } else out[a.slice(2)] = true;
  }
  return out;
}
