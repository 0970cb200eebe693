import type { Command } from 'commander';
import { notImplemented } from '../cli-error.js';
import type { CliIo } from '../io.js';

export function registerBundle(program: Command, _io: CliIo): void {
  program
    .command('bundle')
    .description('re-package a bundle or a loose folder into a support zip, optionally redacted')
    .argument('<path>', 'bundle.zip, bundle directory or loose folder')
    .requiredOption('--out <file.zip>', 'where to write the zip')
    .option('--redact', 'replace identifiers with stable pseudonyms')
    .action(() => notImplemented('bundle', 'the collectors and bundle issue (#6)'));

  const history = program.command('history').description('past runs kept in the local database');
  history
    .command('list', { isDefault: true })
    .description('list past runs')
    .option('--json', 'print one JSON document')
    .action(() => notImplemented('history', 'the collectors and bundle issue (#6)'));
  history
    .command('show')
    .argument('<id>', 'run id')
    .description('show one run')
    .option('--json', 'print one JSON document')
    .action(() => notImplemented('history show', 'the collectors and bundle issue (#6)'));
  history
    .command('export')
    .argument('<id>', 'run id')
    .requiredOption('--out <file.zip>', 'where to write the zip')
    .description('export a past run as a bundle')
    .action(() => notImplemented('history export', 'the collectors and bundle issue (#6)'));
}
