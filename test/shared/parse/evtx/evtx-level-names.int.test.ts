// `level` and `dataNames` of the .evtx path against an independent reader: libevtx's `evtxexport -f xml`
// read by Python's ElementTree (libevtx-level-names.py), on the real logs of test/fixtures/evtx
// (SOURCES.md there). evtx-oracle.int.test.ts then holds the event XML path to the same events.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvtx } from '../../../../shared/parse/evtx/index.js';
import type { KmsEvent } from '../../../../shared/parse/types.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/evtx');
const python = 'python3';
const haveReaders = spawnSync('sh', ['-c', 'command -v evtxexport && command -v python3'], { timeout: 20_000 }).status === 0;

// Not here: the LiveId log (libevtx writes its SOAP values unescaped, not XML) and the Event Collector
// log (libevtx reads no record of it).
const LOGS = [
  'Application_no_crc32.evtx',
  'Security_with_size_t.evtx',
  'new-user-security.evtx',
  'sample-with-irregular-bool-values.evtx',
  'sample-with-zero-data-size-event.evtx',
  'sample_with_a_bad_chunk_magic.evtx',
  'security.evtx',
  'security_bad_string_cache.evtx',
  'sysmon.evtx',
  'system.evtx',
];

interface Theirs {
  readonly record: string;
  readonly level: string | null;
  readonly names: (string | null)[];
}

describe.skipIf(!haveReaders)(`level and dataNames vs evtxexport + ElementTree${haveReaders ? '' : ' [skipped: needs libevtx-utils and python3]'}`, () => {
  it.each(LOGS)('%s', (file) => {
    const out = execFileSync(python, [join(import.meta.dirname, 'libevtx-level-names.py'), join(FIXTURES, file)], { timeout: 120_000, maxBuffer: 1 << 26 });
    const theirs = out.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Theirs);
    const ours = new Map<number, KmsEvent>();
    readEvtx(readFileSync(join(FIXTURES, file)), { onEvent: (e) => ours.set(e.recordId as number, e) });
    expect(theirs.length).toBeGreaterThan(0);
    let levels = 0;
    let named = 0;
    for (const t of theirs) {
      const e = ours.get(Number(t.record));
      expect(e, `${file} record ${t.record}`).toBeDefined();
      if (e === undefined) continue;
      expect(e.level, `${file} record ${t.record} level`).toBe(t.level === null ? undefined : Number(t.level));
      if (e.level !== undefined) levels++;
      const hasNames = t.names.some((n) => n !== null);
      if (e.data !== undefined && hasNames && t.names.length === e.data.length) {
        expect(e.dataNames, `${file} record ${t.record} dataNames`).toEqual(t.names.map((n) => n ?? ''));
        named++;
      } else {
        expect(e.dataNames, `${file} record ${t.record} dataNames`).toBeUndefined();
      }
    }
    expect(levels).toBe(theirs.length);
    // The logs with named EventData (security auditing, sysmon, system's param1…) must show names.
    if (/security|sysmon|system|bad_chunk/i.test(file)) expect(named).toBeGreaterThan(0);
  }, 180_000);
});
