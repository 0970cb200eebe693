// `kms-doctor parse events <file.evtx>`: the same JSON array as for event XML, every record in file
// order; the human summary counts by id and says what was damaged or skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/io.js';
import { runCli } from '../../../../electron/cli/program.js';
import { record12290, record12293, writeEvtx } from '../../../../tools/gen/evtx-writer.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';

const evtxFixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/evtx/${name}`, import.meta.url));
const haveLibevtx = spawnSync('sh', ['-c', 'command -v evtxexport']).status === 0;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io: CliIo & { out: string; err: string } = { out: '', err: '', stdout: (t) => void (io.out += t), stderr: (t) => void (io.err += t) };
  const code = await runCli(['parse', 'events', ...args], io);
  return { code, out: io.out, err: io.err };
}

type JsonEvents = { eventId: number; recordId: number; data?: string[]; [key: string]: unknown }[];
const hexAsNumber = (v: string): string => (/^0x[0-9a-fA-F]{1,16}$/.test(v) ? BigInt(v).toString() : v);

describe('kms-doctor parse events on .evtx', () => {
  it.skipIf(!haveLibevtx)(`--json gives the array the same command gives for evtxexport's XML of the log${haveLibevtx ? '' : ' [skipped: needs libevtx-utils]'}`, async () => {
    const dir = await makeTempDir();
    const xml = path.join(dir, 'application.xml');
    // evtxexport prints a version line first; the XML after it is what the event XML path reads.
    await writeFile(xml, execFileSync('evtxexport', ['-f', 'xml', evtxFixture('Application_no_crc32.evtx')], { timeout: 60_000 }).toString('utf8').replace(/^evtxexport.*\n/, ''));
    const fromEvtx = await run(evtxFixture('Application_no_crc32.evtx'), '--json');
    const fromXml = await run(xml, '--json');
    expect(fromEvtx.code).toBe(0);
    expect(fromXml.code).toBe(0);
    // libevtx zero-pads hex integers, Windows does not (see test/shared/parse/evtx/evtx-oracle.int.test.ts).
    const canon = (out: string): JsonEvents => (JSON.parse(out) as JsonEvents).map((e) => (e.data === undefined ? e : { ...e, data: e.data.map(hexAsNumber) }));
    expect(canon(fromEvtx.out)).toEqual(canon(fromXml.out));
    expect((JSON.parse(fromEvtx.out) as JsonEvents).map((e) => e.recordId)).toEqual(Array.from({ length: 17 }, (_, i) => 426 + i));
    expect(fromEvtx.err).toBe(`kms-doctor parse events: ${evtxFixture('Application_no_crc32.evtx')}: 1 part damaged or skipped:\n  chunk 0: checksums not set (0): read without checking\n`);
  });

  it('a KMS host log: counts by id, 12290 clients, error codes, and what was damaged', async () => {
    const file = path.join(await makeTempDir(), 'kms.evtx');
    const host = { computer: 'kms01' };
    await writeFile(
      file,
      writeEvtx(
        [
          record12290({ ...host, time: '2026-10-01T07:00:00Z', recordId: 1 }, ['0x0', '25', 'pc1', 'b0000000-0000-4000-8000-000000000001', '2026/10/1 7:00', '0', '1', '259200', 'a']),
          record12290({ ...host, time: '2026-10-01T08:00:00Z', recordId: 2 }, ['0xC004F042', '25', 'pc2', 'b0000000-0000-4000-8000-000000000002', '2026/10/1 8:00', '0', '1', '259200', 'a']),
          record12293({ ...host, time: '2026-10-01T09:00:00Z', recordId: 3 }, '0x80072338', 'contoso.com'),
        ],
        { dirty: true },
      ),
    );
    const { code, out, err } = await run(file);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('kms.evtx: 3 events (.evtx, 3 records in 1 chunk)');
    expect(out).toContain('12290 × 2  host: activation request processed');
    expect(out).toContain('12290: 2 client names, 2 distinct CMIDs');
    expect(out).toContain('error codes: 0xC004F042 × 1, 0x80072338 × 1');
    expect(out).toContain('damaged or skipped (1):\n  file header: the log was not closed cleanly');
  });

  it('a damaged log: the records that can be read, and where the rest were lost', async () => {
    const { code, out } = await run(evtxFixture('sample_with_a_bad_chunk_magic.evtx'));
    expect(code).toBe(0);
    expect(out).toContain('sample_with_a_bad_chunk_magic.evtx: 267 events (.evtx, 267 records in 4 chunks)');
    expect(out).toContain("chunk 7, record 47640: size 504 and its copy at the record's end (0) differ: rest of the chunk skipped");
  });

  it('bad .evtx input: one line, exit 1', async () => {
    const dir = await makeTempDir();
    const headerOnly = path.join(dir, 'empty.evtx');
    const full = writeEvtx([record12293({ computer: 'x', time: '2026-10-01T09:00:00Z', recordId: 3 }, '0x0', 'x')]);
    await writeFile(headerOnly, full.subarray(0, 4096));
    const result = await run(headerOnly, '--json');
    expect(result).toEqual({ code: 1, out: '', err: `kms-doctor parse events: ${headerOnly}: no events read (0 records in 0 chunks)\n` });
  });
});

describe('the built bin on a real log', () => {
  const repo = fileURLToPath(new URL('../../../../', import.meta.url));
  beforeAll(() => {
    if (!existsSync(`${repo}out/cli/index.js`)) {
      const built = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
      expect(built.status, built.stderr).toBe(0);
    }
  });

  it('security.evtx --json: 2261 events in file order', () => {
    const r = spawnSync(process.execPath, ['bin/kms-doctor.js', 'parse', 'events', evtxFixture('security.evtx'), '--json'], { cwd: repo, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26 });
    expect(r.status, r.stderr).toBe(0);
    const events = JSON.parse(r.stdout) as JsonEvents;
    expect(events).toHaveLength(2261);
    expect(events[0]).toMatchObject({ eventId: 4608, recordId: 1, logName: 'Security', timeCreated: '2016-07-08T18:12:51.681Z' });
  });
});
