import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { listEvidenceFiles } from '../../../../electron/bundle/loose-folder.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFleet } from '../../../../tools/gen/fleet.js';
import { runCli } from '../../../../electron/cli/program.js';
import { bundlePaths } from '../../../../shared/bundle/manifest.js';
import type { CaseResult } from '../../../../shared/case/case-report.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';

async function analyze(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['analyze', ...args, '--no-history'], { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('analyze with several machines (a case)', () => {
  it('a generated fleet: 60 client bundles and two hosts give each case finding exactly on its machines', async () => {
    const dir = await makeTempDir();
    const truth = await writeFleet({ outDir: dir, clients: 60, hostEvents: 4000 });
    const { code, out, err } = await analyze(dir, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as CaseResult;
    expect(result.machines).toHaveLength(62);
    expect(result.machines.filter((m) => m.role === 'host').map((m) => m.name).sort()).toEqual(['KMS01', 'KMS02']);
    for (const m of result.machines) expect(Object.keys(m)).toEqual(expect.arrayContaining(['name', 'role', 'verdict', 'findings']));

    const byId = (id: string) => result.caseFindings.filter((f) => f.id === id);
    // 13 clones share the generator's 3 CMIDs, named exactly.
    const shared = byId('case.shared-cmid');
    expect(shared).toHaveLength(1);
    expect(shared[0]!.title).toBe(`${[...truth.sharedCmids.values()].flat().length} clients share 3 CMID(s)`);
    for (const [cmid, names] of truth.sharedCmids) {
      expect(shared[0]!.evidence).toContainEqual({ source: `CMID ${cmid}`, excerpt: `${names.length} machines: ${names.join(', ')}` });
    }
    // Every 25th client's requests never reach its host, and only those are named.
    const notSeen = byId('case.client-not-seen-by-host');
    expect(sorted(notSeen.map((f) => f.title))).toEqual(sorted([...truth.unreached].map(([host, names]) => `${names.length} client(s) send requests that ${host} never logged`)));
    for (const f of notSeen) {
      const host = f.title.split(' never')[0]!.split(' ').pop()!;
      expect(sorted(f.evidence.map((e) => e.excerpt.split(' ')[0]!))).toEqual(sorted(truth.unreached.get(host)!));
      expect(f.severity).toBe('problem');
    }
    // The client whose clock runs 6 h ahead: skew, and the host's refusal with 0xC004F06C.
    const skew = byId('case.clock-skew');
    expect(skew.map((f) => f.evidence.map((e) => e.excerpt.split(' ')[0]))).toEqual([...truth.skewed.values()]);
    expect(skew[0]!.explanation).toContain('up to 6 hours');
    const refused = byId('case.host-refuses-client');
    expect(refused.map((f) => [f.title.split(' ')[0], f.evidence.slice(1).map((e) => e.excerpt.split(' ')[0])])).toEqual([...truth.skewed]);
    expect(refused[0]!.title).toContain('0xC004F06C');
    expect(byId('case.count-below-client-minimum')).toEqual([]);
    // Each proof names its machine (computer name) and the file in that machine's bundle it was read from.
    const machineSources = new Map(result.machines.map((m) => [m.name, m.source]));
    const bundleFiles = new Set<string>(Object.values(bundlePaths));
    const cited = result.caseFindings.flatMap((f) => f.evidence).filter((e) => !e.source.startsWith('CMID ') && e.source !== 'case');
    expect(cited.length).toBeGreaterThan(0);
    for (const e of cited) {
      const [, name, where] = /^([^:]+): (.+)$/.exec(e.source) ?? [];
      expect(machineSources.has(name!), e.source).toBe(true);
      expect(where!.startsWith(`${machineSources.get(name!)}/`), e.source).toBe(true);
      expect(bundleFiles.has(where!.slice(machineSources.get(name!)!.length + 1)), e.source).toBe(true);
    }
    // Sorted by problem: machines with problems first.
    const verdicts = result.machines.map((m) => m.verdict);
    expect(verdicts).toEqual([...verdicts].sort((a, b) => ['problem', 'warning', 'ok'].indexOf(a) - ['problem', 'warning', 'ok'].indexOf(b)));
  }, 120_000);

  it('several paths on the command line are one case; the text and the HTML lead with the case summary', async () => {
    const dir = await makeTempDir();
    const truth = await writeFleet({ outDir: dir, clients: 4, hostEvents: 200, cloneShare: 0.5, cloneCmids: 1 });
    const html = path.join(dir, 'case.html');
    const { code, out } = await analyze(truth.hostZips[0]!, truth.clientZips[0]!, truth.clientZips[1]!, '--html', html, '--lang', 'ja');
    expect(code).toBe(0);
    expect(out).toMatch(/^KMS Doctor ケース レポート: /);
    expect(out).toContain('3 台: ');
    expect(out).toContain('2 台のクライアントが 1 個の CMID を共有  (case.shared-cmid)');
    const { readFile } = await import('node:fs/promises');
    const page = await readFile(html, 'utf8');
    const summaryAt = page.indexOf('id="case"');
    expect(summaryAt).toBeGreaterThan(0);
    expect(summaryAt).toBeLessThan(page.indexOf('id="machines"'));
    expect(page).toContain('case.shared-cmid');
  }, 60_000);

  it('one bundle keeps the single-machine JSON shape', async () => {
    const dir = await makeTempDir();
    const truth = await writeFleet({ outDir: dir, clients: 2, hostEvents: 100 });
    const { code, out } = await analyze(truth.clientZips[0]!, '--json');
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(out) as object)).toEqual(expect.arrayContaining(['role', 'findings', 'summary']));
    expect(JSON.parse(out)).not.toHaveProperty('machines');
  }, 60_000);

  it('a folder in bundle layout without a manifest stays one machine; a missing path is one line, exit 1', async () => {
    const dir = await makeTempDir();
    await mkdir(path.join(dir, 'slmgr'));
    await mkdir(path.join(dir, 'events'));
    await copyFile('samples/healthy-client/slmgr/dlv.txt', path.join(dir, 'slmgr', 'dlv.txt'));
    await copyFile('samples/healthy-client/events/application-spp.xml', path.join(dir, 'events', 'application-spp.xml'));
    const one = await analyze(dir, '--json');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out)).toHaveProperty('role', 'client');
    const missing = await analyze(dir, path.join(dir, 'nope.zip'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^kms-doctor analyze: .*nope\.zip: no such file or folder\n$/);
  });

  it('one zip (no manifest) holding several machines\' folders is a case, each shown inside the zip', async () => {
    const dir = await makeTempDir();
    const zipPath = path.join(dir, 'case.zip');
    const zip = new yazl.ZipFile();
    for (const [folder, sample] of [['kms01', 'samples/healthy-host'], ['pc017', 'samples/healthy-client']] as const) {
      for (const file of await listEvidenceFiles(sample)) zip.addFile(file, `${folder}/${path.relative(sample, file).split(path.sep).join('/')}`);
    }
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(zipPath));
    const { code, out } = await analyze(zipPath, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out) as CaseResult;
    expect(result.machines.map((m) => [m.name, m.source]).sort()).toEqual([['KMS01', `${zipPath}/kms01`], ['PC017', `${zipPath}/pc017`]]);
  });

  it('a machine that cannot be read stops the case with one line naming it, exit 1', async () => {
    const dir = await makeTempDir();
    const truth = await writeFleet({ outDir: dir, clients: 2, hostEvents: 100 });
    await writeFile(path.join(dir, 'clients', 'PC0003.zip'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]));
    const { code, out, err } = await analyze(dir);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(err).toContain(path.join(dir, 'clients', 'PC0003.zip'));
    expect(err).not.toMatch(/\n\s+at /);
    expect(truth.clientZips).toHaveLength(2);
  }, 60_000);

  it('names files beside the machines\' bundles instead of dropping them silently', async () => {
    const dir = await makeTempDir();
    await writeFleet({ outDir: path.join(dir, 'fleet'), clients: 2, hostEvents: 100 });
    await writeFile(path.join(dir, 'fleet', 'clients', 'notes.txt'), 'called the customer\n');
    const { code, out } = await analyze(path.join(dir, 'fleet'), '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { ignored: string[] }).ignored).toEqual([path.join(dir, 'fleet', 'clients', 'notes.txt')]);
  }, 60_000);
});
