import type { Command } from 'commander';
import { notImplemented } from '../cli-error.js';
import type { CliIo } from '../io.js';

export function registerAnalyze(program: Command, _io: CliIo): void {
  program
    .command('analyze')
    .description('diagnose a bundle zip, a bundle directory or a loose folder of evidence')
    .argument('<path>', 'bundle.zip, bundle directory or loose folder')
    .option('--lang <lang>', 'en, ja or zh-TW', 'en')
    .option('--html <file>', 'also write the self-contained HTML report')
    .option('--json', 'print one JSON document')
    .action(() => notImplemented('analyze', 'the diagnosis engine issue (#5)'));
}
