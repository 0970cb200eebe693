/**
 * `kms-doctor analyze` benchmark (issue #5): a loose folder holding 200,000 KMS host 12290 events as XML
 * (~5,000 machines, some sharing CMIDs: tools/gen/kms-host-events.ts), analysed by the built CLI as a
 * real process, against `xmllint --stream --noout` on the same file in the same run.
 *
 * Targets: whole process ≥ 200,000 events/s, peak RSS ≤ 300 MB, time ≤ 1.0 × xmllint; the duplicate-CMID
 * result must equal the generator's ground truth exactly. Both sides run under GNU time, alternately,
 * RUNS times; medians are compared. The targets are the issue's: wall time and whole-process events/s.
 * The CPU (user + system) ratio is printed for information only: Node's CPU time includes V8's GC and
 * compiler threads and libuv's read threads, which a single-threaded C program does not have.
 *
 * Usage: `npm run bench analyze` (or `node --import tsx bench/analyze.bench.ts [count]`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { countWindowMs } from '../shared/kms/thresholds.js';
import { generateKmsHostEvents, writeKmsHostEventsXml, type KmsHostEventsOptions } from '../tools/gen/kms-host-events.js';
import { median, timedProcess, type ProcessTiming } from './support/timed-process.js';

const TARGET_EVENTS_PER_S = 200_000;
const TARGET_RSS_MB = 300;
const RUNS = 5;

const timed = (command: string, args: readonly string[]): ProcessTiming =>
  timedProcess(command, args, { timeFile: 'bench/data/analyze.time', timeoutMs: 300_000, stdout: 'capture', mustSucceed: true });

/** The duplicate CMIDs a correct analysis must report: names per CMID within 30 days of the newest event. */
function groundTruth(options: KmsHostEventsOptions): Map<string, string[]> {
  const seen = new Map<string, Map<string, number>>();
  let newest = 0;
  for (const e of generateKmsHostEvents(options)) {
    const t = Date.parse(e.systemTime);
    newest = Math.max(newest, t);
    const names = seen.get(e.cmid.toLowerCase()) ?? new Map<string, number>();
    names.set(e.clientName, Math.max(names.get(e.clientName) ?? 0, t));
    seen.set(e.cmid.toLowerCase(), names);
  }
  const start = newest - countWindowMs;
  const out = new Map<string, string[]>();
  for (const [cmid, names] of seen) {
    const inWindow = [...names].filter(([, last]) => last >= start).map(([n]) => n).sort();
    if (inWindow.length > 1) out.set(cmid, inWindow);
  }
  return out;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200_000);
  const options: KmsHostEventsOptions = { count, seed: 12290, wrap: 'events' };
  const dir = `bench/data/analyze-${count}`;
  const file = `${dir}/kms-host-events.xml`;
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) {
    const started = performance.now();
    // Wrapped in <Events> so xmllint reads the whole file (a bare ToXml() stream has many roots).
    const { bytes } = await writeKmsHostEventsXml(`${file}.part`, options);
    renameSync(`${file}.part`, file);
    console.log(`generated ${file}: ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const build = spawnSync(process.execPath, ['scripts/build-node.mjs'], { encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`building the CLI failed: ${build.stderr.split('\n')[0] ?? ''}`);
  const mb = statSync(file).size / 1e6;
  console.log(`folder: ${dir} (${mb.toFixed(0)} MB of event XML, ${count} events)`);

  const truth = groundTruth(options);
  const xmllint: ProcessTiming[] = [];
  const ours: ProcessTiming[] = [];
  // Node's own start (no script) in the same run: a fixed share of "whole process" that is not ours
  // (on the build machine it includes loading NODE_EXTRA_CA_CERTS).
  const nodeStart: ProcessTiming[] = [];
  let exact = true;
  for (let run = 0; run < RUNS; run++) {
    const x = timed('xmllint', ['--stream', '--noout', file]);
    const o = timed(process.execPath, ['out/cli/index.js', 'analyze', dir, '--json', '--no-history']);
    xmllint.push(x);
    ours.push(o);
    nodeStart.push(timed(process.execPath, ['-e', '0']));
    const result = JSON.parse(o.stdout) as { hostAnalysis?: { requestsTotal: number; duplicateCmids: Array<{ cmid: string; names: Array<{ name: string }> }> } };
    const got = new Map((result.hostAnalysis?.duplicateCmids ?? []).map((d) => [d.cmid, d.names.map((n) => n.name).sort()]));
    const same = got.size === truth.size && [...truth].every(([cmid, names]) => JSON.stringify(got.get(cmid)) === JSON.stringify(names));
    if (!same || result.hostAnalysis?.requestsTotal !== count) exact = false;
    console.log(
      `run ${run + 1}: xmllint cpu ${x.cpuMs.toFixed(0)} ms, wall ${x.wallMs.toFixed(0)} ms | analyze cpu ${o.cpuMs.toFixed(0)} ms, wall ${o.wallMs.toFixed(0)} ms, peak RSS ${o.maxRssMb.toFixed(0)} MB | duplicates ${got.size} (truth ${truth.size}) ${same ? 'exact' : 'WRONG'}`,
    );
  }
  const xCpu = median(xmllint.map((t) => t.cpuMs));
  const xWall = median(xmllint.map((t) => t.wallMs));
  const oCpu = median(ours.map((t) => t.cpuMs));
  const oWall = median(ours.map((t) => t.wallMs));
  const rss = Math.max(...ours.map((t) => t.maxRssMb));
  const nodeWall = median(nodeStart.map((t) => t.wallMs));
  const rateWall = count / (oWall / 1000);
  const rateCpu = count / (oCpu / 1000);
  console.log(`\nmedians of ${RUNS} runs (${count} events, ${mb.toFixed(0)} MB):`);
  console.log(`  xmllint --stream --noout        cpu ${xCpu.toFixed(0)} ms, wall ${xWall.toFixed(0)} ms  [baseline]`);
  console.log(`  kms-doctor analyze (process)    cpu ${oCpu.toFixed(0)} ms, wall ${oWall.toFixed(0)} ms, peak RSS ${rss.toFixed(0)} MB (max)`);
  console.log(`  ratio to xmllint                wall ${(oWall / xWall).toFixed(2)} ×, cpu ${(oCpu / xCpu).toFixed(2)} ×  (target ≤ 1.00 × wall; cpu for information)`);
  console.log(`  events/s, whole process         ${Math.round(rateWall).toLocaleString('en-US')} per wall-second, ${Math.round(rateCpu).toLocaleString('en-US')} per cpu-second (target ≥ ${TARGET_EVENTS_PER_S.toLocaleString('en-US')})`);
  console.log(`  of which Node's own start        ${nodeWall.toFixed(0)} ms (node -e 0); the rest, ${(oWall - nodeWall).toFixed(0)} ms, is ${Math.round(count / ((oWall - nodeWall) / 1000)).toLocaleString('en-US')} events/s  [information]`);
  console.log(`  duplicate CMIDs                 ${truth.size} expected, ${exact ? 'exact in every run' : 'NOT exact'}`);
  const misses = [
    rateWall < TARGET_EVENTS_PER_S ? 'events/s (wall) below target' : null,
    rss > TARGET_RSS_MB ? 'peak RSS above target' : null,
    oWall > xWall ? 'wall slower than xmllint' : null,
    exact ? null : 'duplicate-CMID result not exact',
  ].filter((m): m is string => m !== null);
  console.log(misses.length === 0 ? 'result: all targets met' : `result: MISSED — ${misses.join('; ')}`);
  process.exitCode = misses.length === 0 ? 0 : 1;
}

await main();
