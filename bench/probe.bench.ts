// Probe timing: five candidates of which three never answer, plus SRV lookups against a DNS server that
// never answers, should cost about one timeout. Figures are ratios against baselines measured in this
// run: one silent candidate alone (one timeout), and the same five candidates probed one after another.
// Everything listens on loopback; no DNS query leaves the machine (the silent DNS server is ours).
import { createSocket } from 'node:dgram';
import { probeEndpoint } from '../electron/probe/endpoint-probe.js';
import { runProbes } from '../electron/probe/run-probes.js';
import { buildDiscoveryPlan } from '../shared/probe/discovery-plan.js';
import { findFreePort } from '../test/helpers/free-port.js';
import { startKmsResponder } from '../test/helpers/kms-rpc-responder.js';

const timeoutMs = Number(process.env.PROBE_BENCH_TIMEOUT_MS ?? 1000);
const rounds = Number(process.env.PROBE_BENCH_ROUNDS ?? 5);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const kms = await startKmsResponder('accept-ndr32');
const silent = await Promise.all([startKmsResponder('silent'), startKmsResponder('silent'), startKmsResponder('silent')]);
const closedPort = await findFreePort();
// A DNS server that reads every query and never answers.
const deadDns = createSocket('udp4');
deadDns.on('message', () => undefined);
await new Promise<void>((resolve) => deadDns.bind(0, '127.0.0.1', () => resolve()));
const deadDnsServer = `127.0.0.1:${deadDns.address().port}`;

const candidates = [kms.hostPort, `127.0.0.1:${closedPort}`, ...silent.map((peer) => peer.hostPort)];
const fivePlan = buildDiscoveryPlan({ hosts: candidates });
const withDnsPlan = buildDiscoveryPlan({ hosts: candidates, domains: ['corp.test', 'branch.corp.test'], dnsServers: [deadDnsServer] });

const single: number[] = [];
const sequential: number[] = [];
const parallel: number[] = [];
const parallelWithDns: number[] = [];
for (let round = 0; round < rounds; round++) {
  single.push(await timed(() => runProbes(buildDiscoveryPlan({ hosts: [silent[0]?.hostPort ?? ''] }), { timeoutMs })));
  sequential.push(
    await timed(async () => {
      for (const candidate of fivePlan.hosts) await probeEndpoint(candidate.host, candidate.port, timeoutMs);
    }),
  );
  parallel.push(await timed(() => runProbes(fivePlan, { timeoutMs })));
  parallelWithDns.push(await timed(() => runProbes(withDnsPlan, { timeoutMs })));
}

const base = median(single);
const row = (label: string, values: number[]) =>
  console.log(`${label.padEnd(62)} ${median(values).toFixed(0).padStart(6)} ms   ×${(median(values) / base).toFixed(2)} of one silent probe   ×${(median(values) / timeoutMs).toFixed(2)} of the timeout`);
console.log(`timeout ${timeoutMs} ms, median of ${rounds} rounds; 5 candidates = KMS responder, closed port, 3 silent peers`);
row('baseline: one silent candidate (one timeout)', single);
row('5 candidates one after another (the sum)', sequential);
row('5 candidates with runProbes (parallel)', parallel);
row('5 candidates + 2 SRV names on a DNS server that never answers', parallelWithDns);
console.log(`parallel / sequential: ×${(median(parallel) / median(sequential)).toFixed(2)}`);

await Promise.all([kms.close(), ...silent.map((peer) => peer.close())]);
deadDns.close();
