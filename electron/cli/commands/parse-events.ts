import { once } from 'node:events';
import { open, stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import type { Command } from 'commander';
import { looksLikeEventXml, parseEventsAuto } from '../../../shared/parse/events/index.js';
import type { KmsEvent } from '../../../shared/parse/types.js';
import { EvtxFormatError, isEvtx, type EvtxReadSummary } from '../../../shared/parse/evtx/index.js';
import { EventFileError, sniffEncoding, streamEventsFile } from '../../evidence/event-file.js';
import { streamEvtxFile } from '../../evidence/evtx-file.js';
import { CliError } from '../cli-error.js';
import { processIo, type CliIo } from '../io.js';

// Pasted text is read whole; anything this large is not a paste (event XML streams at any size).
const MAX_TEXT_BYTES = 64 * 1024 * 1024;
// Human output lists events one per line up to this many, then only the summary.
const MAX_LISTED = 50;
const MAX_LISTED_UNRECOGNIZED = 20;

const EVENT_NAMES: Readonly<Record<number, string>> = {
  12288: 'client activation request sent',
  12289: 'client activation response processed',
  12290: 'host: activation request processed',
  12293: 'host: DNS publishing failed',
  12294: 'host: DNS publishing succeeded',
  8198: 'client: license activation failed',
  12308: 'client: AD-based activation succeeded',
  1003: 'licensing status check',
};

interface Totals {
  events: number;
  readonly byId: Map<number, number>;
  readonly hresults: Map<string, number>;
  readonly clients: Set<string>;
  readonly cmids: Set<string>;
  first: string | null;
  last: string | null;
  readonly listed: KmsEvent[];
}

function countEvent(totals: Totals, event: KmsEvent): void {
  totals.events++;
  totals.byId.set(event.eventId, (totals.byId.get(event.eventId) ?? 0) + 1);
  if (event.hresult !== undefined) totals.hresults.set(event.hresult, (totals.hresults.get(event.hresult) ?? 0) + 1);
  if (event.eventId === 12290) {
    if (event.clientName !== undefined) totals.clients.add(event.clientName.toLowerCase());
    if (event.cmid !== undefined) totals.cmids.add(event.cmid.toLowerCase());
  }
  const when = event.timeCreated ?? event.clientTime;
  if (when !== null && when !== undefined) {
    if (totals.first === null || when < totals.first) totals.first = when;
    if (totals.last === null || when > totals.last) totals.last = when;
  }
  if (totals.listed.length < MAX_LISTED) totals.listed.push(event);
}

function eventLine(e: KmsEvent): string {
  const parts: string[] = [e.timeCreated ?? e.timeCreatedLocal ?? e.clientTime ?? '(no time)', String(e.eventId)];
  if (e.hresult !== undefined) parts.push(e.hresult);
  if (e.clientName !== undefined) parts.push(`client ${e.clientName}`);
  if (e.kmsHost !== undefined) parts.push(`host ${e.kmsHost}${e.kmsPort === undefined ? '' : `:${e.kmsPort}`}`);
  if (e.cmid !== undefined) parts.push(`cmid ${e.cmid}`);
  if (e.minimumCount !== undefined) parts.push(`min ${e.minimumCount}`);
  if (e.currentCount !== undefined) parts.push(`count ${e.currentCount}`);
  if (e.activated !== undefined) parts.push(e.activated ? 'activated' : 'not activated');
  if (e.dnsDomain !== undefined) parts.push(`domain ${e.dnsDomain}`);
  if (e.isVm === true) parts.push('VM');
  return `  ${parts.join('  ')}`;
}

function humanSummary(file: string, format: string, encoding: string, totals: Totals, unrecognized: readonly string[], unrecognizedTitle = 'not understood'): string {
  const out: string[] = [`${file}: ${totals.events} event${totals.events === 1 ? '' : 's'} (${format}, ${encoding})`];
  for (const [id, n] of [...totals.byId].sort((a, b) => b[1] - a[1])) out.push(`  ${id} × ${n}  ${EVENT_NAMES[id] ?? '(not a KMS event id this tool names; raw data kept)'}`);
  if (totals.first !== null) out.push(`  from ${totals.first} to ${totals.last ?? totals.first}`);
  if (totals.byId.has(12290)) out.push(`  12290: ${totals.clients.size} client names, ${totals.cmids.size} distinct CMIDs`);
  const failures = [...totals.hresults].filter(([h]) => !/^0x0+$/i.test(h));
  if (failures.length > 0) out.push(`  error codes: ${failures.sort((a, b) => b[1] - a[1]).map(([h, n]) => `${h} × ${n}`).join(', ')}`);
  if (totals.events <= MAX_LISTED) {
    out.push('events:');
    out.push(...totals.listed.map(eventLine));
  } else {
    out.push(`(${totals.events} events: use --json for all of them)`);
  }
  if (unrecognized.length > 0) {
    out.push(`${unrecognizedTitle} (${unrecognized.length}):`);
    out.push(...unrecognized.slice(0, MAX_LISTED_UNRECOGNIZED).map((u) => `  ${u}`));
    if (unrecognized.length > MAX_LISTED_UNRECOGNIZED) out.push(`  … ${unrecognized.length - MAX_LISTED_UNRECOGNIZED} more (see --json)`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Writes the JSON array of parsed events (DESIGN.md §5 "Parsed events") incrementally, so a 500 MB
 * event file never becomes one string.
 */
class JsonEventWriter {
  private pending = '';
  private started = false;
  constructor(private readonly io: CliIo) {}

  event(e: KmsEvent): void {
    this.pending += `${this.started ? ',\n' : '[\n'}${JSON.stringify(e)}`;
    this.started = true;
    if (this.pending.length >= 1 << 16) this.flush();
  }

  finish(): void {
    this.pending += this.started ? '\n]\n' : '[]\n';
    this.flush();
  }

  private flush(): void {
    this.io.stdout(this.pending);
    this.pending = '';
  }
}

/** What could not be read, on stderr: the JSON on stdout is the events array alone, nothing is dropped silently. */
function unrecognizedNote(file: string, unrecognized: readonly string[], title = 'not understood'): string {
  const lines = [`kms-doctor parse events: ${file}: ${unrecognized.length} part${unrecognized.length === 1 ? '' : 's'} ${title}:`];
  lines.push(...unrecognized.slice(0, MAX_LISTED_UNRECOGNIZED).map((u) => `  ${u}`));
  if (unrecognized.length > MAX_LISTED_UNRECOGNIZED) lines.push(`  … ${unrecognized.length - MAX_LISTED_UNRECOGNIZED} more`);
  return `${lines.join('\n')}\n`;
}

const reason = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unreadable';
};

/** NUL and the C0 controls other than tab, line feed, vertical tab, form feed, carriage return: a binary file. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32)) return true;
  }
  return false;
}

/**
 * With --json on the real stdout, reading waits while stdout's buffer is full (a slow pipe reader), so
 * memory stays bounded; a closed stdout (the reader went away) ends the run with one line.
 */
function stdoutBackpressure(io: CliIo): (() => Promise<void>) | undefined {
  if (io !== processIo) return undefined;
  let failure: string | null = null;
  process.stdout.once('error', (error: NodeJS.ErrnoException) => {
    failure = error.code ?? error.message;
  });
  return async () => {
    if (failure === null && process.stdout.writableNeedDrain) {
      // Whichever comes first; the abort then removes the other listener.
      const done = new AbortController();
      const wait = (name: string): Promise<unknown> => once(process.stdout, name, { signal: done.signal }).catch(() => undefined);
      await Promise.race([wait('drain'), wait('close')]);
      done.abort();
    }
    if (failure !== null || process.stdout.destroyed) throw new CliError(`kms-doctor parse events: stdout closed (${failure ?? 'destroyed'})`, 1);
  };
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * `kms-doctor parse events <file>`: event XML (streamed, any size) or pasted Event Viewer / PowerShell
 * text → a readable summary, or with --json the JSON array of parsed events (DESIGN.md §5); parts not
 * understood are listed on stderr then.
 */
export async function parseEventsCommand(file: string, options: { json?: boolean }, io: CliIo): Promise<void> {
  const fail = (why: string): never => {
    throw new CliError(`kms-doctor parse events: ${file}: ${why}`, 1);
  };
  let size = 0;
  try {
    const info = await stat(file);
    if (info.isDirectory()) fail('is a directory');
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    fail(reason(error));
  }
  if (size === 0) fail('the file is empty');
  const totals: Totals = { events: 0, byId: new Map(), hresults: new Map(), clients: new Set(), cmids: new Set(), first: null, last: null, listed: [] };
  const json = options.json === true ? new JsonEventWriter(io) : null;
  const onEvent = (event: KmsEvent): void => {
    countEvent(totals, event);
    json?.event(event);
  };

  let head: Uint8Array = new Uint8Array(0);
  try {
    head = await readHead(file);
  } catch (error) {
    fail(reason(error));
  }
  if (isEvtx(head)) {
    await parseEvtxFile(file, totals, json, onEvent, io, fail);
    return;
  }
  const { encoding, bom } = sniffEncoding(head);
  const headText = new TextDecoder(encoding).decode(head.subarray(0, head.length - (head.length % 4)));
  if (hasControlCharacters(headText.slice(0, 512)) && !looksLikeEventXml(headText)) {
    // Control characters in the first bytes: a binary file (a zip, an image), not text.
    fail('a binary file, not an .evtx log, event XML or text');
  }

  let format: 'xml' | 'text';
  let unrecognized: readonly string[] = [];
  if (looksLikeEventXml(headText)) {
    format = 'xml';
    try {
      // With --json, events are written as they are read: a read error mid-way leaves a cut document
      // on stdout, and exit 1 with the reason on stderr says so.
      const summary = await streamEventsFile(file, onEvent, { afterChunk: json === null ? undefined : stdoutBackpressure(io) });
      unrecognized = summary.unrecognized;
    } catch (error) {
      if (error instanceof CliError) throw error;
      if (error instanceof EventFileError) fail(error.message);
      fail(reason(error));
    }
  } else {
    format = 'text';
    if (size > MAX_TEXT_BYTES) fail(`${(size / 1e6).toFixed(0)} MB of text is not pasted event text (event XML is read at any size)`);
    let bytes: Uint8Array = new Uint8Array(0);
    try {
      const handle = await open(file, 'r');
      try {
        bytes = new Uint8Array(size);
        const { bytesRead } = await handle.read(bytes, 0, size, 0);
        bytes = bytes.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (error) {
      fail(reason(error));
    }
    // Event Viewer text, Get-WinEvent list/table output, or a JSON / CSV export of events.
    const result = parseEventsAuto(new TextDecoder(encoding).decode(bytes));
    for (const event of result.events) onEvent(event);
    unrecognized = result.unrecognized;
  }

  const encodingLabel = `${encoding}${bom ? ' with BOM' : ''}`;
  if (totals.events === 0) {
    const first = unrecognized[0];
    fail(`no KMS events found${first === undefined ? '' : ` (${unrecognized.length} part${unrecognized.length === 1 ? '' : 's'} not understood, first: ${first})`}`);
  }
  if (json !== null) {
    json.finish();
    if (unrecognized.length > 0) io.stderr(unrecognizedNote(file, unrecognized));
  } else {
    io.stdout(humanSummary(file, format, encodingLabel, totals, unrecognized));
  }
}

/**
 * An .evtx log: every record in file order (read natively, any size, any OS). What was damaged or
 * skipped goes with the summary, or to stderr with --json.
 */
async function parseEvtxFile(file: string, totals: Totals, json: JsonEventWriter | null, onEvent: (event: KmsEvent) => void, io: CliIo, fail: (why: string) => never): Promise<void> {
  let summary: EvtxReadSummary | null = null;
  try {
    summary = await streamEvtxFile(file, { onEvent, afterChunk: json === null ? undefined : stdoutBackpressure(io) });
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof EvtxFormatError) fail(error.message);
    fail(reason(error));
  }
  if (summary === null) return;
  const what = `${summary.records} record${summary.records === 1 ? '' : 's'} in ${summary.chunksRead} chunk${summary.chunksRead === 1 ? '' : 's'}${summary.chunksSkipped === 0 ? '' : `, ${summary.chunksSkipped} skipped`}`;
  if (totals.events === 0) fail(`no events read (${what}${summary.remarks[0] === undefined ? '' : `; first problem: ${summary.remarks[0]}`})`);
  if (json !== null) {
    json.finish();
    if (summary.remarks.length > 0) io.stderr(unrecognizedNote(file, summary.remarks, 'damaged or skipped'));
  } else {
    io.stdout(humanSummary(file, '.evtx', what, totals, summary.remarks, 'damaged or skipped'));
  }
}

/** Registers `parse events` on the `parse` command. */
export function registerParseEvents(parse: Command, io: CliIo): void {
  parse
    .command('events')
    .description('parse an .evtx log, KMS event XML (Get-WinEvent ToXml, wevtutil /f:xml, <Events>) or pasted Event Viewer text into JSON')
    .argument('<file>', 'the event file: .evtx, or text in UTF-8 or UTF-16 with or without BOM')
    .option('--json', 'print the parsed events as one JSON array (parts not understood go to stderr)')
    .action((file: string, options: { json?: boolean }) => parseEventsCommand(file, options, io));
}
