import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The renderer is built to out/renderer and loaded by Electron from disk (relative base) or served to a
// plain browser for the preview and the UI tests.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  define: { __KMS_DOCTOR_VERSION__: JSON.stringify(version) },
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
  },
});
