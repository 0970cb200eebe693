/**
 * Fleet benchmark (issue #19): `kms-doctor analyze` (the built CLI, whole process) on a folder of 1,000
 * generated client bundle zips and two host bundles whose logs hold 200,000 12290 events together
 * (tools/gen/fleet.ts), against reading the same files in the same run: `unzip -p` of every zip to
 * /dev/null plus `xmllint --stream --noout` on the two host logs.
 *
 * Targets: whole analyze ≤ 2 × that baseline (wall), peak RSS ≤ 300 MB; the case findings must equal the
 * generator's truth (clients sharing CMIDs, clients no host saw, skewed clocks). Runs alternate, RUNS
 * times; medians are compared.
 *
 * Usage: `npm run bench fleet` (or `node --import tsx bench/fleet.bench.ts [clients] [hostEvents]`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseResult } from '../shared/case/case-report.js';
import { writeFleet } from '../tools/gen/fleet.js';
import { median, timedProcess, type ProcessTiming } from './support/timed-process.js';

const TARGET_RATIO = 2;
const TARGET_RSS_MB = 300;
const RUNS = 3;

const timed = (command: string, args: readonly string[]): ProcessTiming =>
  timedProcess(command, args, { timeFile: 'bench/data/fleet.time', timeoutMs: 900_000, stdout: 'capture', mustSucceed: true });

async function main(): Promise<void> {
  const clients = Number(process.argv[2] ?? 1000);
  const hostEvents = Number(process.argv[3] ?? 200_000);
  const dir = `bench/data/fleet-${clients}-${hostEvents}`;
  const truthFile = `${dir}.truth.json`;
  if (!existsSync(truthFile)) {
    rmSync(dir, { recursive: true, force: true });
    const started = performance.now();
    const truth = await writeFleet({ outDir: `${dir}.part`, clients, hostEvents });
    renameSync(`${dir}.part`, dir);
    const plain = { sharedCmids: [...truth.sharedCmids], unreached: [...truth.unreached], skewed: [...truth.skewed], hostEventsWritten: truth.hostEventsWritten };
    writeFileSync(truthFile, JSON.stringify(plain));
    console.log(`generated ${dir}: ${clients} client bundles, 2 hosts, ${truth.hostEventsWritten} host events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as {
    sharedCmids: Array<[string, string[]]>;
    unreached: Array<[string, string[]]>;
    skewed: Array<[string, string[]]>;
    hostEventsWritten: number;
  };
  // The host logs as files for xmllint (outside the timed part).
  const xmlDir = `${dir}-xml`;
  mkdirSync(xmlDir, { recursive: true });
  const hostZips = readdirSync(`${dir}/hosts`).map((f) => `${dir}/hosts/${f}`);
  const hostXml = hostZips.map((zip) => `${xmlDir}/${path.basename(zip, '.zip')}.xml`);
  hostZips.forEach((zip, i) => {
    if (!existsSync(hostXml[i]!)) spawnSync('/bin/sh', ['-c', 'unzip -p "$1" events/kms-host.xml > "$2"', 'sh', zip, hostXml[i]!]);
  });
  const zips = [...readdirSync(`${dir}/clients`).map((f) => `${dir}/clients/${f}`), ...hostZips];
  const zipList = `${xmlDir}/zips.txt`;
  writeFileSync(zipList, `${zips.join('\n')}\n`);

  const build = spawnSync(process.execPath, ['scripts/build-node.mjs'], { encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`building the CLI failed: ${build.stderr.split('\n')[0] ?? ''}`);
  console.log(`folder: ${dir} (${zips.length} bundle zips, ${truth.hostEventsWritten} host events)`);

  const baseline: ProcessTiming[] = [];
  const ours: ProcessTiming[] = [];
  let exact = true;
  for (let run = 0; run < RUNS; run++) {
    const unzip = timed('/bin/sh', ['-c', 'while read -r f; do unzip -p "$f" > /dev/null; done < "$1"', 'sh', zipList]);
    const xmllint = timed('xmllint', ['--stream', '--noout', ...hostXml]);
    baseline.push({ wallMs: unzip.wallMs + xmllint.wallMs, cpuMs: unzip.cpuMs + xmllint.cpuMs, maxRssMb: Math.max(unzip.maxRssMb, xmllint.maxRssMb), status: 0, stdout: '' });
    const o = timed(process.execPath, ['out/cli/index.js', 'analyze', dir, '--json', '--no-history']);
    ours.push(o);
    const result = JSON.parse(o.stdout) as CaseResult;
    const titles = result.caseFindings.map((f) => f.title);
    const clones = truth.sharedCmids.reduce((n, [, names]) => n + names.length, 0);
    const expected = [
      `${clones} clients share ${truth.sharedCmids.length} CMID(s)`,
      ...truth.unreached.map(([host, names]) => `${names.length} client(s) send requests that ${host} never logged`),
      ...truth.skewed.map(([host, names]) => `${names.length} client clock(s) differ from ${host} by more than 4 hours`),
    ];
    const same = result.machines.length === zips.length && expected.every((t) => titles.includes(t));
    if (!same) exact = false;
    console.log(
      `run ${run + 1}: unzip -p ${unzip.wallMs.toFixed(0)} ms + xmllint ${xmllint.wallMs.toFixed(0)} ms | analyze wall ${o.wallMs.toFixed(0)} ms, cpu ${o.cpuMs.toFixed(0)} ms, peak RSS ${o.maxRssMb.toFixed(0)} MB | ${result.machines.length} machines, case findings ${same ? 'as generated' : `WRONG: ${titles.join(' / ')}`}`,
    );
  }
  const bWall = median(baseline.map((t) => t.wallMs));
  const oWall = median(ours.map((t) => t.wallMs));
  const oCpu = median(ours.map((t) => t.cpuMs));
  const bCpu = median(baseline.map((t) => t.cpuMs));
  const rss = Math.max(...ours.map((t) => t.maxRssMb));
  console.log(`\nmedians of ${RUNS} runs (${zips.length} bundles, ${truth.hostEventsWritten} host events):`);
  console.log(`  unzip -p each zip + xmllint --stream (host logs)   wall ${bWall.toFixed(0)} ms, cpu ${bCpu.toFixed(0)} ms  [baseline]`);
  console.log(`  kms-doctor analyze <folder> (process)              wall ${oWall.toFixed(0)} ms, cpu ${oCpu.toFixed(0)} ms, peak RSS ${rss.toFixed(0)} MB (max)`);
  console.log(`  ratio                                              wall ${(oWall / bWall).toFixed(2)} × (target ≤ ${TARGET_RATIO} ×), cpu ${(oCpu / bCpu).toFixed(2)} × [information]`);
  const misses = [
    oWall > TARGET_RATIO * bWall ? `wall ${(oWall / bWall).toFixed(2)} × the baseline` : null,
    rss > TARGET_RSS_MB ? 'peak RSS above target' : null,
    exact ? null : 'case findings differ from the generated truth',
  ].filter((m): m is string => m !== null);
  console.log(misses.length === 0 ? 'result: all targets met' : `result: MISSED — ${misses.join('; ')}`);
  process.exitCode = misses.length === 0 ? 0 : 1;
}

await main();
