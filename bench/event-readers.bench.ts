// Issue 13 item 5: which reader of an event query measures better on a real Windows machine (the Windows
// workflow runs `npm run bench event-readers` and prints these figures in its log). Three readers of the
// same XPath on the Application log, each writing event XML to a file:
//   qe          wevtutil qe <log> /q:<xpath> /f:xml /e:Events /uni:true, stdout streamed to a file (the baseline)
//   reader      PowerShell's System.Diagnostics.Eventing.Reader.EventLogReader, ReadEvent + ToXml per
//               record in a try/catch (option b of the issue; refused under Constrained Language Mode)
//   epl+ours    wevtutil epl <log> <file> /q:<xpath>, then our .evtx reader into event XML (what collect does)
// Figures: records, median wall time of 3 alternating runs, records/s, ratio to qe in the same run. Also
// the encoding wevtutil qe writes to a pipe without /uni (issue 13 item 3, measured, not assumed).
// Off Windows it says so and exits 0.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventXPath, powerShellCommand, validSystemRoot } from '../electron/collect/windows/commands.js';
import { nodeProcessRunner } from '../electron/collect/windows/process-runner.js';
import { createEventCounter } from '../electron/collect/windows/windows-collectors.js';
import { decodeText } from '../electron/collect/decode-text.js';
import { writeEvtxAsXml } from '../electron/evidence/evtx-file.js';
import { median } from './support/timed-process.js';

if (process.platform !== 'win32') {
  console.log('event-readers: [skipped: needs Windows] (the Windows workflow runs it)');
  process.exit(0);
}

const systemRoot = validSystemRoot(process.env.SystemRoot);
const wevtutil = `${systemRoot}\\System32\\wevtutil.exe`;
const timeoutMs = 600_000;
const runs = 3;

/** The queries measured: every Application record of the last 30 days, and collect's own SPP query. */
const queries = [
  { name: 'Application, all records, 30 days', log: 'Application', xpath: '*[System[TimeCreated[timediff(@SystemTime) <= 2592000000]]]' },
  {
    name: 'Application, collect\'s SPP query',
    log: 'Application',
    xpath: eventXPath({ logName: 'Application', ids: [12288, 12289, 8198, 12308, 1003], provider: 'Microsoft-Windows-Security-SPP' }, 30),
  },
];

interface Measured {
  readonly records: number;
  readonly ms: number;
  readonly skipped: number;
}

async function qe(log: string, xpath: string, out: string, extra: readonly string[] = ['/uni:true']): Promise<Measured> {
  const counter = createEventCounter();
  const started = performance.now();
  const result = await nodeProcessRunner.run(wevtutil, ['qe', log, `/q:${xpath}`, '/f:xml', '/e:Events', ...extra], { timeoutMs, stdoutFile: out, onStdout: (chunk) => counter.push(chunk) });
  const ms = performance.now() - started;
  if (result.exitCode !== 0) throw new Error(`wevtutil qe exited ${result.exitCode}: ${result.stderr.toString('utf16le').slice(0, 200)}`);
  return { records: counter.count, ms, skipped: 0 };
}

/** The script is fixed; the query and the output path arrive as base64 UTF-8 JSON in $p (no string splicing). */
const readerScript = [
  "$ErrorActionPreference = 'Stop'",
  '$p = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($env:KMSD_BENCH_PARAMS)) | ConvertFrom-Json',
  '$q = New-Object System.Diagnostics.Eventing.Reader.EventLogQuery($p.log, [System.Diagnostics.Eventing.Reader.PathType]::LogName, $p.xpath)',
  '$r = New-Object System.Diagnostics.Eventing.Reader.EventLogReader($q)',
  '$w = New-Object IO.StreamWriter($p.out, $false, (New-Object Text.UTF8Encoding($false)))',
  "$w.WriteLine('<Events>')",
  '$n = 0; $skipped = 0',
  // A record that cannot be read or rendered is skipped and counted; a reader that keeps failing stops.
  'while ($skipped -lt 1000) { try { $e = $r.ReadEvent() } catch { $skipped++; continue }; if ($null -eq $e) { break }; try { $w.WriteLine($e.ToXml()); $n++ } catch { $skipped++ } finally { $e.Dispose() } }',
  "$w.WriteLine('</Events>'); $w.Close()",
  '[Console]::Out.WriteLine("$n $skipped")',
].join('; ');

