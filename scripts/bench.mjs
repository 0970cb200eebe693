// `npm run bench`: runs every bench/*.bench.ts (or one named on the command line) in its own Node
// process through tsx, so one benchmark's memory does not colour another's peak-RSS figure.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const benches = readdirSync('bench')
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only === undefined || name.startsWith(only))
  .sort();
if (benches.length === 0) {
  console.log(only === undefined ? 'no benchmarks in bench/' : `no benchmark matches ${only}`);
  process.exit(only === undefined ? 0 : 1);
}
let failed = 0;
for (const name of benches) {
  console.log(`\n# ${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
