import type { Command } from 'commander';
import { notImplemented } from '../cli-error.js';
import type { CliIo } from '../io.js';

export function registerParseEvents(parse: Command, _io: CliIo): void {
  parse
    .command('events')
    .description('parse KMS event XML or Event Viewer text into JSON')
    .argument('<file>', 'the event file')
    .option('--json', 'print one JSON document')
    .action(() => notImplemented('parse events', 'the evidence parsers issue (#3)'));
}
