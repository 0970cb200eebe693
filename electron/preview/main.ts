import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import type { HistoryStore } from '../store/history-store.js';
import { createPreviewHandlers, listSampleMachines } from './preview-services.js';
import { startPreviewServer } from './preview-server.js';

// Bundled to out/preview/index.js: the repository is two levels up.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `npm run preview`: serves the built renderer over the real services replaying a sample machine. */
async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('kms-doctor-preview')
    .description('Browser preview of KMS Doctor over a recorded machine (replay collectors, real history, real bundles).')
    .option('--port <port>', 'port on 127.0.0.1', '5174')
    .option('--machine <name>', 'sample under samples/ (or a bundle directory) that plays "this machine"', 'client-no-srv')
    .option('--data <dir>', 'where the preview keeps its history, uploads and exports', path.join(tmpdir(), 'kms-doctor-preview'))
    .option('--no-samples', 'do not put the other sample machines in the history')
    .exitOverride()
    .configureOutput({ writeOut: (text) => process.stdout.write(text), writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' ? 0 : 2;
    throw error;
  }
  const options = program.opts<{ port: string; machine: string; data: string; samples: boolean }>();
  const port = Number(options.port);
  if (!/^\d+$/.test(options.port) || port > 65535) {
    process.stderr.write(`kms-doctor-preview: --port must be 0-65535, not ${options.port}\n`);
    return 2;
  }
  const samples = path.join(repo, 'samples');
  const machineDir = /[\\/]/.test(options.machine) ? path.resolve(options.machine) : path.join(samples, options.machine);
  let store: HistoryStore | undefined;
  try {
    const server = await startPreviewServer({
      rendererDir: path.join(repo, 'out', 'renderer'),
      port,
      handlers: async (hooks) => {
        const seed = options.samples ? (await listSampleMachines(samples).catch(() => [])).map((name) => path.join(samples, name)) : [];
        const made = await createPreviewHandlers({ machineDir, dataDir: path.resolve(options.data), seed }, hooks);
        store = made.store;
        return made.handlers;
      },
    });
    const others = (await listSampleMachines(samples).catch(() => [])).filter((name) => name !== path.basename(machineDir));
    process.stdout.write(`KMS Doctor preview on ${server.url} replaying ${path.basename(machineDir)} (--machine NAME for another: ${others.join(', ')}); every sample is in History; Ctrl+C stops it.\n`);
    const stop = () => {
      void server.close().then(() => {
        store?.close();
        process.exit(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return await new Promise<number>(() => undefined);
  } catch (error) {
    store?.close();
    process.stderr.write(`kms-doctor-preview: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
