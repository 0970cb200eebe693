import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerParseEvents } from './parse-events.js';
import { registerParseSlmgr } from './parse-slmgr.js';

export function registerParse(program: Command, io: CliIo): void {
  const parse = program.command('parse').description('parse captured evidence (slmgr text, event XML) into JSON');
  registerParseSlmgr(parse, io);
  registerParseEvents(parse, io);
}
