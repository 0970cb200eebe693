#!/usr/bin/env node
// `npm test`: the preflight, then the build beside the type check and lint, then vitest while those two
// finish. The type check and lint are single-threaded and need no build: run one after the other before
// vitest they left a core idle for half a minute. Their output is held back and printed after vitest's,
// each under its own heading, and the last line says which phase failed. Arguments go to vitest
// (`npm test -- test/shared`). The phases are the package.json scripts of the same names.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** `npm run <script>` through the npm that started us (npm_execpath), so Windows needs no shell. */
function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  const runArgs = ['run', '--silent', script];
  if (npmCli !== undefined && npmCli.endsWith('.js')) return [process.execPath, [npmCli, ...runArgs]];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', runArgs];
}

/** Runs a phase (an npm script, or a command line); `held` keeps its output for later instead of writing it now. */
function phase(name, script, { held = false } = {}) {
  const [command, commandArgs] = typeof script === 'string' ? npmRun(script) : script;
  const started = Date.now();
  const output = [];
  const child = spawn(command, commandArgs, { stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: command.endsWith('.cmd') });
  if (held) {
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
  }
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ name, code: 1, seconds: 0, output: Buffer.from(`${error.message}\n`) }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? (signal === null ? 1 : 128), seconds: (Date.now() - started) / 1000, output: Buffer.concat(output) }));
  });
}

const report = (result) => `${result.name}: ${result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`} in ${result.seconds.toFixed(1)} s`;

const preflight = await phase('preflight', [process.execPath, [path.join(import.meta.dirname, 'preflight.mjs')]]);
if (preflight.code !== 0) process.exit(preflight.code);

const checks = [phase('typecheck', 'typecheck', { held: true }), phase('lint', 'lint', { held: true })];
const build = await phase('build', 'build');
if (build.code !== 0) {
  for (const result of await Promise.all(checks)) if (result.code !== 0) process.stdout.write(result.output);
  console.error(report(build));
  process.exit(build.code);
}
const vitest = await phase('vitest', [process.execPath, [vitestBin, 'run', ...process.argv.slice(2)]]);
const results = await Promise.all(checks);
for (const result of results) {
  process.stdout.write(`\n${report(result)}\n`);
  if (result.code !== 0 || result.output.length > 0) process.stdout.write(result.output);
}
const failed = [...results, vitest].filter((result) => result.code !== 0);
console.log(failed.length === 0 ? `\nnpm test: build, typecheck, lint and vitest passed` : `\nnpm test FAILED: ${failed.map((result) => result.name).join(', ')} (output above)`);
process.exit(failed.length === 0 ? 0 : 1);
