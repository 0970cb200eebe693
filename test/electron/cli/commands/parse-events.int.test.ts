import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/io.js';
import { runCli } from '../../../../electron/cli/program.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';

const fixtures = fileURLToPath(new URL('../../../shared/parse/events/fixtures/', import.meta.url));
const fixture = (name: string): string => path.join(fixtures, name);

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await runCli(['parse', 'events', ...args], io);
  return { code, out: io.out, err: io.err };
}

type JsonEvents = { eventId: number; [key: string]: unknown }[];

describe('kms-doctor parse events', () => {
  it('--json on event XML: the JSON array of parsed events, nothing on stderr', async () => {
    const { code, out, err } = await run(fixture('wevtutil-client-application.xml'), '--json');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const events = JSON.parse(out) as JsonEvents;
    expect(events.map((e) => e.eventId)).toEqual([12288, 12289, 1003, 8198, 12308, 900]);
    expect(events[0]).toMatchObject({ kmsHost: 'kms01.corp.contoso.com', kmsPort: 1688, minimumCount: 25, timeCreated: '2026-10-03T08:14:55.301Z' });
  });

  it('a readable summary without --json: counts by id, time span, clients, error codes, the events', async () => {
    const { code, out } = await run(fixture('get-winevent-kms-host.xml'));
    expect(code).toBe(0);
    expect(out).toContain('get-winevent-kms-host.xml: 3 events (xml, utf-8)');
    expect(out).toContain('12290 × 3  host: activation request processed');
    expect(out).toContain('from 2026-10-03T08:15:02.123Z to 2026-10-03T23:59:59.999Z');
    expect(out).toContain('12290: 3 client names, 2 distinct CMIDs');
    expect(out).toContain('error codes: 0xC004F042 × 1');
    expect(out).toMatch(/2026-10-03T09:00:00\.500Z {2}12290 {2}0xC004F042 {2}client SRV00007 {2}cmid 0a2b3c4d-1111-4222-8333-444455556666 {2}min 5 {2}VM/);
  });

  it('pasted Event Viewer text and PowerShell output are read too; parts not understood go to stderr', async () => {
    const text = await run(fixture('real/event-12293-01.txt'), '--json');
    expect(text.code).toBe(0);
    expect(JSON.parse(text.out)).toEqual([expect.objectContaining({ eventId: 12293, hresult: '0x80072338', dnsDomain: 'contoso.com' })]);
    expect(text.err).toBe(
      [
        `kms-doctor parse events: ${fixture('real/event-12293-01.txt')}: 2 parts not understood:`,
        "  line 1: after the event: '0x80072338: DNS_ERROR RCODE_BADSIG'",
        "  line 1: after the event: 'DNS signature failed to verify.'",
        '',
      ].join('\n'),
    );
    const table = await run(fixture('real/poshevents-kmshost-12290-formattable-01.txt'));
    expect(table.code).toBe(0);
    expect(table.out).toContain('poshevents-kmshost-12290-formattable-01.txt: 10 events (text, utf-8)');
    expect(table.out).toContain('12290 × 10');
  });

  it('reads a UTF-16LE file with BOM (what PowerShell 5.1 writes with >)', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'events-utf16.xml');
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(fixture('get-winevent-kms-host.xml'), 'utf8'), 'utf16le')]));
    expect((JSON.parse((await run(file, '--json')).out) as JsonEvents).map((e) => e.recordId)).toEqual([4711, 4712, 4713]);
    const { code, out } = await run(file);
    expect(code).toBe(0);
    expect(out).toContain('events-utf16.xml: 3 events (xml, utf-16le with BOM)');
  });

  describe('bad input: one line on stderr, exit 1, nothing on stdout', () => {
    const expectOneLineError = (result: { code: number; out: string; err: string }, message: RegExp): void => {
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).toMatch(message);
      expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    };

    it('a missing file, a directory, an empty file', async () => {
      const dir = await makeTempDir();
      expectOneLineError(await run(path.join(dir, 'nope.xml')), /^kms-doctor parse events: .*nope\.xml: no such file\n$/);
      expectOneLineError(await run(dir), /: is a directory\n$/);
      const empty = path.join(dir, 'empty.xml');
      await writeFile(empty, '');
      expectOneLineError(await run(empty, '--json'), /: the file is empty\n$/);
    });

    it('binary garbage, an .evtx log, slmgr text, a file cut before its first event ends', async () => {
      const dir = await makeTempDir();
      const garbage = path.join(dir, 'garbage.bin');
      await writeFile(garbage, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
      expectOneLineError(await run(garbage), /: a binary file, not an \.evtx log, event XML or text\n$/);
      const evtx = path.join(dir, 'kms.evtx');
      await writeFile(evtx, Buffer.concat([Buffer.from('ElfFile\0', 'latin1'), Buffer.alloc(100)]));
      expectOneLineError(await run(evtx), /: the file header is cut \(108 of 128 bytes\)\n$/);
      expectOneLineError(await run(fixture('real/slmgr-dli-client-en-01.txt'), '--json'), /: no KMS events found \(1 part not understood, first: line 1: not a KMS event/);
      const cut = path.join(dir, 'cut.xml');
      await writeFile(cut, readFileSync(fixture('get-winevent-kms-host.xml'), 'utf8').slice(0, 900));
      expectOneLineError(await run(cut), /: no KMS events found \(2 parts not understood, first: input ends inside a tag/);
    });
  });
});

describe('the built bin as a real process', () => {
  const repo = fileURLToPath(new URL('../../../../', import.meta.url));
  beforeAll(() => {
    if (!existsSync(`${repo}out/cli/index.js`)) {
      const built = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
      expect(built.status, built.stderr).toBe(0);
    }
  });

  it('exits 0 with JSON on stdout, and 1 with one line and no stack trace on bad input', () => {
    const ok = spawnSync(process.execPath, ['bin/kms-doctor.js', 'parse', 'events', fixture('event-viewer-saved.xml'), '--json'], { cwd: repo, encoding: 'utf8', timeout: 30_000 });
    expect(ok.status, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as JsonEvents).map((e) => e.eventId)).toEqual([12293, 12294, 12290]);
    const bad = spawnSync(process.execPath, ['bin/kms-doctor.js', 'parse', 'events', fixture('real/slmgr-dli-client-en-01.txt')], { cwd: repo, encoding: 'utf8', timeout: 30_000 });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
