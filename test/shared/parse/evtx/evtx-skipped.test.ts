// Damaged records are skipped and counted, never fatal: the real damaged logs of test/fixtures/evtx.
//
// The expected count is not ours: each chunk header numbers its records (first and last log record
// number at offsets 8 and 16, libyal's "Windows XML Event Log (EVTX) format" §3), read here with a
// DataView of the raw bytes, and the records that can be read are libevtx's count (`evtxexport`,
// SOURCES.md's table). Skipped = numbered − read by libevtx.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvtx } from '../../../../shared/parse/evtx/index.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/evtx');

/** Sum over the chunks that carry the chunk signature of (last − first + 1) record numbers. */
function recordsNumbered(bytes: Buffer): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let numbered = 0;
  for (let at = 4096; at + 512 <= bytes.length; at += 65536) {
    if (bytes.toString('latin1', at, at + 8) !== 'ElfChnk\0') continue;
    numbered += Number(view.getBigUint64(at + 16, true) - view.getBigUint64(at + 8, true)) + 1;
  }
  return numbered;
}

/** Records per file as libevtx's evtxexport reads them (test/fixtures/evtx/SOURCES.md). */
const libevtxRecords: Record<string, number> = {
  'sample-with-zero-data-size-event.evtx': 335,
  'sample_with_a_bad_chunk_magic.evtx': 267,
  'system.evtx': 1881,
  'security.evtx': 2261,
  'security_bad_string_cache.evtx': 2261,
  'Application_no_crc32.evtx': 17,
};

describe('records lost to damage are counted', () => {
  it.each(Object.entries(libevtxRecords))('%s: skipped = records its chunk headers number − records libevtx reads', (file, readable) => {
    const bytes = readFileSync(join(FIXTURES, file));
    const summary = readEvtx(bytes, { onEvent: () => undefined });
    expect(summary.records).toBe(readable);
    expect(summary.recordsSkipped).toBe(recordsNumbered(bytes) - readable);
  });

  it('the two damaged logs lose records, and say where', () => {
    const zero = readEvtx(readFileSync(join(FIXTURES, 'sample-with-zero-data-size-event.evtx')), { onEvent: () => undefined });
    expect(zero.recordsSkipped).toBe(115);
    expect(zero.remarks).toContain('chunk 0: 115 of the 117 records its header numbers could not be read');
    const magic = readEvtx(readFileSync(join(FIXTURES, 'sample_with_a_bad_chunk_magic.evtx')), { onEvent: () => undefined });
    expect(magic.recordsSkipped).toBe(200);
  });

  it('an intact log loses none', () => {
    expect(readEvtx(readFileSync(join(FIXTURES, 'system.evtx'))).recordsSkipped).toBe(0);
  });
});
