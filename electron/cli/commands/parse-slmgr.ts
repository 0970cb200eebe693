import type { Command } from 'commander';
import { notImplemented } from '../cli-error.js';
import type { CliIo } from '../io.js';

export function registerParseSlmgr(parse: Command, _io: CliIo): void {
  parse
    .command('slmgr')
    .description('parse slmgr.vbs /dli, /dlv or /dlv all output (UTF-8 or UTF-16)')
    .argument('<file>', 'the slmgr output file')
    .option('--ini <file>', "slmgr.ini of the machine's display language")
    .option('--json', 'print one JSON document')
    .action(() => notImplemented('parse slmgr', 'the evidence parsers issue (#3)'));
}