async function eventLogReader(log: string, xpath: string, out: string): Promise<Measured> {
  const { file, args } = powerShellCommand({ systemRoot }, readerScript);
  process.env.KMSD_BENCH_PARAMS = Buffer.from(JSON.stringify({ log, xpath, out }), 'utf8').toString('base64');
  const started = performance.now();
  const result = await nodeProcessRunner.run(file, args, { timeoutMs });
  const ms = performance.now() - started;
  const [records, skipped] = result.stdout.toString('utf8').trim().split(/\s+/).map(Number);
  if (result.exitCode !== 0 || records === undefined || Number.isNaN(records)) throw new Error(`EventLogReader script failed (${result.exitCode}): ${result.stderr.toString('utf8').slice(0, 300)}`);
  return { records, ms, skipped: skipped ?? 0 };
}

async function eplAndOurs(log: string, xpath: string, out: string, dir: string): Promise<Measured> {
  const evtx = path.join(dir, 'query.evtx');
  const started = performance.now();
  const result = await nodeProcessRunner.run(wevtutil, ['epl', log, evtx, `/q:${xpath}`, '/ow:true'], { timeoutMs });
  if (result.exitCode !== 0) throw new Error(`wevtutil epl exited ${result.exitCode}: ${result.stderr.toString('utf8').slice(0, 200)}`);
  const read = await writeEvtxAsXml(evtx, out);
  return { records: read.records, ms: performance.now() - started, skipped: read.skipped };
}

/** PowerShell's start-up alone, for reading the EventLogReader row (it includes one). */
async function powerShellStartup(): Promise<number> {
  const { file, args } = powerShellCommand({ systemRoot }, '[Console]::Out.WriteLine("0")');
  const started = performance.now();
  await nodeProcessRunner.run(file, args, { timeoutMs });
  return performance.now() - started;
}

const dir = await mkdtemp(path.join(tmpdir(), 'kmsd-bench-readers-'));
try {
  // Item 3: what wevtutil qe writes to a pipe, without /uni and with /uni:true.
  for (const [label, extra] of [['default', []], ['/uni:true', ['/uni:true']]] as const) {
    const out = path.join(dir, `encoding-${label.replace(/\W/g, '')}.xml`);
    await qe('Application', queries[0]!.xpath, out, [...extra, '/c:20']);
    const bytes = await readFile(out);
    const decoded = decodeText(bytes);
    console.log(`wevtutil qe output over a pipe, ${label}: ${bytes.length} bytes, BOM ${bytes[0] === 0xff && bytes[1] === 0xfe ? 'FF FE' : bytes[0] === 0xef ? 'EF BB BF' : 'none'}, detected ${decoded.encoding}, starts ${JSON.stringify(decoded.text.slice(0, 40))}`);
  }
  console.log(`PowerShell start-up alone (included in the EventLogReader row): ${Math.round(await powerShellStartup())} ms`);

  for (const query of queries) {
    const times: Record<'qe' | 'reader' | 'ours', number[]> = { qe: [], reader: [], ours: [] };
    const records: Record<'qe' | 'reader' | 'ours', number> = { qe: 0, reader: 0, ours: 0 };
    const skipped: Record<'qe' | 'reader' | 'ours', number> = { qe: 0, reader: 0, ours: 0 };
    for (let run = 0; run < runs; run++) {
      const a = await qe(query.log, query.xpath, path.join(dir, 'qe.xml'));
      const b = await eventLogReader(query.log, query.xpath, path.join(dir, 'reader.xml'));
      const c = await eplAndOurs(query.log, query.xpath, path.join(dir, 'ours.xml'), dir);
      for (const [key, m] of [['qe', a], ['reader', b], ['ours', c]] as const) {
        times[key].push(m.ms);
        records[key] = m.records;
        skipped[key] = m.skipped;
      }
    }
    const size = (await stat(path.join(dir, 'ours.xml'))).size;
    const base = median(times.qe);
    console.log(`\n${query.name} (${query.xpath})`);
    console.log('| reader | records | skipped | median ms | records/s | ratio to qe |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const [key, label] of [['qe', 'wevtutil qe /uni:true'], ['reader', 'EventLogReader (PowerShell)'], ['ours', 'wevtutil epl + our reader']] as const) {
      const ms = median(times[key]);
      console.log(`| ${label} | ${records[key]} | ${skipped[key]} | ${Math.round(ms)} | ${Math.round(records[key] / (ms / 1000))} | ${(ms / base).toFixed(2)} |`);
    }
    console.log(`(our XML: ${(size / 1_048_576).toFixed(1)} MB; runs: ${runs}, alternating)`);
    if (records.qe !== records.ours) console.log(`note: qe read ${records.qe} records and epl + our reader ${records.ours} (events logged between runs, or records one of them could not read)`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
