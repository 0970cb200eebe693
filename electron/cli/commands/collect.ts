import type { Command } from 'commander';
import { notImplemented } from '../cli-error.js';
import type { CliIo } from '../io.js';

export function registerCollect(program: Command, _io: CliIo): void {
  program
    .command('collect')
    .description('run every check on this Windows machine and write the support bundle (Windows only)')
    .option('--role <role>', 'auto, host or client', 'auto')
    .option('--out <file.zip>', 'where to write the bundle')
    .option('--redact', 'replace machine names, addresses and CMIDs with stable pseudonyms')
    .option('--days <n>', 'event window in days', '30')
    .option('--json', 'print the result as JSON')
    .action(() => notImplemented('collect', 'the collectors and bundle issue (#6)'));
}
