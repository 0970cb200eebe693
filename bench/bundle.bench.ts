/**
 * Support-bundle export and import against the system's zip/unzip on the same files, in the same run
 * (issue #6): export of a bundle with 200 MB of event XML ≤ 1.0 × `zip -6 -r`, peak RSS ≤ 150 MB;
 * import (unpack + check every hash) ≤ 1.5 × `unzip -q`.
 *
 * Each side runs in its own child process (ours: this file with a mode argument), so its peak RSS is
 * its own. Figures are medians of a few alternating runs; the machine is shared, so only ratios count.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBundle, type BundleFileSource } from '../electron/bundle/bundle-writer.js';
import { openBundle } from '../electron/bundle/bundle-reader.js';
import { writeKmsHostEventsXml } from '../tools/gen/kms-host-events.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const data = path.join(here, 'data', 'bundle-bench');
const source = path.join(data, 'src');
const targetBytes = 200 * 1024 * 1024;
const runs = Number(process.env.BENCH_RUNS ?? 3);

/** The evidence of one busy KMS host: ~200 MB of 12290 event XML plus the small files. */
async function ensureData(): Promise<BundleFileSource[]> {
  const xml = path.join(source, 'events', 'kms-host.xml');
  if (!existsSync(xml) || (await stat(xml)).size < targetBytes) {
    await rm(source, { recursive: true, force: true });
    await mkdir(path.join(source, 'events'), { recursive: true });
    await mkdir(path.join(source, 'slmgr'), { recursive: true });
    // ~1,000 bytes per event: 215,000 events ≈ 205 MB.
    await writeKmsHostEventsXml(xml, { count: 215_000, wrap: 'events' });
    await writeFile(path.join(source, 'slmgr', 'dlv.txt'), await readFile(path.join(here, '..', 'test', 'electron', 'bundle', 'fixtures', 'slmgr-dlv-host-office-en-01.txt')));
    await writeFile(path.join(source, 'events', 'application-spp.xml'), '<Events>\n</Events>\n');
  }
  const file = (rel: string, kind: string): BundleFileSource => ({ path: rel, kind, producedBy: { command: 'bench', exitCode: 0, durationMs: 0 }, content: { file: path.join(source, ...rel.split('/')) }, encoding: 'utf-8' });
  return [file('events/kms-host.xml', 'eventsKmsHostXml'), file('events/application-spp.xml', 'eventsApplicationSppXml'), file('slmgr/dlv.txt', 'slmgrDlv')];
}

const manifest = {
  toolVersion: 'bench',
  created: '2026-10-31T00:00:00.000Z',
  machine: { name: 'kms01', os: null, build: null, locale: null, elevated: null },
  role: 'host' as const,
  failedCollectors: [],
};

/** Child modes: do one export or import and print wall time and peak RSS as JSON. */
async function child(mode: string, argument: string): Promise<void> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const cpuMs = (): number => {
    const used = process.cpuUsage(cpuStart);
    return (used.user + used.system) / 1000;
  };
  if (mode === 'export') {
    await writeBundle({ out: argument, manifest, files: await ensureData() });
  } else {
    const opened = await openBundle(argument, { tempParent: path.join(data, 'import') });
    const ms = performance.now() - started;
    const cpu = cpuMs();
    await opened.close();
    process.stdout.write(JSON.stringify({ ms, cpuMs: cpu, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, cpuMs: cpuMs(), maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

/** Runs a baseline tool under /usr/bin/time for its CPU seconds (wall measured here). */
function timed(command: string, args: string[], cwd: string): { ms: number; cpuMs: number } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', command, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr?.toString()}`);
  const [user = 0, system = 0] = result.stderr.toString().trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, cpuMs: (user + system) * 1000 };
}

function ours(mode: string, argument: string): { ms: number; cpuMs: number; maxRssMb: number } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), mode, argument], { encoding: 'utf8', timeout: 600_000 });
  if (result.status !== 0) throw new Error(`bench child ${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { ms: number; cpuMs: number; maxRssMb: number };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const files = await ensureData();
  const size = (await Promise.all(files.map(async (file) => (await stat((file.content as { file: string }).file)).size))).reduce((a, b) => a + b, 0);
  console.log(`data: ${(size / 1024 / 1024).toFixed(0)} MB in ${files.length} files (${source})`);
  const zipOut = path.join(data, 'zip6.zip');
  const oursOut = path.join(data, 'ours.zip');
  await mkdir(path.join(data, 'import'), { recursive: true });
  const exportZip: number[] = [];
  const exportOurs: number[] = [];
  const exportCpu: [number[], number[]] = [[], []];
  const rss: number[] = [];
  const importUnzip: number[] = [];
  const importOurs: number[] = [];
  const importCpu: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    await rm(zipOut, { force: true });
    const zip = timed('zip', ['-6', '-r', '-q', zipOut, '.'], source);
    exportZip.push(zip.ms);
    exportCpu[0].push(zip.cpuMs);
    const mine = ours('export', oursOut);
    exportOurs.push(mine.ms);
    exportCpu[1].push(mine.cpuMs);
    rss.push(mine.maxRssMb);
    const unzipDir = path.join(data, 'unzipped');
    await rm(unzipDir, { recursive: true, force: true });
    const unzip = timed('unzip', ['-q', oursOut, '-d', unzipDir], data);
    importUnzip.push(unzip.ms);
    importCpu[0].push(unzip.cpuMs);
    const read = ours('import', oursOut);
    importOurs.push(read.ms);
    importCpu[1].push(read.cpuMs);
  }
  const [zipSize, oursSize] = [(await stat(zipOut)).size, (await stat(oursOut)).size];
  const exportRatio = median(exportOurs) / median(exportZip);
  const importRatio = median(importOurs) / median(importUnzip);
  console.log(`export: ours ${median(exportOurs).toFixed(0)} ms vs zip -6 -r ${median(exportZip).toFixed(0)} ms → ${exportRatio.toFixed(2)}× (limit 1.0×)`);
  console.log(`export CPU time: ours ${median(exportCpu[1]).toFixed(0)} ms vs zip ${median(exportCpu[0]).toFixed(0)} ms → ${(median(exportCpu[1]) / median(exportCpu[0])).toFixed(2)}× (for orientation on a loaded machine)`);
  console.log(`export peak RSS: ${Math.max(...rss).toFixed(0)} MB (limit 150 MB)`);
  console.log(`archive size: ours ${(oursSize / 1024 / 1024).toFixed(1)} MB vs zip -6 ${(zipSize / 1024 / 1024).toFixed(1)} MB → ${(oursSize / zipSize).toFixed(2)}×`);
  console.log(`import (unpack + every SHA-256): ours ${median(importOurs).toFixed(0)} ms vs unzip -q ${median(importUnzip).toFixed(0)} ms → ${importRatio.toFixed(2)}× (limit 1.5×)`);
  console.log(`import CPU time: ours ${median(importCpu[1]).toFixed(0)} ms vs unzip ${median(importCpu[0]).toFixed(0)} ms → ${(median(importCpu[1]) / median(importCpu[0])).toFixed(2)}×`);
  const ok = exportRatio <= 1.0 && Math.max(...rss) <= 150 && importRatio <= 1.5;
  console.log(ok ? 'within limits' : 'OVER A LIMIT');
  await rm(path.join(data, 'unzipped'), { recursive: true, force: true });
  if (!ok) process.exitCode = 1;
}

if (process.argv[2] === 'export' || process.argv[2] === 'import') await child(process.argv[2], process.argv[3]!);
else await main();
