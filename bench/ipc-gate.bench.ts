// IPC gate cost. Figures are ratios against baselines measured in this run:
//  - a small request through the whole gate (channel lookup, sender check, size walk, request schema,
//    handler, response schema) against calling the same handler directly;
//  - refusing an oversized request (a 96 MiB string) against JSON.stringify of it, the naive size check;
//  - accepting the largest legal upload (bundle.open, ~85 MiB of base64) against JSON.stringify of it.
// The electron import of the gate is answered by a stub module (the binary is absent here).
import { register } from 'node:module';
import type { IpcMainInvokeEvent } from 'electron';

register(
  `data:text/javascript,${encodeURIComponent(
    "export async function resolve(specifier, context, next) { return specifier === 'electron' ? { url: 'data:text/javascript,export const ipcMain = { handle() {} }; export const protocol = {};', shortCircuit: true } : next(specifier, context); }",
  )}`,
);

const { gateRequest } = await import('../electron/main/ipc/ipc-gate.js');
const { maxUploadBytes } = await import('../shared/contract/index.js');
type Registry = import('../electron/main/ipc/ipc-gate.js').HandlerRegistry;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
function timed(rounds: number, work: () => unknown): number {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
async function timedAsync(rounds: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const cancel = async () => ({ cancelled: true });
const opened = async () => ({ runId: 'r1' });
const handlers = new Proxy({} as Registry, {
  get: (_target, name) => (name === 'diagnosis.cancel' ? cancel : opened),
});
const event = {} as IpcMainInvokeEvent;
const trusted = () => true;

// 1. Small request, 20,000 calls per sample; baseline and gate interleaved so load hits both alike.
const calls = 20_000;
const directSamples: number[] = [];
const gatedSamples: number[] = [];
for (let round = 0; round < 15; round++) {
  directSamples.push(
    await timedAsync(1, async () => {
      for (let i = 0; i < calls; i++) await cancel();
    }),
  );
  gatedSamples.push(
    await timedAsync(1, async () => {
      for (let i = 0; i < calls; i++) await gateRequest('kmsd:diagnosis.cancel', event, { runId: 'r1' }, handlers, trusted);
    }),
  );
}
const direct = median(directSamples);
const gated = median(gatedSamples);

// 2. Oversized request refused.
const huge = { runId: 'x'.repeat(96 * 1024 * 1024) };
const stringifyHuge = timed(5, () => JSON.stringify(huge).length);
const refuseHuge = await timedAsync(5, () => gateRequest('kmsd:diagnosis.cancel', event, huge, handlers, trusted));
const refusal = await gateRequest('kmsd:diagnosis.cancel', event, huge, handlers, trusted);

// 3. Largest legal upload accepted.
const upload = { source: 'upload', name: 'bundle.zip', dataBase64: 'A'.repeat(Math.floor((maxUploadBytes / 3) * 4) - 4) };
if (upload.dataBase64.length < 80 * 1024 * 1024) throw new Error('the upload payload is not bundle-sized: check maxUploadBytes');
const stringifyUpload = timed(5, () => JSON.stringify(upload).length);
const acceptUpload = await timedAsync(5, () => gateRequest('kmsd:bundle.open', event, upload, handlers, trusted));
const accepted = await gateRequest('kmsd:bundle.open', event, upload, handlers, trusted);

const ratio = (value: number, base: number) => (value / base).toPrecision(3);
console.log(`small request through the gate: ${ratio(gated, direct)}x a direct handler call (${((gated / calls) * 1000).toFixed(1)} µs per request)`);
console.log(`96 MiB request refused (${refusal.ok ? 'ACCEPTED?!' : refusal.error.code}): ${ratio(refuseHuge, stringifyHuge)}x JSON.stringify of it`);
console.log(`${(upload.dataBase64.length / 1024 / 1024).toFixed(0)} MiB upload accepted (${accepted.ok ? 'ok' : accepted.error.code}): ${ratio(acceptUpload, stringifyUpload)}x JSON.stringify of it`);
