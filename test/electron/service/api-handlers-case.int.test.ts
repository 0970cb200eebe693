// The app opens a case the way analyze does (several bundles, or a folder or zip of several machines):
// each machine a run of its own, the case findings on top, the case kept in the history and reopened
// from it in any language, after a restart too.
import { cp, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import yazl from 'yazl';
import { createWriteStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { writeFleet } from '../../../tools/gen/fleet.js';
import type { ApiHandlerContext } from '../../../electron/service/api-context.js';
import { createApiHandlers } from '../../../electron/service/api-handlers.js';
import { openHistory, type HistoryStore } from '../../../electron/store/history-store.js';
import { operations, type OperationName, type OperationResponse } from '../../../shared/contract/operations.js';
import { countingUnpacks } from '../../helpers/count-unpacks.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));

function handlers(store: HistoryStore, workDir: string, extra: Partial<ApiHandlerContext> = {}) {
  const context: ApiHandlerContext = {
    appInfo: async () => ({ version: 't', platform: 'linux', canCollect: false, elevated: true, mode: 'preview' }),
    emit: () => undefined,
    workDir,
    store,
    ...extra,
  };
  const raw = createApiHandlers(context);
  return async <K extends OperationName>(name: K, request: unknown): Promise<OperationResponse<K>> =>
    operations[name].response.parse(await (raw[name] as (r: unknown) => Promise<unknown>)(operations[name].request.parse(request))) as OperationResponse<K>;
}

async function setup() {
  const data = await makeTempDir('kmsd-case-api-');
  const store = openHistory(path.join(data, 'history.sqlite'));
  onTestFinished(() => store.close());
  return { data, store, call: handlers(store, path.join(data, 'work')) };
}

const base64 = async (file: string): Promise<string> => (await readFile(file)).toString('base64');

async function zipFolders(out: string, folders: ReadonlyArray<[string, string]>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [prefix, dir] of folders) {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      zip.addFile(full, `${prefix}/${path.relative(dir, full).split(path.sep).join('/')}`);
    }
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(out));
}

