/**
 * Native .evtx reader benchmark (issue #16): `kms-doctor parse events big.evtx --json > /dev/null`, the
 * whole process, on a ~50 MB log built from the real logs' chunks (tools/gen/evtx-big.ts).
 *
 * Targets: wall time ≤ 0.5 × `evtxexport -f xml big.evtx > /dev/null` (libevtx, the C reader) on the
 * same file in the same run; peak RSS ≤ 200 MB for any size (checked again on a log three times as
 * big); MB/s reported. Each side runs in its own process, alternately, several times; medians compared.
 *
 * Usage: `npm run bench evtx` (or `node --import tsx bench/evtx.bench.ts [MB]`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { writeBigEvtx } from '../tools/gen/evtx-big.js';
import { median, timedProcess, type ProcessTiming } from './support/timed-process.js';

const TARGET_RATIO = 0.5;
const TARGET_RSS_MB = 200;
const RUNS = 3;

const timed = (command: string, args: readonly string[]): ProcessTiming =>
  timedProcess(command, args, { timeFile: 'bench/data/evtx-time.txt', timeoutMs: 600_000, stdout: 'discard', mustSucceed: false });

function log(mb: number): { file: string; bytes: number; records: number } {
  const file = `bench/data/evtx-${mb}mb.evtx`;
  const meta = `${file}.json`;
  if (!existsSync(file) || !existsSync(meta)) {
    const built = writeBigEvtx(`${file}.part`, mb * 1e6, 'test/fixtures/evtx');
    renameSync(`${file}.part`, file);
    writeFileSync(meta, JSON.stringify(built));
  }
  const { bytes, records } = JSON.parse(readFileSync(meta, 'utf8')) as { bytes: number; records: number };
  return { file, bytes, records };
}

function main(): void {
  const mb = Number(process.argv[2] ?? 50);
  mkdirSync('bench/data', { recursive: true });
  const build = spawnSync(process.execPath, ['scripts/build-node.mjs'], { encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`building the CLI failed: ${build.stderr.split('\n')[0] ?? ''}`);
  if (spawnSync('sh', ['-c', 'command -v evtxexport']).status !== 0) throw new Error('evtxexport (libevtx-utils) is needed as the baseline');

  const big = log(mb);
  console.log(`log: ${big.file}, ${(big.bytes / 1e6).toFixed(1)} MB, ${big.records} records`);
  const ours: ProcessTiming[] = [];
  const theirs: ProcessTiming[] = [];
  for (let i = 0; i < RUNS; i++) {
    const o = timed(process.execPath, ['out/cli/index.js', 'parse', 'events', big.file, '--json']);
    if (o.status !== 0) throw new Error(`kms-doctor parse events exited ${o.status}`);
    ours.push(o);
    const t = timed('evtxexport', ['-f', 'xml', big.file]);
    if (t.status !== 0) throw new Error(`evtxexport exited ${t.status}`);
    theirs.push(t);
    console.log(`run ${i + 1}: kms-doctor ${o.wallMs.toFixed(0)} ms wall (${o.cpuMs.toFixed(0)} ms CPU, ${o.maxRssMb.toFixed(0)} MB), evtxexport ${t.wallMs.toFixed(0)} ms wall (${t.cpuMs.toFixed(0)} ms CPU, ${t.maxRssMb.toFixed(0)} MB)`);
  }
  const ourWall = median(ours.map((t) => t.wallMs));
  const theirWall = median(theirs.map((t) => t.wallMs));
  const ratio = ourWall / theirWall;
  const cpuRatio = median(ours.map((t) => t.cpuMs)) / median(theirs.map((t) => t.cpuMs));
  const rss = Math.max(...ours.map((t) => t.maxRssMb));

  // Peak RSS must not grow with the log: ours alone on a log three times as big.
  const bigger = log(mb * 3);
  const large = timed(process.execPath, ['out/cli/index.js', 'parse', 'events', bigger.file, '--json']);
  if (large.status !== 0) throw new Error(`kms-doctor parse events exited ${large.status} on ${bigger.file}`);

  console.log(`median wall: kms-doctor ${ourWall.toFixed(0)} ms, evtxexport ${theirWall.toFixed(0)} ms → ratio ${ratio.toFixed(3)} (target ≤ ${TARGET_RATIO}); CPU ratio ${cpuRatio.toFixed(3)}`);
  console.log(`throughput: kms-doctor ${(big.bytes / 1e6 / (ourWall / 1000)).toFixed(1)} MB/s, evtxexport ${(big.bytes / 1e6 / (theirWall / 1000)).toFixed(1)} MB/s (whole process, wall)`);
  console.log(`peak RSS: ${rss.toFixed(0)} MB on ${(big.bytes / 1e6).toFixed(0)} MB, ${large.maxRssMb.toFixed(0)} MB on ${(bigger.bytes / 1e6).toFixed(0)} MB (${(bigger.bytes / 1e6 / (large.wallMs / 1000)).toFixed(1)} MB/s) (target ≤ ${TARGET_RSS_MB} MB)`);
  rmSync('bench/data/evtx-time.txt', { force: true });
  const ok = ratio <= TARGET_RATIO && rss <= TARGET_RSS_MB && large.maxRssMb <= TARGET_RSS_MB;
  console.log(ok ? 'evtx: targets met' : 'evtx: TARGET MISSED');
  if (!ok) process.exitCode = 1;
}

main();
