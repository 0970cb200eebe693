// `npm start`: opens the desktop app where the Electron binary is installed (Windows); elsewhere it says
// so in one line and serves the app in the browser preview instead, never crashing on the missing binary.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

const buildStatus = await run(process.execPath, ['scripts/build-node.mjs']);
if (buildStatus !== 0) process.exit(buildStatus);
const rendererStatus = await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
if (rendererStatus !== 0) process.exit(rendererStatus);

const binary = process.argv.includes('--preview') ? null : electronBinary();
if (binary !== null) {
  process.exit(await run(binary, ['.']));
}
if (!process.argv.includes('--preview')) console.log('The Electron binary is not installed on this machine, so the desktop app cannot open here; serving the browser preview instead.');
process.exit(await run(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', '5174', '--strictPort']));
