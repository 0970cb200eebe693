/**
 * Loose-folder intake benchmark (issue 14): a folder of typical customer files (four slmgr texts in three
 * languages, Event Viewer text of ~1 MB, a Get-WinEvent CSV, 4,000 KMS host events as XML ≈ 4 MB) read by
 * loadEvidence, against the reader as it was before issue 14 (commit BASELINE, exported with git archive into
 * bench/data/) on the same folder in the same run. Both run as child processes, alternately,
 * RUNS times each; medians are compared.
 *
 * Target: ≤ 1.5 × the baseline's time. The baseline uses fewer of the files (it refused some as not
 * recognisable), so the ratio also prices what is read now and was not.
 *
 * Usage: `npm run bench intake`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeKmsHostEventsXml } from '../tools/gen/kms-host-events.js';
import { median } from './support/timed-process.js';

const BASELINE = '74acb5b'; // the corpus commit: the reader before any issue 14 change
const TARGET_RATIO = 1.5;
const ROUNDS = 3;
const RUNS = 7;

const data = path.resolve('bench/data');
const folder = path.join(data, 'intake-folder');
const baseline = path.join(data, 'intake-baseline');
const corpus = path.resolve('test/fixtures/real-world');

async function makeFolder(): Promise<void> {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const [from, to] of [
    ['items/slmgr-dlv-client-en-03-win11-notification.txt', 'dlv.txt'],
    ['items/slmgr-ato-zh-cn-01.txt', 'ato-zh.txt'],
    ['constructed/slmgr-dlv-ja-01.txt', 'dlv-ja.txt'],
    ['items/slmgr-transcript-ipk-skms-ato-en-01.txt', 'transcript.txt'],
    ['constructed/events-getwinevent-csv-01.csv', 'events.csv'],
  ]) copyFileSync(path.join(corpus, from as string), path.join(folder, to as string));
  // ~1 MB of Event Viewer text: the published 12288 copy, repeated with distinct CMIDs.
  const one = (index: number): string =>
    `Log Name: Application\nSource: Microsoft-Windows-Security-SPP\nDate: 6/14/2025 10:${String(index % 60).padStart(2, '0')}:00 AM\nEvent ID: 12288\nTask Category: None\nLevel: Information\nKeywords: Classic\nUser: N/A\nComputer: PC42.contoso.com\nDescription:\nThe client has sent an activation request to the key management service machine.\nInfo:\n0xC004F074, 0x00000000, kms01.contoso.com:1688, ${index.toString(16).padStart(8, '0')}-6a6a-49ec-92b8-f6150c7df211, 2025/6/14 17:37, 0, 2, 43200, 73111121-5638-40f6-bc11-f1d7b0d64300, 25\n\n`;
  writeFileSync(path.join(folder, 'viewer-copy.txt'), Array.from({ length: 2500 }, (_, index) => one(index)).join(''));
  await writeKmsHostEventsXml(path.join(folder, 'kms-host.xml'), { count: 4000 });
}

function baselineCheckout(): boolean {
  if (existsSync(path.join(baseline, 'electron/evidence/load-evidence.ts'))) return true;
  // An export of the commit's tree (git archive), not a worktree: nothing is registered in the repository.
  mkdirSync(baseline, { recursive: true });
  const exported = spawnSync('sh', ['-c', `git archive ${BASELINE} | tar -x -C "${baseline}"`], { encoding: 'utf8' });
  if (exported.status !== 0) {
    rmSync(baseline, { recursive: true, force: true });
    console.log(`baseline ${BASELINE} not available (${(exported.stderr ?? '').split('\n')[0]}): a shallow clone? ratio not measured`);
    return false;
  }
  symlinkSync(path.resolve('node_modules'), path.join(baseline, 'node_modules'));
  return true;
}

function read(root: string): { medianMs: number; usedFiles: number } {
  mkdirSync(path.join(root, 'bench'), { recursive: true });
  copyFileSync('bench/intake-read.ts', path.join(root, 'bench/intake-read.ts'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/intake-read.ts', folder, String(RUNS)], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`reader in ${root} failed: ${(r.stderr ?? '').split('\n')[0] ?? ''}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { medianMs: number; usedFiles: number };
}

mkdirSync(data, { recursive: true });
await makeFolder();
const current: number[] = [];
const before: number[] = [];
let used = { now: 0, before: 0 };
const haveBaseline = baselineCheckout();
for (let round = 0; round < ROUNDS; round += 1) {
  const now = read(path.resolve('.'));
  current.push(now.medianMs);
  used.now = now.usedFiles;
  if (haveBaseline) {
    const then = read(baseline);
    before.push(then.medianMs);
    used = { ...used, before: then.usedFiles };
  }
}
console.log(`intake: ${median(current).toFixed(1)} ms for the folder (${used.now} files used)`);
if (haveBaseline) {
  const ratio = median(current) / median(before);
  console.log(`baseline (${BASELINE}): ${median(before).toFixed(1)} ms (${used.before} files used); ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO})`);
  if (ratio > TARGET_RATIO) process.exitCode = 1;
}
