/**
 * Child of bench/intake.bench.ts: loads one folder with the loose-folder reader of the checkout it runs in
 * (this one, or the pre-issue-14 baseline worktree) RUNS times and prints the median wall time in ms.
 */
import { loadEvidence } from '../electron/evidence/load-evidence.js';

const folder = process.argv[2] ?? '';
const runs = Number(process.argv[3] ?? '7');
const times: number[] = [];
let files = 0;
for (let run = 0; run < runs; run += 1) {
  const started = performance.now();
  const loaded = await loadEvidence(folder);
  times.push(performance.now() - started);
  files = loaded.files.filter((file) => file.kind !== 'other').length;
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ medianMs: times[Math.floor(times.length / 2)], usedFiles: files }));