describe('a case in the app', () => {
  it('several bundle zips opened together: a case, each machine a run, the case findings first, kept in the history', async () => {
    const { call, store, data } = await setup();
    const dir = await makeTempDir('kmsd-fleet-');
    const truth = await writeFleet({ outDir: dir, clients: 4, hostEvents: 200, cloneShare: 0.5, cloneCmids: 1 });
    // The host and the two clones of one image (the generator names each clone).
    const clones = [...truth.sharedCmids.values()].flat();
    expect(clones).toHaveLength(2);
    const zips = [truth.hostZips[0]!, ...truth.clientZips.filter((zip) => clones.includes(path.basename(zip, '.zip')))];
    expect(zips).toHaveLength(3);
    const opened = await call('bundle.open', { source: 'upload-files', files: await Promise.all(zips.map(async (zip) => ({ name: path.basename(zip), dataBase64: await base64(zip) }))) });
    expect(opened.runId).toBeNull();
    expect(opened.caseId).toMatch(/^\d+$/);

    const detail = await call('case.get', { caseId: opened.caseId!, lang: 'en' });
    expect(detail.summary.name).toBe(zips.map((zip) => path.basename(zip)).join(', '));
    expect(detail.machines.map((m) => m.source).sort()).toEqual(zips.map((zip) => path.basename(zip)).sort());
    expect(detail.machines.filter((m) => m.role === 'host').map((m) => m.name)).toEqual(['KMS01']);
    // The shared CMID is on top, with its proof and its fix.
    const shared = detail.caseFindings.find((f) => f.id === 'case.shared-cmid');
    expect(shared?.title).toBe('2 clients share 1 CMID(s)');
    expect(shared?.evidence[0]).toEqual({ source: `CMID ${[...truth.sharedCmids.keys()][0]}`, excerpt: `2 machines: ${clones.join(', ')}` });
    expect(shared?.fixes.some((fix) => fix.command?.includes('sysprep'))).toBe(true);
    expect(detail.summary.verdict).toBe('problem');
    // Each machine links to its full result: its own run, in the history.
    for (const machine of detail.machines) {
      expect(machine.runId).not.toBeNull();
      const run = await call('run.get', { runId: machine.runId!, lang: 'en' });
      expect(run.summary.role).toBe(machine.role);
      expect(run.source.name).toBe(machine.source);
    }
    const history = await call('history.list', {});
    expect(history.cases).toHaveLength(1);
    expect(history.cases![0]).toMatchObject({ caseId: opened.caseId, name: detail.summary.name, verdict: detail.summary.verdict });
    expect(history.cases![0]!.machines.map((m) => m.runId).sort()).toEqual(detail.machines.map((m) => m.runId).sort());
    expect(history.runs).toHaveLength(3);

    // In Japanese, and after a restart (new handlers over the same history): the same case, its words translated.
    const again = handlers(store, path.join(data, 'work'));
    const ja = await again('case.get', { caseId: opened.caseId!, lang: 'ja' });
    expect(ja.machines.map((m) => [m.name, m.verdict, m.runId])).toEqual(detail.machines.map((m) => [m.name, m.verdict, m.runId]));
    expect(ja.caseFindings.map((f) => f.id)).toEqual(detail.caseFindings.map((f) => f.id));
    for (const f of ja.caseFindings) expect(f.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  }, 60_000);

  it('a folder of two sample machines chosen in the browser: host and client side by side, what only the pair shows', async () => {
    const { call } = await setup();
    const dir = await makeTempDir('kmsd-case-folder-');
    await cp(path.join(samples, 'host-duplicate-cmid'), path.join(dir, 'KMS01'), { recursive: true });
    await cp(path.join(samples, 'client-clock-skew'), path.join(dir, 'PC404'), { recursive: true });
    const files = [];
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      files.push({ name: entry.name, path: path.relative(dir, full).split(path.sep).join('/'), dataBase64: await base64(full) });
    }
    const opened = await call('bundle.open', { source: 'upload-files', folder: 'site-a', files });
    const detail = await call('case.get', { caseId: opened.caseId!, lang: 'en' });
    expect(detail.machines.map((m) => [m.source, m.role])).toEqual(expect.arrayContaining([['site-a/KMS01', 'host'], ['site-a/PC404', 'client']]));
    expect(detail.caseFindings.map((f) => f.id)).toEqual(expect.arrayContaining(['case.count-below-client-minimum']));
    const below = detail.caseFindings.find((f) => f.id === 'case.count-below-client-minimum')!;
    expect(below.title).toBe('KMS01 has a count of 1; its clients need 25');
    // Each proof names its machine with the file, as the technician opened it (both machines have a dlv-all.txt).
    expect(below.evidence.map((e) => e.source)).toEqual(['KMS01: site-a/KMS01/slmgr/dlv-all.txt', 'PC404: site-a/PC404/events/application-spp.evtx']);
    expect(detail.machines.every((m) => m.top.length > 0 && m.counts.problem > 0)).toBe(true);
  }, 60_000);

  it('a zip holding several machines: unpacked to a folder of the app, so the case reopens once the zip is gone', async () => {
    const { call, store, data } = await setup();
    const dir = await makeTempDir('kmsd-case-zip-');
    const zip = path.join(dir, 'case.zip');
    await zipFolders(zip, [['KMS01', path.join(samples, 'host-duplicate-cmid')], ['PC404', path.join(samples, 'client-clock-skew')]]);
    const opened = await call('bundle.open', { source: 'upload', name: 'case.zip', dataBase64: await base64(zip) });
    const first = await call('case.get', { caseId: opened.caseId!, lang: 'zh-TW' });
    expect(first.machines.map((m) => m.source).sort()).toEqual(['case.zip/KMS01', 'case.zip/PC404']);
    // The uploads are removed (as a cleanup would); the case and its machines' runs read the app's own copy.
    await (await import('node:fs/promises')).rm(path.join(data, 'work', 'uploads'), { recursive: true, force: true });
    const reopened = await handlers(store, path.join(data, 'work'))('case.get', { caseId: opened.caseId!, lang: 'en' });
    expect(reopened.machines.map((m) => m.name).sort()).toEqual(['KMS01', 'PC404']);
    for (const machine of reopened.machines) expect((await call('run.get', { runId: machine.runId!, lang: 'en' })).findings.length).toBeGreaterThan(0);
  }, 60_000);

  it('a single bundle zip opens as one run without being unpacked: read once, in memory', async () => {
    const { call } = await setup();
    const dir = await makeTempDir('kmsd-single-zip-');
    const zip = path.join(dir, 'pc404.zip');
    await zipFolders(zip, [['PC404', path.join(samples, 'client-clock-skew')]]);
    const { value: opened, unpacked } = await countingUnpacks(() => call('bundle.open', { source: 'upload', name: 'pc404.zip', dataBase64: readFileSync(zip).toString('base64') }));
    expect(opened.caseId ?? null).toBeNull();
    expect(unpacked).toBe(0);
    const run = await call('run.get', { runId: opened.runId!, lang: 'en' });
    expect(run.findings.map((f) => f.id)).toContain('client.clock-skew');
  }, 60_000);

  it('a case with a machine that cannot be read: one line naming it, and nothing half-kept', async () => {
    const { call, store, data } = await setup();
    const dir = await makeTempDir('kmsd-fleet-');
    const truth = await writeFleet({ outDir: dir, clients: 2, hostEvents: 50 });
    const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]).toString('base64');
    const error = await call('bundle.open', {
      source: 'upload-files',
      files: [
        { name: 'kms01.zip', dataBase64: await base64(truth.hostZips[0]!) },
        { name: 'pc1.zip', dataBase64: await base64(truth.clientZips[0]!) },
        { name: 'pc2.zip', dataBase64: broken },
      ],
    }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/^pc2\.zip: /) });
    expect((error as Error).message).not.toContain(data);
    expect((error as Error).message).toMatch(/^pc2\.zip: not a readable zip/);
    expect(store.listRuns()).toEqual([]);
    expect(store.listCases()).toEqual([]);
    expect(await readdir(path.join(data, 'work', 'uploads'))).toEqual([]);
  }, 60_000);

  it('the desktop dialog: several bundles chosen, or one folder of them, are a case', async () => {
    const { store, data } = await setup();
    const dir = await makeTempDir('kmsd-fleet-');
    const truth = await writeFleet({ outDir: dir, clients: 2, hostEvents: 50 });
    let chosen: string[] = [truth.hostZips[0]!, ...truth.clientZips];
    const call = handlers(store, path.join(data, 'work'), { chooseBundle: async () => chosen });
    const files = await call('bundle.open', { source: 'dialog', pick: 'files', lang: 'en' });
    const fromFiles = await call('case.get', { caseId: files.caseId!, lang: 'en' });
    expect(fromFiles.machines.map((m) => m.source).sort()).toEqual(['KMS01.zip', 'PC0001.zip', 'PC0002.zip']);
    // A folder of bundles (clients/ and hosts/ beside each other) is read where it is, shown under its name.
    chosen = [dir];
    const folder = await call('bundle.open', { source: 'dialog', pick: 'folder', lang: 'en' });
    const fromFolder = await call('case.get', { caseId: folder.caseId!, lang: 'en' });
    expect(fromFolder.machines.map((m) => m.source).sort()).toEqual([`${path.basename(dir)}/clients/PC0001.zip`, `${path.basename(dir)}/clients/PC0002.zip`, `${path.basename(dir)}/hosts/KMS01.zip`, `${path.basename(dir)}/hosts/KMS02.zip`]);
  }, 60_000);

  it('one machine stays a run, not a case', async () => {
    const { call } = await setup();
    const opened = await call('bundle.open', { source: 'upload-files', files: [{ name: 'dlv.txt', dataBase64: await base64(path.join(samples, 'client-port-filtered', 'slmgr', 'dlv.txt')) }] });
    expect(opened.runId).not.toBeNull();
    expect(opened.caseId).toBeUndefined();
  });
});
