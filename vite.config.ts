// The renderer build: src-renderer -> dist/renderer, loaded by both hosts (Electron file:// and
// the local HTTP host), hence relative asset paths (base './').
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The CSP forbids inline scripts; Vite emits only external module scripts, and no
    // asset is inlined as a data: script either.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
  server: { strictPort: false },
});
