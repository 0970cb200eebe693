// Bundles the Node-side entry points with esbuild: the CLI (ESM), and Electron's main and preload (CJS:
// a sandboxed preload cannot load ES modules or local files, so it must be one CommonJS file).
// esbuild: one fast, well-kept dependency that bundles TypeScript without a separate tsc emit step.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

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

// Chunk names carry content hashes: clear the old ones so out/cli holds only what this build made.
rmSync('out/cli', { recursive: true, force: true });

await Promise.all([
  build({
    ...common,
    entryPoints: { index: 'electron/cli/main.ts' },
    outdir: 'out/cli',
    // The CLI's libraries are bundled in too: resolving and loading each package from node_modules through
    // Node's module loaders cost more than reading the same code from our own chunks (commander alone
    // ~10 ms per run). Only the native addon and the Windows-only PowerShell bridge stay outside.
    packages: undefined,
    external: ['better-sqlite3', 'electron'],
    // Bundled CommonJS (commander, yazl, yauzl) calls require() for Node built-ins; give every chunk one.
    banner: { js: "import { createRequire as __kmsCreateRequire } from 'node:module';\nconst require = __kmsCreateRequire(import.meta.url);" },
    // Each subcommand is a chunk loaded on demand (see electron/cli/program.ts).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
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
