import { spawnSync } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../../electron/bundle/bundle-reader.js';
import { nativeCrc32, writeBundle } from '../../../electron/bundle/bundle-writer.js';
import { createReplayCollectors } from '../../../electron/collect/replay/replay-collectors.js';
import { bundlePaths } from '../../../shared/bundle/manifest.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { identifiers, kmsHostEventsXml, recordedManifest, recordedMachineFiles, slmgrDlvText } from './fixtures/recorded-machine.js';

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

/** Every spelling an identifier could leave behind: as written, lower/upper case, in UTF-16LE. */
function leaks(bytes: Buffer, original: string): boolean {
  const variants = [original, original.toLowerCase(), original.toUpperCase()];
  return variants.some((variant) => bytes.includes(Buffer.from(variant, 'utf8')) || bytes.includes(Buffer.from(variant, 'utf16le')));
}

describe('writeBundle + openBundle', () => {
  it('writes a zip whose manifest lists every file with size, SHA-256 and producer, and reads it back identically', async () => {
    const dir = await makeTempDir();
    const out = path.join(dir, 'bundle.zip');
    const written = await writeBundle({ out, manifest: recordedManifest, files: recordedMachineFiles() });
    expect(written.manifest.files.map((file) => file.path).sort()).toEqual(recordedMachineFiles().map((file) => file.path).sort());
    const dlv = written.manifest.files.find((file) => file.path === bundlePaths.slmgrDlv);
    expect(dlv?.size).toBe(Buffer.byteLength(slmgrDlvText));
    expect(dlv?.producedBy?.command).toContain('slmgr.vbs /dlv');
    expect(written.manifest.machine.name).toBe(identifiers.machine);
    expect(written.manifest.failedCollectors[0]?.collector).toBe('firewall');

    const opened = await openBundle(out);
    try {
      expect(opened.from).toBe('zip');
      expect(opened.manifest).toEqual(written.manifest);
      expect(await readFile(path.join(opened.dir, 'events', 'kms-host.xml'), 'utf8')).toBe(kmsHostEventsXml);
      // The replay collectors answer with the recorded text, original bytes and command.
      const replay = createReplayCollectors(opened);
      const replayed = await replay.dlv();
      expect(replayed.text).toBe(slmgrDlvText);
      expect(Buffer.from(replayed.bytes).toString('utf16le')).toBe(slmgrDlvText);
      expect(replayed.command).toContain('cscript.exe //nologo //U');
      expect((await replay.firewall()).error).toContain('Get-NetFirewallRule failed');
      expect((await replay.service()).error).toBeNull();
      expect((await replay.applicationSppEvents({ days: 30, maxEvents: 10 }, path.join(dir, 'never.xml'))).absent).toBe(true);
    } finally {
      await opened.close();
    }
    await expect(stat(opened.dir)).rejects.toThrow();
  });

  it('reads an unpacked bundle directory in place, checking its hashes', async () => {
    const dir = await makeTempDir();
    const out = path.join(dir, 'bundle.zip');
    await writeBundle({ out, manifest: recordedManifest, files: recordedMachineFiles() });
    const unpacked = await openBundle(out);
    try {
      const again = await openBundle(unpacked.dir);
      expect(again.from).toBe('directory');
      expect(again.dir).toBe(unpacked.dir);
      expect(again.manifest.files).toHaveLength(recordedMachineFiles().length);
    } finally {
      await unpacked.close();
    }
  });

  it('redacts: no byte of the redacted zip or of any file in it holds an original identifier', async () => {
    const dir = await makeTempDir();
    const out = path.join(dir, 'redacted.zip');
    const written = await writeBundle({ out, manifest: recordedManifest, files: recordedMachineFiles(), redact: true });
    expect(written.manifest.redacted).toBe(true);
    expect(written.manifest.machine.name).toBeNull();
    expect(written.manifest.files.some((file) => file.path.endsWith('.evtx'))).toBe(false);
    expect(written.manifest.notes?.join(' ')).toMatch(/kms-host\.evtx left out/);

    const originals = [
      identifiers.machine, identifiers.fqdn, identifiers.kmsHost, identifiers.otherClient, identifiers.domain, identifiers.netbiosDomain,
      identifiers.user, ...identifiers.ipv4, identifiers.ipv6, identifiers.cmid, identifiers.otherCmid, identifiers.sid, 'contoso', 'kms01', 'lab-pc7',
    ];
    const opened = await openBundle(out);
    try {
      const files = await allFiles(opened.dir);
      expect(files.length).toBe(written.manifest.files.length + 1);
      const scanned = [out, ...files];
      for (const file of scanned) {
        const bytes = await readFile(file);
        for (const original of originals) expect(leaks(bytes, original), `${original} in ${path.basename(file)}`).toBe(false);
      }
      // Same input → same pseudonym across files: the duplicate CMID still correlates host events, client slmgr and report.
      const pseudoCmid = written.redactor?.mapping.get(identifiers.cmid);
      expect(pseudoCmid).toMatch(/^00000000-0000-4000-8000-\d{12}$/);
      const events = await readFile(path.join(opened.dir, 'events', 'kms-host.xml'), 'utf8');
      expect(events.split(pseudoCmid!).length - 1).toBe(2);
      expect(await readFile(path.join(opened.dir, 'slmgr', 'dlv.txt'), 'utf8')).toContain(`Client Machine ID (CMID): ${pseudoCmid}`);
      expect(await readFile(path.join(opened.dir, 'report.html'), 'utf8')).toContain(pseudoCmid);
      const raw = await readFile(path.join(opened.dir, 'slmgr', 'dlv.utf16.raw'));
      expect(raw.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
      expect(raw.subarray(2).toString('utf16le')).toBe(await readFile(path.join(opened.dir, 'slmgr', 'dlv.txt'), 'utf8'));
      // Structure survives: the KMS host:port line and the IP keep their form for the parsers.
      expect(await readFile(path.join(opened.dir, 'slmgr', 'dlv.txt'), 'utf8')).toMatch(/KMS machine name from DNS: machine-\d+\.domain-\d+\.invalid:1688/);
      expect(await readFile(path.join(opened.dir, 'slmgr', 'dlv.txt'), 'utf8')).toMatch(/KMS machine IP address: 192\.0\.2\.\d+/);
    } finally {
      await opened.close();
    }
  });

  it('writes CRCs that unzip -t accepts, with the native CRC-32 in place, for small and large (level 1) entries', async () => {
    expect(nativeCrc32).toBe(true);
    const dir = await makeTempDir();
    const big = path.join(dir, 'big.xml');
    // 9 MB of varied text: above the large-entry threshold, so it takes the level-1 path.
    await writeFile(big, Array.from({ length: 120_000 }, (_, i) => `<Event><EventRecordID>${i}</EventRecordID><Data>${(i * 2654435761) % 4294967296}</Data></Event>`).join('\n'));
    const out = path.join(dir, 'crc.zip');
    await writeBundle({ out, manifest: recordedManifest, files: [...recordedMachineFiles(), { path: 'events/big.xml', kind: 'other', producedBy: null, content: { file: big }, encoding: 'utf-8' }] });
    const tested = spawnSync('unzip', ['-t', out], { encoding: 'utf8', timeout: 60_000 });
    expect(tested.stdout).toContain('No errors detected');
    expect(tested.status).toBe(0);
  });

  it('leaves no file behind when a source cannot be read', async () => {
    const dir = await makeTempDir();
    const out = path.join(dir, 'broken.zip');
    const files = [...recordedMachineFiles(), { path: 'events/missing.xml', kind: 'other', producedBy: null, content: { file: path.join(dir, 'nope.xml') }, encoding: 'utf-8' as const }];
    await expect(writeBundle({ out, manifest: recordedManifest, files })).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});
