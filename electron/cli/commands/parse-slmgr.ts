import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { lookupChannel, type ChannelKind } from '../../../shared/kms/channels.js';
import { lookupErrorCode } from '../../../shared/kms/error-codes.js';
import { countKnownLabels, type SlmgrLabelSet } from '../../../shared/kms/slmgr-labels.js';
import { CimParseError, parseCimLicensing } from '../../../shared/parse/cim.js';
import { decodeText } from '../../collect/decode-text.js';
import { parseSlmgrIni } from '../../../shared/parse/slmgr-ini.js';
import { parseEventsAuto } from '../../../shared/parse/events/index.js';
import { parseSlmgrText } from '../../../shared/parse/slmgr.js';
import { describeUnusableText, looksBinary } from '../../../shared/parse/text-shape.js';
import type { SlmgrProduct, SlmgrReport } from '../../../shared/parse/types.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';

// slmgr /dlv all of a busy machine is a few hundred kilobytes; anything this big is not slmgr output.
const MAX_BYTES = 32 * 1024 * 1024;
const COMMAND = 'kms-doctor parse slmgr';
// The summary is for reading; --json keeps every unrecognised line in full.
const SUMMARY_UNRECOGNIZED = 50;

interface ParseSlmgrOptions {
  readonly ini?: string;
  readonly json?: boolean;
}

/** Reads a file for the command, turning every file-system failure into a one-line CliError. */
async function readInput(file: string, what: string): Promise<Uint8Array> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new CliError(`${COMMAND}: ${what} ${file} is a directory, not a file`);
    if (info.size > MAX_BYTES) throw new CliError(`${COMMAND}: ${what} ${file} is ${Math.round(info.size / 1048576)} MB: too large to be slmgr output`);
    return await readFile(file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'unreadable');
    throw new CliError(`${COMMAND}: cannot read ${what} ${file}: ${reason}`);
  }
}

async function loadIni(file: string): Promise<SlmgrLabelSet> {
  const decoded = decodeText(await readInput(file, 'ini'));
  // slmgr opens the ini as UTF-16LE; an ANSI code page copy decodes to replacement characters here.
  if (decoded.text.includes('\uFFFD') || decoded.text.includes('\u0000')) {
    throw new CliError(`${COMMAND}: --ini ${file} is not UTF-16 (or UTF-8) text; slmgr reads slmgr.ini as UTF-16LE, so this copy was re-saved in another encoding`);
  }
  const labels = parseSlmgrIni(decoded.text);
  if (countKnownLabels(labels) === 0) throw new CliError(`${COMMAND}: --ini ${file} has no slmgr label keys (L_Msg… = "…" lines)`);
  return labels;
}

function parseInput(text: string, labels: SlmgrLabelSet | null): SlmgrReport {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  // Also take the CIM JSON the collector writes next to the slmgr text: same report, marked cim-json.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return parseCimLicensing(text);
    } catch (error) {
      if (!(error instanceof CimParseError)) throw error;
    }
  }
  return parseSlmgrText(text, { labels });
}

function isEmptyReport(report: SlmgrReport): boolean {
  return report.products.length === 0 && report.activation.length === 0 && (report.errors?.length ?? 0) === 0 && report.serviceVersion === null;
}

function wrongTypeHint(text: string): string {
  if (/<Event[\s>]/.test(text) || /^\s*Log Name:/m.test(text)) return '; it looks like Windows event data: use `kms-doctor parse events`';
  if (/^\s*<\?xml|^\s*</.test(text)) return '; it looks like XML, not slmgr text';
  return '';
}

const KIND_WORDS: Readonly<Record<ChannelKind, string>> = {
  kmsClient: 'KMS client',
  kmsHost: 'KMS host',
  mak: 'MAK',
  retail: 'retail',
  oem: 'OEM',
  timebased: 'time-based',
  avma: 'AVMA',
  other: 'unknown channel',
};

const yesNo = (value: boolean | null, yes: string, no: string): string => (value === null ? 'unknown' : value ? yes : no);
const orDash = (value: string | number | null): string => (value === null ? '—' : String(value));

function describeCode(hresult: string | null): string {
  if (hresult === null) return '';
  const info = lookupErrorCode(hresult);
  return info.known && info.name !== null ? `${hresult} (${info.name})` : hresult;
}

