// Damaged input never crashes, hangs, reads outside the chunk or grows without bound: real chunks
// (test/fixtures/evtx) and written ones with bytes flipped, 32-bit fields (sizes, offsets) overwritten,
// and cut at every length. The guarded runs read through a Proxy that throws on any index outside the
// bytes given, so an out-of-range read is caught where a plain Uint8Array would return undefined.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, EvtxFormatError, FILE_HEADER_SIZE, readChunk, readEvtx, renderEventXml } from '../../../../shared/parse/evtx/index.js';
import { record12290, record12293, writeEvtx } from '../../../../tools/gen/evtx-writer.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../fixtures/evtx/${name}`, import.meta.url))));

/** A view that throws on a read outside its bytes (and hands out guarded sub-views). */
function guarded(bytes: Uint8Array): Uint8Array {
  return new Proxy(bytes, {
    get(target, prop) {
      if (typeof prop === 'string' && /^-?\d+$/.test(prop)) {
        const i = Number(prop);
        if (i < 0 || i >= target.length) throw new Error(`read outside the bytes: index ${i} of ${target.length}`);
        return target[i];
      }
      if (prop === 'subarray') return (from?: number, to?: number) => guarded(target.subarray(from, to));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const realChunks: Uint8Array[] = [];
for (const name of ['Application_no_crc32.evtx', 'security.evtx', 'system.evtx', 'sysmon.evtx', 'Security_with_size_t.evtx', 'MSExchange_Management_wec.evtx']) {
  const file = fixture(name);
  for (let at = FILE_HEADER_SIZE; at + CHUNK_SIZE <= file.length && realChunks.length < 40; at += CHUNK_SIZE) {
    if (file[at] === 0x45) realChunks.push(file.slice(at, at + CHUNK_SIZE));
  }
}
const host = { computer: 'kms01.contoso.com' };
const written = writeEvtx([
  record12290({ ...host, time: '2026-10-01T07:00:00Z', recordId: 1 }, ['0x0', '25', 'pc1', 'b0000000-0000-4000-8000-000000000001', '2026/10/1 7:00', '0', '1', '259200', 'act']),
  record12290({ ...host, time: '2026-10-01T07:01:00Z', recordId: 2 }, ['0xC004F042', '5', 'pc2', 'b0000000-0000-4000-8000-000000000002', '2026/10/1 7:01', '1', '2', '1', 'act']),
  record12293({ ...host, time: '2026-10-01T07:02:00Z', recordId: 3 }, '0x80072338', 'contoso.com'),
]);
const writtenChunk = new Uint8Array(written.subarray(FILE_HEADER_SIZE, FILE_HEADER_SIZE + CHUNK_SIZE));
// The used part of the written chunk (header + records), where mutations matter.
const writtenUsed = new DataView(writtenChunk.buffer).getUint32(48, true);

interface Mutation {
  readonly at: number;
  readonly kind: 'byte' | 'u32';
  readonly value: number;
}

const mutations = (limit: number): fc.Arbitrary<Mutation[]> =>
  fc.array(fc.record({ at: fc.nat({ max: limit - 1 }), kind: fc.constantFrom<'byte' | 'u32'>('byte', 'u32'), value: fc.oneof(fc.nat({ max: 0xff }), fc.constantFrom(0, 1, 24, 512, 0xffff, 0xffffffff, CHUNK_SIZE - 1, CHUNK_SIZE)) }), { minLength: 1, maxLength: 12 });

function mutate(chunk: Uint8Array, list: readonly Mutation[]): Uint8Array {
  const out = chunk.slice();
  const view = new DataView(out.buffer);
  for (const m of list) {
    if (m.kind === 'byte') out[m.at] = m.value & 0xff;
    else if (m.at + 4 <= out.length) view.setUint32(m.at, m.value >>> 0, true);
  }
  return out;
}

/** Reads one chunk, rendering every record; returns what it gave. Fails the property on anything thrown. */
function readOne(chunk: Uint8Array): { records: number; remarks: string[]; xmlChars: number } {
  const remarks: string[] = [];
  let records = 0;
  let xmlChars = 0;
  readChunk(chunk, 0, 0, (r) => {
    records++;
    xmlChars += renderEventXml(r.nodes).length;
  }, (t) => remarks.push(t));
  return { records, remarks, xmlChars };
}

// Bounds on what one chunk can give: records at least 28 bytes each; remarks at most one per record
// plus the chunk's own; rendered XML bounded by the per-chunk node budget.
const checkBounded = (r: { records: number; remarks: string[]; xmlChars: number }): void => {
  expect(r.records).toBeLessThanOrEqual(CHUNK_SIZE / 28);
  expect(r.remarks.length).toBeLessThanOrEqual(CHUNK_SIZE / 28 + 4);
  for (const remark of r.remarks) expect(remark).toMatch(/^chunk 0[,:]/);
  expect(r.xmlChars).toBeLessThan(2_000_000 * 300);
};

describe('the .evtx reader on damaged chunks', () => {
  it('bytes and 32-bit fields of real chunks changed: no crash, no read outside the chunk (guarded, 100 cases)', () => {
    fc.assert(
      fc.property(fc.nat({ max: realChunks.length - 1 }), mutations(CHUNK_SIZE), (index, list) => {
        checkBounded(readOne(guarded(mutate(realChunks[index] as Uint8Array, list))));
      }),
      { numRuns: 100 },
    );
  }, 300_000);

  it('the written KMS chunk mutated where its records are: 2000 cases, guarded', () => {
    fc.assert(
      fc.property(mutations(writtenUsed), (list) => {
        checkBounded(readOne(guarded(mutate(writtenChunk, list))));
      }),
      { numRuns: 2000 },
    );
  }, 300_000);

  it('real chunks mutated, unguarded: 1000 cases', () => {
    fc.assert(
      fc.property(fc.nat({ max: realChunks.length - 1 }), mutations(CHUNK_SIZE), (index, list) => {
        checkBounded(readOne(mutate(realChunks[index] as Uint8Array, list)));
      }),
      { numRuns: 1000 },
    );
  }, 300_000);

  it('a log cut at every length: records before the cut are read, the cut is remarked, nothing thrown but "not an .evtx"', () => {
    const whole = new Uint8Array(written.subarray(0, FILE_HEADER_SIZE + writtenUsed + 64));
    const full = readEvtx(whole, {}).records;
    expect(full).toBe(3);
    let previous = 0;
    for (let length = 0; length <= whole.length; length++) {
      const cut = guarded(whole.slice(0, length));
      let summary;
      try {
        summary = readEvtx(cut, {});
      } catch (error) {
        expect(error).toBeInstanceOf(EvtxFormatError);
        expect(length).toBeLessThan(128);
        continue;
      }
      // Records only appear as the cut moves past them, never vanish again.
      expect(summary.records).toBeGreaterThanOrEqual(previous);
      previous = summary.records;
      if (length > FILE_HEADER_SIZE && length < FILE_HEADER_SIZE + 512) expect(summary.remarks.join('\n')).toMatch(/chunk 0: cut to \d+ bytes/);
    }
    expect(previous).toBe(3);
  }, 300_000);

  it('every 32-bit field of the chunk header and first record set to hostile values', () => {
    for (let at = 0; at < 512 + 64; at += 4) {
      for (const value of [0, 0xffffffff, 0x7fffffff, 512, CHUNK_SIZE, at]) {
        checkBounded(readOne(guarded(mutate(writtenChunk, [{ at, kind: 'u32', value }]))));
      }
    }
  }, 300_000);
});
