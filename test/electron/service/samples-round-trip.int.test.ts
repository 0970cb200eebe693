import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../../electron/bundle/bundle-reader.js';
import { diagnoseDirectory, rebundle } from '../../../electron/service/package-bundle.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const samplesDir = fileURLToPath(new URL('../../../samples/', import.meta.url));
const samples = readdirSync(samplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(samplesDir, entry.name, 'manifest.json')))
  .map((entry) => entry.name)
  .sort();

const essence = (findings: ReadonlyArray<{ id: string; severity: string; title: string; explanation: string; evidence: unknown }>) =>
  findings.map((finding) => ({ id: finding.id, severity: finding.severity, title: finding.title, explanation: finding.explanation, evidence: finding.evidence }));

describe('every sample bundle round-trips: write → read → same findings', () => {
  it('has samples to check', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(samples)('%s', async (name) => {
    const source = path.join(samplesDir, name);
    const before = await diagnoseDirectory(source, { lang: 'en' });
    const out = path.join(await makeTempDir(), `${name}.zip`);
    const { written } = await rebundle({ source, out, redact: false, lang: 'en' });
    const opened = await openBundle(out);
    try {
      expect(opened.manifest.created).toBe(before.loaded.evidence.manifest?.created);
      expect(written.manifest.files.map((file) => file.path)).toEqual(expect.arrayContaining(['findings.json', 'report.html']));
      const after = await diagnoseDirectory(opened.dir, { lang: 'en' });
      expect(essence(after.result.findings)).toEqual(essence(before.result.findings));
      expect(after.result.role).toBe(before.result.role);
      // The findings.json inside the bundle is the same diagnosis.
      const inside = JSON.parse(await readFile(path.join(opened.dir, 'findings.json'), 'utf8')) as { findings: Parameters<typeof essence>[0] };
      expect(essence(inside.findings)).toEqual(essence(before.result.findings));
    } finally {
      await opened.close();
    }
  });
});

describe('a redacted sample keeps its diagnosis (stable pseudonyms keep correlations)', () => {
  it.each(samples.filter((name) => /duplicate-cmid|clock-skew|no-srv|healthy-client/.test(name)))('%s', async (name) => {
    const source = path.join(samplesDir, name);
    const before = await diagnoseDirectory(source, { lang: 'en' });
    const out = path.join(await makeTempDir(), `${name}-redacted.zip`);
    const { written } = await rebundle({ source, out, redact: true, lang: 'en' });
    expect(written.manifest.redacted).toBe(true);
    const opened = await openBundle(out);
    try {
      const after = await diagnoseDirectory(opened.dir, { lang: 'en' });
      expect(after.result.findings.map((finding) => [finding.id, finding.severity])).toEqual(before.result.findings.map((finding) => [finding.id, finding.severity]));
    } finally {
      await opened.close();
    }
  });
});

describe('a redacted sample bundle holds none of the identifiers of the original, in any file or the report', () => {
  it('host-duplicate-cmid', async () => {
    const source = path.join(samplesDir, 'host-duplicate-cmid');
    const xml = await readFile(path.join(source, 'events', 'kms-host.xml'), 'utf8');
    const clients = [...new Set([...xml.matchAll(/<Data>0x[0-9A-Fa-f]+,\d+,([^,<]+),([0-9a-f-]{36}),/g)].flatMap((match) => [match[1]!, match[2]!]))];
    expect(clients.length).toBeGreaterThan(4);
    const originals = ['KMS01', 'kms01.contoso.com', 'contoso', ...clients];
    const out = path.join(await makeTempDir(), 'redacted.zip');
    await rebundle({ source, out, redact: true, lang: 'en' });
    const opened = await openBundle(out);
    try {
      for (const file of [...opened.manifest.files.map((item) => path.join(opened.dir, ...item.path.split('/'))), path.join(opened.dir, 'manifest.json')]) {
        const text = (await readFile(file, 'utf8')).toLowerCase();
        for (const original of originals) expect(text.includes(original.toLowerCase()), `${original} in ${path.basename(file)}`).toBe(false);
      }
    } finally {
      await opened.close();
    }
  });
});