function productLines(product: SlmgrProduct, index: number): string[] {
  const lines = [`Product ${index + 1}: ${product.name ?? '(no name line)'}`];
  if (product.channel !== null) lines.push(`  Channel: ${product.channel} (${KIND_WORDS[lookupChannel(product.channel).kind]})`);
  if (product.activationId !== null) lines.push(`  Activation ID: ${product.activationId}`);
  if (product.productKeyChannel !== null) lines.push(`  Product key channel: ${product.productKeyChannel}`);
  if (product.partialProductKey !== null) lines.push(`  Partial product key: ${product.partialProductKey}`);
  let status = `  License status: ${product.licenseStatus ?? 'not shown'}`;
  if (product.notificationReason !== null) status += `, reason ${describeCode(product.notificationReason)}`;
  if (product.remainingMinutes !== null) status += `, ${product.remainingMinutes} minutes left (${Math.ceil(product.remainingMinutes / 1440)} days)`;
  lines.push(status);
  if (product.configuredActivationType !== undefined) lines.push(`  Configured activation type: ${product.configuredActivationType}`);
  const client = product.kmsClient;
  if (client !== null) {
    lines.push(`  KMS client: CMID ${orDash(client.cmid)}`);
    if (client.registeredKmsMachine !== null) lines.push(`    Registered KMS host (/skms): ${client.registeredKmsMachine.name}:${orDash(client.registeredKmsMachine.port)}`);
    if (client.kmsMachineFromDns !== null) lines.push(`    KMS host from DNS: ${client.kmsMachineFromDns.name}:${orDash(client.kmsMachineFromDns.port)}`);
    if (client.registeredKmsMachine === null && client.kmsMachineFromDns === null) lines.push('    KMS host: none found');
    if (client.registeredLookupDomain !== null) lines.push(`    SRV lookup domain: ${client.registeredLookupDomain}`);
    if (client.kmsMachineIp !== null) lines.push(`    KMS host IP: ${client.kmsMachineIp}`);
    lines.push(`    Intervals: activation ${orDash(client.activationIntervalMinutes)} min, renewal ${orDash(client.renewalIntervalMinutes)} min; host caching ${yesNo(client.hostCaching, 'enabled', 'disabled')}`);
  }
  const host = product.kmsHost;
  if (host !== null) {
    lines.push(
      `  KMS host: current count ${orDash(host.currentCount)}, port ${orDash(host.listeningPort)}, DNS publishing ${yesNo(host.dnsPublishing, 'enabled', 'disabled')}, priority ${yesNo(host.lowPriority, 'low', 'normal')}`,
    );
    const r = host.requests;
    if (r !== null) {
      lines.push(
        `    Requests: total ${orDash(r.total)}, failed ${orDash(r.failed)}, unlicensed ${orDash(r.unlicensed)}, licensed ${orDash(r.licensed)}, initial grace ${orDash(r.initialGrace)}, expired/out of tolerance ${orDash(r.expiredOrHwOutOfTolerance)}, non-genuine ${orDash(r.nonGenuineGrace)}, notification ${orDash(r.notification)}`,
      );
    }
  }
  return lines;
}

/** The human-readable summary of a report (the default output). */
export function formatSlmgrSummary(report: SlmgrReport, file: string, encoding: string, ini?: { file: string; labels: SlmgrLabelSet }): string {
  const lines = [
    `${file}: ${report.source === 'cim-json' ? 'CIM licensing JSON' : 'slmgr output'} (${encoding}${report.source === 'cim-json' ? '' : `, display language ${report.displayLanguage ?? 'not identified (read by layout)'}`}), role ${report.role}, service version ${report.serviceVersion ?? 'not shown'}`,
  ];
  if (ini !== undefined) {
    const stopped = ini.labels.stoppedAtDuplicate;
    lines.push(
      `Labels: ${ini.file} (${countKnownLabels(ini.labels)} display constants${stopped === null ? '' : `; reading stopped at the duplicate key ${stopped}, as slmgr's does, so later keys print in English`})`,
    );
  }
  report.products.forEach((product, index) => lines.push(...productLines(product, index)));
  for (const attempt of report.activation) {
    const what = `${attempt.product ?? 'a product'}${attempt.activationId === null ? '' : ` (${attempt.activationId})`}`;
    lines.push(attempt.succeeded ? `Activation of ${what}: succeeded` : `Activation of ${what}: failed ${describeCode(attempt.hresult)}${attempt.message === null ? '' : ` — ${attempt.message}`}`.trimEnd());
  }
  for (const command of report.commands ?? []) lines.push(`Command /${command.command}${command.value === null ? '' : ` ${command.value}`}: ${command.succeeded ? 'succeeded' : 'failed'}`);
  for (const error of report.errors ?? []) lines.push(`Error: ${[describeCode(error.hresult), error.message].filter((part) => part !== '' && part !== null).join(' — ')}`);
  if (report.unrecognizedLines.length > 0) {
    lines.push(`Lines not recognised (${report.unrecognizedLines.length}):`);
    for (const line of report.unrecognizedLines.slice(0, SUMMARY_UNRECOGNIZED)) lines.push(`  | ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`);
    const more = report.unrecognizedLines.length - SUMMARY_UNRECOGNIZED;
    if (more > 0) lines.push(`  … and ${more} more (--json lists them all)`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerParseSlmgr(parse: Command, io: CliIo): void {
  parse
    .command('slmgr')
    .description('parse slmgr.vbs /dli, /dlv or /dlv all output (UTF-8 or UTF-16), in any display language with --ini')
    .argument('<file>', 'the slmgr output file')
    .option('--ini <file>', "slmgr.ini of the machine's display language (%SystemRoot%\\System32\\slmgr\\<LANGID>\\slmgr.ini)")
    .option('--json', 'print one JSON document')
    .action(async (file: string, options: ParseSlmgrOptions) => {
      const labels = options.ini === undefined ? null : await loadIni(options.ini);
      const bytes = await readInput(file, 'file');
      const { text, encoding } = decodeText(bytes);
      if (text.trim() === '') throw new CliError(`${COMMAND}: ${file} is empty`);
      if (looksBinary(text)) throw new CliError(`${COMMAND}: ${file} looks like binary data, not slmgr text`);
      // Event text holds label-like lines ("Description:") slmgr text has too: read it as analyze does,
      // events first, so a pasted event is not reported as a machine with an unnamed licence.
      const events = parseEventsAuto(text).events.length;
      if (events > 0) throw new CliError(`${COMMAND}: ${file} is Windows event data (${events} event${events === 1 ? '' : 's'}), not slmgr output: use \`kms-doctor parse events\``);
      const report = parseInput(text, labels);
      if (isEmptyReport(report)) {
        const hint = wrongTypeHint(text);
        throw new CliError(`${COMMAND}: no slmgr output found in ${file}: ${hint === '' ? describeUnusableText(text) : `${report.unrecognizedLines.length} lines not recognised${hint}`}`);
      }
      const ini = options.ini === undefined || labels === null ? undefined : { file: options.ini, labels };
      io.stdout(options.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatSlmgrSummary(report, file, encoding, ini));
    });
}
