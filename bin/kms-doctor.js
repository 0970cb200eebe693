#!/usr/bin/env node
// Entry point of the `kms-doctor` bin: runs the CLI bundle that `npm ci` builds (the "prepare" script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('kms-doctor: the CLI is not built yet; run `npm run build:node` (npm ci does it)\n');
  process.exit(1);
}
await import(bundle.href);
