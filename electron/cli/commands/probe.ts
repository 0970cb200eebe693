import type { Command } from 'commander';
import { domainToASCII } from 'node:url';
import { buildDiscoveryPlan } from '../../../shared/probe/discovery-plan.js';
import { formatProbePaths } from '../../../shared/probe/format-path.js';
import { checkDnsServer, checkDomain, checkHostPort, KMS_DEFAULT_PORT, quoteInput, type Checked } from '../../../shared/probe/target.js';
import { runProbes } from '../../probe/run-probes.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export interface ProbeCommandOptions {
  readonly domain: readonly string[];
  readonly host: readonly string[];
  readonly dnsServer: readonly string[];
  readonly systemResolver?: boolean;
  readonly timeout: string;
  readonly json?: boolean;
}

const MAX_TIMEOUT_MS = 60_000;

/** Refuses the first invalid value with a one-line reason, before anything is sent anywhere. */
function validate(options: ProbeCommandOptions): number {
  const refuse = (flag: string, value: string, checked: Checked<unknown>): void => {
    if (!checked.ok) throw new CliError(`kms-doctor probe: ${flag} ${quoteInput(value)} refused: ${checked.reason}`, 1);
  };
  for (const domain of options.domain) refuse('--domain', domain, checkDomain(domain, domainToASCII));
  for (const host of options.host) refuse('--host', host, checkHostPort(host, KMS_DEFAULT_PORT, domainToASCII));
  for (const server of options.dnsServer) refuse('--dns-server', server, checkDnsServer(server));
  const timeout = /^\d{1,6}$/.test(options.timeout) ? Number(options.timeout) : Number.NaN;
  if (!(timeout >= 1 && timeout <= MAX_TIMEOUT_MS)) {
    throw new CliError(`kms-doctor probe: --timeout ${quoteInput(options.timeout)} refused: give milliseconds from 1 to ${MAX_TIMEOUT_MS}`, 1);
  }
  if (options.domain.length === 0 && options.host.length === 0) {
    throw new CliError('kms-doctor probe: nothing to probe: give at least one --domain or --host', 2);
  }
  return timeout;
}

/**
 * `kms-doctor probe`: validates every value, builds the discovery plan, runs the probes and prints the
 * paths with a verdict per hop (or the probe document with --json). Exit 0 when the run completed,
 * whatever it found.
 */
export async function runProbeCommand(options: ProbeCommandOptions, io: CliIo): Promise<void> {
  const timeoutMs = validate(options);
  const plan = buildDiscoveryPlan({
    domains: options.domain,
    hosts: options.host,
    dnsServers: options.dnsServer,
    systemResolver: options.systemResolver === true,
    toAscii: domainToASCII,
  });
  const [rejected] = plan.rejected;
  if (rejected !== undefined) throw new CliError(`kms-doctor probe: ${rejected.what} ${quoteInput(rejected.value)} refused: ${rejected.reason}`, 1);
  const doc = await runProbes(plan, { timeoutMs });
  io.stdout(options.json === true ? `${JSON.stringify(doc, null, 2)}\n` : formatProbePaths(doc));
}

/** Registers `kms-doctor probe` and its options on the program. */
export function registerProbe(program: Command, io: CliIo): void {
  program
    .command('probe')
    .description('find the KMS host the way a client does: SRV per domain and DNS server, TCP, KMS RPC bind')
    .option('--domain <domain>', 'DNS domain to query _vlmcs._tcp in (repeatable)', collect, [])
    .option('--host <host[:port]>', 'KMS host to test directly (repeatable; [v6]:port for IPv6)', collect, [])
    .option('--dns-server <ip[:port]>', 'DNS server to ask (repeatable); without one, the system resolver is asked', collect, [])
    .option('--system-resolver', "also ask the operating system's resolver")
    .option('--timeout <ms>', 'per-probe timeout in milliseconds', '3000')
    .option('--json', 'print the probe document as JSON')
    .action((options: ProbeCommandOptions) => runProbeCommand(options, io));
}
