import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/io.js';
import { runCli } from '../../../../electron/cli/program.js';
import type { SlmgrReport } from '../../../../shared/parse/types.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';

const fixtures = fileURLToPath(new URL('../../../shared/parse/fixtures/', import.meta.url));
const fixture = (name: string): string => path.join(fixtures, name);

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await runCli(['parse', 'slmgr', ...args], io);
  return { code, out: io.out, err: io.err };
}

const expectOneLineError = (err: string): void => {
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
};

describe('kms-doctor parse slmgr', () => {
  it('prints one JSON document with --json', async () => {
    const { code, out, err } = await cli(fixture('slmgr-dlv-client-en-03-win11-notification.txt'), '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as SlmgrReport;
    expect(report.source).toBe('slmgr-text');
    expect(report.role).toBe('client');
    expect(report.products[0]?.notificationReason).toBe('0xC004F056');
  });

  it('prints a readable summary without --json', async () => {
    const { code, out } = await cli(fixture('slmgr-dlv-host-office-en-01.txt'));
    expect(code).toBe(0);
    expect(out).toContain('role host');
    expect(out).toContain('Product 1: Office 16, OfficeKMSHostVL_KMS_Host edition');
    expect(out).toContain('KMS host: current count 0, port 1688, DNS publishing enabled, priority normal');
    expect(out).toContain('Requests: total 0, failed 0');
  });

  it('names the error code in the summary', async () => {
    const { out } = await cli(fixture('slmgr-dlv-client-en-03-win11-notification.txt'));
    expect(out).toContain('License status: notification, reason 0xC004F056 (SL_E_VL_MACHINE_NOT_BOUND)');
  });

  it('reads a UTF-16LE file written by cscript //U', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'dli-utf16.txt');
    const text = readFileSync(fixture('slmgr-dli-client-en-01.txt'), 'utf8').replace(/\n/g, '\r\n');
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { code, out } = await cli(file, '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as SlmgrReport).products[0]?.kmsClient?.cmid).toBe('2ffcfc30-6a6a-49ec-92b8-f6150c7df211');
  });

  it('reads localized output with --ini and lists the lines it cannot map without it', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'dli-de.txt');
    await writeFile(
      file,
      ['Name: Windows(R), Enterprise edition', 'Beschreibung: Windows(R) Operating System, VOLUME_KMSCLIENT channel', 'Teilweiser Product Key: 2YT43', 'Lizenzstatus: Lizenziert', 'Ablauf der Volumenaktivierung: 1440 Minute(n) (1 Tag(e))', ''].join('\r\n'),
    );
    const localized = await cli(file, '--ini', fixture('slmgr-0407.ini'), '--json');
    expect(localized.code).toBe(0);
    const report = JSON.parse(localized.out) as SlmgrReport;
    expect(report.unrecognizedLines).toEqual([]);
    expect(report.products[0]).toMatchObject({ channel: 'VOLUME_KMSCLIENT', licenseStatus: 'licensed', remainingMinutes: 1440, partialProductKey: '2YT43' });
    const summary = await cli(file, '--ini', fixture('slmgr-0411-partial.ini'));
    expect(summary.out).toContain('reading stopped at the duplicate key l_msgproductname');
    // Without the ini the same fields are read from the layout and the value shapes (issue 14).
    const byLayout = await cli(file, '--json');
    expect(byLayout.code).toBe(0);
    const layoutReport = JSON.parse(byLayout.out) as SlmgrReport;
    expect(layoutReport.products[0]).toMatchObject({ channel: 'VOLUME_KMSCLIENT', licenseStatus: 'licensed', remainingMinutes: 1440, partialProductKey: '2YT43' });
    expect(layoutReport.displayLanguage).toBe('de');
  });

  it('also reads the CIM licensing JSON, marked as such', async () => {
    const { code, out } = await cli(fixture('cim-products-host.json'), '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as SlmgrReport).source).toBe('cim-json');
  });

  it('fails with one line and exit 1 for a missing file', async () => {
    const { code, err, out } = await cli(fixture('no-such-file.txt'));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('no such file');
    expectOneLineError(err);
  });

  it('fails with one line for a directory, an empty file and binary data', async () => {
    const dir = await makeTempDir();
    const empty = path.join(dir, 'empty.txt');
    const binary = path.join(dir, 'garbage.bin');
    await writeFile(empty, '\r\n  \r\n');
    await writeFile(binary, Buffer.from(Array.from({ length: 4096 }, (_v, i) => (i * 131 + 7) % 256)));
    for (const [file, reason] of [[dir, 'is a directory'], [empty, 'is empty'], [binary, 'binary data']] as const) {
      const { code, err } = await cli(file);
      expect(code).toBe(1);
      expect(err).toContain(reason);
      expectOneLineError(err);
    }
  });

  it('sends event XML to the right command', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'events.xml');
    await writeFile(file, '<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>12290</EventID></System></Event></Events>\n');
    const { code, err } = await cli(file, '--json');
    expect(code).toBe(1);
    expect(err).toContain('is Windows event data (1 event), not slmgr output');
    expect(err).toContain('kms-doctor parse events');
    expectOneLineError(err);
  });

  // Event Viewer's "Copy details" text has label lines slmgr has too ("Description:"): it was read as a
  // licence with no name (role other, no-volume-product). Real text from test/fixtures/real-world/items.
  it('sends pasted event text to the right command, as analyze reads it', async () => {
    const { code, out, err } = await cli(fileURLToPath(new URL('../../../fixtures/real-world/items/event-12290-01.txt', import.meta.url)), '--json');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/is Windows event data \(1 event\), not slmgr output: use `kms-doctor parse events`/);
    expectOneLineError(err);
  });

  it('rejects an ini saved in an ANSI code page, and an ini with no label keys', async () => {
    const wrong = await cli(fixture('slmgr-dli-client-en-01.txt'), '--ini', fixture('slmgr-0407-cp1252.ini'));
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('is not UTF-16');
    expectOneLineError(wrong.err);
    const none = await cli(fixture('slmgr-dli-client-en-01.txt'), '--ini', fixture('slmgr-dli-host-en-02-ws2003.txt'));
    expect(none.code).toBe(1);
    expect(none.err).toContain('no slmgr label keys');
    const missing = await cli(fixture('slmgr-dli-client-en-01.txt'), '--ini', fixture('nope.ini'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read ini');
  });

  it('reads what is there of a truncated UTF-16 file (cut mid-line, odd byte count)', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'truncated.txt');
    const full = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(fixture('slmgr-dlv-host-office-en-01.txt'), 'utf8').replace(/\n/g, '\r\n'), 'utf16le')]);
    const cut = full.subarray(0, full.indexOf(Buffer.from('Requests with License Status Licensed', 'utf16le')) + 41);
    await writeFile(file, cut);
    const { code, out } = await cli(file, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as SlmgrReport;
    expect(report.products[0]?.kmsHost?.requests).toMatchObject({ total: 0, failed: 0, unlicensed: 0, licensed: null, notification: null });
    expect(report.unrecognizedLines).toHaveLength(1);
    expect(report.unrecognizedLines[0]).toMatch(/^ {3}Requests with Lic.*\uFFFD$/);
  });

  it('lists unrecognised lines in the summary rather than dropping them', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'mixed.txt');
    await writeFile(file, `${readFileSync(fixture('slmgr-dli-client-en-01.txt'), 'utf8')}\nsomething the user typed\n`);
    const { code, out } = await cli(file);
    expect(code).toBe(0);
    expect(out).toContain('Lines not recognised (1):');
    expect(out).toContain('  | something the user typed');
  });

  it('shortens a long list of unrecognised lines in the summary but not in --json', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'noisy.txt');
    const noise = Array.from({ length: 80 }, (_v, i) => `noise line ${i}`).join('\n');
    await writeFile(file, `${readFileSync(fixture('slmgr-dli-client-en-01.txt'), 'utf8')}\n${noise}\n`);
    const summary = await cli(file);
    expect(summary.out).toContain('Lines not recognised (80):');
    expect(summary.out).toContain('  … and 30 more (--json lists them all)');
    const json = await cli(file, '--json');
    expect((JSON.parse(json.out) as SlmgrReport).unrecognizedLines).toHaveLength(80);
  });
});
