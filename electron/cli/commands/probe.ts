import type { Command } from 'commander';
import { notImplemented } from '../cli-error.js';
import type { CliIo } from '../io.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerProbe(program: Command, _io: CliIo): void {
  program
    .command('probe')
    .description('find the KMS host the way a client does: SRV per domain and DNS server, TCP, KMS RPC bind')
    .option('--domain <domain>', 'DNS domain to query _vlmcs._tcp in (repeatable)', collect, [])
    .option('--host <host[:port]>', 'KMS host to test directly (repeatable)', collect, [])
    .option('--dns-server <ip[:port]>', 'DNS server to ask (repeatable)', collect, [])
    .option('--system-resolver', "also ask the operating system's resolver")
    .option('--timeout <ms>', 'per-probe timeout in milliseconds', '3000')
    .option('--json', 'print the probe document as JSON')
    .action(() => notImplemented('probe', 'the network probes issue (#4)'));
}
