/**
 * Issue 14's yardstick, analyze side: every corpus item that `parse` reads is accepted by `analyze` and
 * concluded as a careful human concludes (role, each product's kind and status, the first problem or
 * "healthy"); the out-of-scope ones are refused with one line saying what they are.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEvidence } from '../../electron/evidence/load-evidence.js';
import { runCli } from '../../electron/cli/program.js';
import { diagnose, type DiagnosisResult } from '../../shared/diagnose/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { corpus, itemPath, type CorpusItem } from './corpus.js';

interface Concluded {
  readonly accepted: boolean;
  readonly message: string;
  readonly role?: string;
  readonly first?: string;
  readonly products?: ReadonlyArray<{ kind: string | null; licenseStatus: string | null }>;
}

async function conclude(item: CorpusItem): Promise<Concluded> {
  try {
    const loaded = await loadEvidence(itemPath(item));
    const result: DiagnosisResult = diagnose(loaded.evidence, { lang: 'en' });
    return {
      accepted: true,
      message: '',
      role: result.role,
      // The first problem or warning about the machine (not a collection note, not an info), else healthy.
      first: result.findings.find((finding) => finding.severity !== 'info' && !finding.id.startsWith('collect.'))?.id ?? 'healthy',
      products: (loaded.evidence.slmgr?.products ?? []).map((p) => ({ kind: p.kind ?? null, licenseStatus: p.licenseStatus })),
    };
  } catch (error) {
    return { accepted: false, message: error instanceof Error ? error.message : String(error) };
  }
}

async function expectConclusion(item: CorpusItem): Promise<void> {
  const got = await conclude(item);
  const want = item.conclusion;
  expect(got.accepted, got.message).toBe(want.accepted);
  if (!want.accepted) {
    expect(got.message.split('\n')).toHaveLength(1);
    expect(got.message).toContain(want.says ?? '');
    return;
  }
  expect({ role: got.role, first: got.first, products: got.products }).toEqual({ role: want.role, first: want.first, products: want.products });
}

describe('analyze accepts every corpus item parse reads and concludes what a careful human concludes', () => {
  for (const item of corpus) {
    it(`${item.file}: ${item.conclusion.accepted ? `${item.conclusion.role}, ${item.conclusion.first}` : `refused (${item.conclusion.says})`}`, async () => {
      await expectConclusion(item);
    });
  }
});

function zipOf(file: string, entries: ReadonlyArray<{ name: string; source: string }>): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const entry of entries) zip.addFile(entry.source, entry.name);
    zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject);
    zip.end();
  });
}

describe('a customer’s loose files', () => {
  const byFile = (file: string): CorpusItem => corpus.find((item) => item.file === file) as CorpusItem;

  it('a zip without a manifest (Chinese /ato, an /skms transcript, Japanese event text) opens in analyze', async () => {
    const dir = await makeTempDir();
    const zip = path.join(dir, 'from-customer.zip');
    await zipOf(zip, [
      { name: 'customer/ato.txt', source: itemPath(byFile('items/slmgr-ato-zh-cn-01.txt')) },
      { name: 'customer/transcript.txt', source: itemPath(byFile('items/slmgr-transcript-ipk-skms-ato-en-01.txt')) },
      { name: 'customer/events.txt', source: itemPath(byFile('constructed/event-viewer-ja-12288-01.txt')) },
    ]);
    let out = '';
    let err = '';
    const code = await runCli(['analyze', zip, '--json', '--no-history'], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as DiagnosisResult;
    expect(result.role).toBe('client');
    const loaded = await loadEvidence(zip);
    expect(loaded.from).toBe('zip');
    expect(loaded.evidence.slmgr?.activation.map((a) => a.hresult)).toEqual(['0xC004F074', '0x80080005']);
    expect(loaded.evidence.slmgr?.commands?.map((c) => `${c.command} ${c.value}`)).toEqual(['ipk M7XTQ-FN8P6-TTKYV-9D4CC-J462D', 'skms kms.shuax.com']);
    expect(loaded.evidence.clientEvents?.map((e) => e.hresult)).toEqual(['0xC004F074']);
  });

  it('a folder mixing every form is read whole; each file says what it was', async () => {
    const dir = await makeTempDir();
    const files = ['items/slmgr-dlv-client-en-03-win11-notification.txt', 'constructed/events-getwinevent-csv-01.csv', 'items/ospp-act-en-01-office2010.txt'];
    for (const [index, file] of files.entries()) await copyFile(itemPath(byFile(file)), path.join(dir, `${index}-${path.basename(file)}`));
    await writeFile(path.join(dir, '3-photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0, 0]));
    const loaded = await loadEvidence(dir);
    const notes = Object.fromEntries(loaded.files.map((f) => [f.path.replace(/^\d-/, ''), f.note]));
    expect(notes['slmgr-dlv-client-en-03-win11-notification.txt']).toMatch(/^slmgr output \(en\): role client, 1 product/);
    expect(notes['events-getwinevent-csv-01.csv']).toBe('event CSV: 2 events');
    expect(notes['ospp-act-en-01-office2010.txt']).toMatch(/Office ospp\.vbs output: not in scope/);
    expect(notes['photo.jpg']).toMatch(/^binary data/);
    // The slmgr text and the events are one client's evidence: the events' unanswered request comes first.
    const ids = diagnose(loaded.evidence, { lang: 'en' }).findings.map((finding) => finding.id);
    expect(ids.slice(0, 1)).toEqual(['client.no-response']);
    expect(ids).toContain('client.not-activated');
  });
});
