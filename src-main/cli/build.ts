// npm run build: the renderer (Vite) into dist/renderer and the Electron main + preload
// (esbuild) into dist/electron with the migrations copied beside the bundle.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { migrationsFolder, rendererDist, repoRoot } from './paths';

export async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when dist is missing or older than its sources (src-renderer, src-shared). */
export async function ensureRendererBuilt(): Promise<void> {
  const index = join(rendererDist, 'index.html');
  const sources = Math.max(newestMtime(join(repoRoot, 'src-renderer')), newestMtime(join(repoRoot, 'src-shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('zhurnal: building the interface…');
  await buildRenderer();
}

export async function buildElectron(): Promise<void> {
  const out = join(repoRoot, 'dist/electron');
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node20',
    sourcemap: true,
    // Native and Electron modules load at run time, never bundled.
    // pdfkit reads its data files from its own folder at run time, so it stays a module too.
    external: ['electron', 'better-sqlite3', 'pdfkit'],
    logLevel: 'warning' as const,
    // import.meta.url is empty in a CJS bundle; give modules that use it the bundle's own URL.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
  await esbuild({ ...common, entryPoints: [join(repoRoot, 'src-main/hosts/electron/main.ts')], outfile: join(out, 'main.cjs') });
  await esbuild({ ...common, entryPoints: [join(repoRoot, 'src-main/hosts/electron/preload.ts')], outfile: join(out, 'preload.cjs') });
  // The demo generator: its own bundle, loaded by main only in a development run and left out
  // of the installer (electron-builder.yml), so a school's app carries no demo school.
  await esbuild({ ...common, entryPoints: [join(repoRoot, 'src-main/demo/create.ts')], outfile: join(out, 'demo.cjs') });
  cpSync(migrationsFolder, join(out, 'migrations'), { recursive: true });
}

const isMain = process.argv[1]?.replace(/\\/g, '/').endsWith('src-main/cli/build.ts');
if (isMain) {
  const t0 = Date.now();
  await buildRenderer();
  await buildElectron();
  console.log(`zhurnal: built in ${Date.now() - t0} ms`);
}
