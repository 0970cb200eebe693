// `npm start`: opens the desktop app where the Electron binary is installed (Windows); elsewhere it says
// so in one line and serves the browser preview instead (the real services replaying a sample machine),
// never crashing on the missing binary. `npm run preview [-- --machine NAME --port N]` always previews.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const previewOnly = args.includes('--preview');
const previewArgs = args.filter((arg) => arg !== '--preview');

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

const buildStatus = await run(process.execPath, ['scripts/build-node.mjs']);
if (buildStatus !== 0) process.exit(buildStatus);
const rendererStatus = await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
if (rendererStatus !== 0) process.exit(rendererStatus);

const binary = previewOnly ? null : electronBinary();
if (binary !== null) process.exit(await run(binary, ['.']));
if (!previewOnly) console.log('The Electron binary is not installed on this machine, so the desktop app cannot open here; serving the browser preview instead.');

// The preview server: Node, ESM, dependencies from node_modules (better-sqlite3 is a native addon).
await build({
  entryPoints: ['electron/preview/main.ts'],
  outfile: 'out/preview/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  define: { __KMS_DOCTOR_VERSION__: JSON.stringify(require('../package.json').version) },
});
process.exit(await run(process.execPath, ['--enable-source-maps', 'out/preview/index.js', ...previewArgs]));
