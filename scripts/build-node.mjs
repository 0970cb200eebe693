// Bundles the Node-side entry points with esbuild: the CLI (ESM), and Electron's main and preload (CJS:
// a sandboxed preload cannot load ES modules or local files, so it must be one CommonJS file).
// esbuild: one fast, well-kept dependency that bundles TypeScript without a separate tsc emit step.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Native and runtime-provided modules stay external: better-sqlite3 is a .node addon, electron is the host.
  packages: 'external',
  define: { __KMS_DOCTOR_VERSION__: JSON.stringify(version) },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/cli/main.ts'],
    outfile: 'out/cli/index.js',
    format: 'esm',
  }),
  build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'out/main/index.cjs',
    format: 'cjs',
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'out/preload/index.cjs',
    format: 'cjs',
    // The sandboxed preload can require only 'electron': everything else is bundled in.
    packages: undefined,
    external: ['electron'],
  }),
]);
