import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import yazl from 'yazl';
import { checkBundleDirectory } from '../../../electron/bundle/bundle-reader.js';
import { createReplayCollectors } from '../../../electron/collect/replay/replay-collectors.js';
import type { HandlerRegistry } from '../../../electron/main/ipc/ipc-gate.js';
import { createApiHandlers, type ApiHandlerContext } from '../../../electron/service/api-handlers.js';
import { openHistory } from '../../../electron/store/history-store.js';
import type { EventName, EventPayload } from '../../../shared/contract/events.js';
import { events } from '../../../shared/contract/events.js';
import { operations, type OperationName, type OperationResponse } from '../../../shared/contract/operations.js';
import type { ProbeDocument } from '../../../shared/probe/types.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));

type Emitted = { [K in EventName]: { event: K; payload: EventPayload<K> } }[EventName];

/** The real services over a sample machine, as the preview wires them; every answer checked against the contract. */
async function setup(machine: string, extra: Partial<ApiHandlerContext> = {}) {
  const dir = path.join(samples, machine);
  const manifest = await checkBundleDirectory(dir);
  const data = await makeTempDir('kmsd-api-');
  const store = openHistory(path.join(data, 'history.sqlite'));
  onTestFinished(() => store.close());
  const emitted: Emitted[] = [];
  const context: ApiHandlerContext = {
    appInfo: async () => ({ version: 't', platform: 'linux', canCollect: false, elevated: true, mode: 'preview' }),
    emit: (event, payload) => {
      events[event].payload.parse(payload);
      emitted.push({ event, payload } as Emitted);
    },
    workDir: path.join(data, 'work'),
    openCollectors: async () => createReplayCollectors({ dir, manifest }),
    probe: async () => JSON.parse(await readFile(path.join(dir, 'network', 'probes.json'), 'utf8')) as ProbeDocument,
    store,
    ...extra,
  };
  const raw = createApiHandlers(context);
  const call = async <K extends OperationName>(name: K, request: unknown): Promise<OperationResponse<K>> =>
    operations[name].response.parse(await (raw[name] as (r: unknown) => Promise<unknown>)(operations[name].request.parse(request))) as OperationResponse<K>;
  const finished = (runId: string) =>
    new Promise<string>((resolve, reject) => {
      const deadline = Date.now() + 20_000;
      const poll = () => {
        const done = emitted.find((item) => item.event === 'run.finished' && item.payload.runId === runId);
        if (done !== undefined && done.event === 'run.finished') return resolve(done.payload.status);
        if (Date.now() > deadline) return reject(new Error('run did not finish'));
        setTimeout(poll, 20);
      };
      poll();
    });
  return { call, emitted, finished, store, data, raw, context };
}

async function zipDirectory(dir: string, out: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const walk = async (sub: string) => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) await walk(rel);
      else zip.addBuffer(await readFile(path.join(dir, rel)), rel);
    }
  };
  await walk('');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  await writeFile(out, Buffer.concat(chunks));
}

describe('the API handlers over the real services', () => {
  it('describes the machine with its detected role and the reason', async () => {
    const host = await setup('host-duplicate-cmid');
    expect(await host.call('machine.info', {})).toMatchObject({ name: 'KMS01', detectedRole: 'host', roleReason: { code: 'description-kms-host', detail: 'VOLUME_KMS_C' }, degraded: [] });
    const client = await setup('client-no-srv');
    expect(await client.call('machine.info', {})).toMatchObject({ name: 'PC102', detectedRole: 'client', roleReason: { code: 'description-kms-client', detail: 'VOLUME_KMSCLIENT' } });
  });

  it('runs a client diagnosis with live progress, then answers its findings and client path in each language', async () => {
    const api = await setup('client-no-srv');
    const { runId } = await api.call('diagnosis.start', { role: 'client' });
    const waiting = await api.call('run.get', { runId, lang: 'en' });
    expect(waiting.steps.length).toBeGreaterThan(3);
    expect(['complete', 'incomplete']).toContain(await api.finished(runId));
    const progress = api.emitted.filter((item) => item.event === 'run.progress');
    expect(progress.some((item) => item.payload.status === 'running')).toBe(true);
    expect(progress.some((item) => item.event === 'run.progress' && item.payload.stepId === 'probes' && item.payload.status === 'ok')).toBe(true);
    const en = await api.call('run.get', { runId, lang: 'en' });
    expect(en.findings[0]?.id).toBe('client.dns-no-srv');
    expect(en.findings[0]?.evidence[0]?.excerpt).toContain('_vlmcs._tcp');
    expect(en.clientPath?.srv.map((lookup) => lookup.status)).toEqual(['nxdomain', 'nxdomain']);
    expect(en.clientPath?.suffixes[0]).toEqual({ suffix: 'contoso.com', source: 'primary' });
    expect(en.host).toBeNull();
    const ja = await api.call('run.get', { runId, lang: 'ja' });
    expect(ja.findings[0]?.id).toBe('client.dns-no-srv');
    expect(ja.findings[0]?.title).not.toBe(en.findings[0]?.title);
    const output = await api.call('run.step-output', { runId, stepId: 'slmgrDlv' });
    expect(output.text).toContain('VOLUME_KMSCLIENT');
    expect(output.command).toContain('slmgr.vbs /dlv');
  });

  it('keeps the run in the history, reopens it from a fresh process by its stored id', async () => {
    const api = await setup('client-no-srv');
    const { runId } = await api.call('diagnosis.start', { role: 'client' });
    await api.finished(runId);
    const { runs } = await api.call('history.list', {});
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ role: 'client', machine: 'PC102', worstSeverity: 'problem' });
    const reopened = createApiHandlers({ ...api.context, emit: () => undefined });
    const detail = await (reopened['run.get'] as HandlerRegistry['run.get'])({ runId: runs[0]!.runId, lang: 'zh-TW' });
    expect(detail.findings[0]?.id).toBe('client.dns-no-srv');
    expect(detail.steps.some((step) => step.stepId === 'slmgrDlv' && step.status === 'ok')).toBe(true);
  });

  it('cancels a running diagnosis and the history says so', async () => {
    const api = await setup('host-duplicate-cmid');
    const { runId } = await api.call('diagnosis.start', { role: 'host' });
    expect(await api.call('diagnosis.cancel', { runId })).toEqual({ cancelled: true });
    expect(await api.finished(runId)).toBe('cancelled');
    expect(await api.call('diagnosis.cancel', { runId })).toEqual({ cancelled: false });
    await expect.poll(() => api.store.listRuns(5)[0]?.status, { timeout: 20_000 }).toBe('cancelled');
  });

  it('opens an uploaded bundle: steps from its manifest, the host dashboard from its events', async () => {
    const api = await setup('client-no-srv');
    const zip = path.join(api.data, 'kms01.zip');
    await zipDirectory(path.join(samples, 'host-duplicate-cmid'), zip);
    const { runId } = await api.call('bundle.open', { source: 'upload', name: 'kms01.zip', dataBase64: (await readFile(zip)).toString('base64') });
    expect(runId).not.toBeNull();
    const detail = await api.call('run.get', { runId: runId!, lang: 'en' });
    expect(detail.source).toEqual({ kind: 'bundle', name: 'kms01.zip' });
    expect(detail.summary).toMatchObject({ status: 'complete', role: 'host', machine: 'KMS01' });
    expect(detail.findings[0]?.id).toBe('host.duplicate-cmid');
    expect(detail.steps.find((step) => step.stepId === 'eventsKmsHostXml')?.title).toContain('Get-WinEvent');
    const host = detail.host!;
    expect(host.duplicateCmids.length).toBeGreaterThan(0);
    expect(host.duplicateCmids[0]!.machines.length).toBeGreaterThan(1);
    expect(host.families).toEqual([
      { family: 'client', minimumCount: 25, cap: 50, distinctCmids: host.families[0]!.distinctCmids },
      // Client OS machines asked (minimum count 25), so the host caches up to 50 for every family.
      { family: 'server', minimumCount: 5, cap: 50, distinctCmids: host.families[0]!.distinctCmids },
    ]);
    // Cloned machines share one CMID: the host's count stays far below what its request volume suggests.
    expect(host.families[0]!.distinctCmids).toBeLessThan(host.duplicateCmids[0]!.machines.length);
    expect(host.requestsPerDay.length).toBeGreaterThan(0);
    expect(host.firewall.state).toBe('open');
    expect(host.dnsPublishing.result).toBe('succeeded');
    const listed = (await api.call('history.list', {})).runs;
    expect(listed.map((run) => run.role)).toEqual(['host']);
    // The history names the zip the technician opened, and says what it found, as the run page does.
    expect(listed[0]).toMatchObject({ sourceName: 'kms01.zip', status: detail.summary.status });
    expect(listed[0]!.found!.top[0]).toEqual({ id: 'host.duplicate-cmid', title: detail.findings[0]!.title });
    expect(listed[0]!.found!.problem).toBe(detail.findings.filter((finding) => finding.severity === 'problem').length);
  });

  it('opens several loose files as one run: what each was recognised as, and what is still missing', async () => {
    const api = await setup('client-no-srv');
    const file = (rel: string) => readFile(path.join(samples, 'client-port-filtered', rel)).then((bytes) => bytes.toString('base64'));
    const { runId } = await api.call('bundle.open', {
      source: 'upload-files',
      files: [
        { name: 'dlv.txt', dataBase64: await file('slmgr/dlv.txt') },
        { name: 'application-spp.xml', dataBase64: await file('events/application-spp.xml') },
        { name: 'notes.txt', dataBase64: Buffer.from('called the customer on Monday').toString('base64') },
      ],
    });
    const detail = await api.call('run.get', { runId: runId!, lang: 'en' });
    expect(detail.source).toEqual({ kind: 'bundle', name: 'dlv.txt, application-spp.xml, notes.txt' });
    const kinds = Object.fromEntries((detail.opened ?? []).map((item) => [item.path, item.kind]));
    expect(kinds).toMatchObject({ 'dlv.txt': expect.stringMatching(/^slmgrDlv/), 'application-spp.xml': 'eventsApplicationSppXml' });
    // The DNS and network checks were not among the files: the verdict's gaps say what is missing and how to get it.
    const missing = (detail.gaps ?? []).filter((gap) => gap.id === 'collect.missing-evidence');
    expect(missing.map((gap) => gap.evidence)).toContain('probes');
    expect(missing.every((gap) => gap.fix !== null)).toBe(true);
    expect(detail.verdict).toMatchObject({ state: 'problem', rootCause: 'client.no-response' });
    expect(detail.findings.map((finding) => finding.id)).toContain('client.no-response');
  });

  it('opens a folder chosen in the browser with its layout, every path kept inside the upload', async () => {
    const api = await setup('client-no-srv');
    const file = (rel: string) => readFile(path.join(samples, 'client-port-filtered', rel)).then((bytes) => bytes.toString('base64'));
    const { runId } = await api.call('bundle.open', {
      source: 'upload-files',
      folder: 'PC103',
      files: [
        { name: 'manifest.json', path: 'manifest.json', dataBase64: await file('manifest.json') },
        { name: 'dlv.txt', path: 'slmgr/dlv.txt', dataBase64: await file('slmgr/dlv.txt') },
        { name: 'application-spp.xml', path: 'events/application-spp.xml', dataBase64: await file('events/application-spp.xml') },
        // A hostile path climbs nowhere: ".." is dropped, the file lands inside the upload.
        { name: 'notes.txt', path: '../../../outside/notes.txt', dataBase64: Buffer.from('hello').toString('base64') },
      ],
    });
    const detail = await api.call('run.get', { runId: runId!, lang: 'en' });
    expect(detail.source).toEqual({ kind: 'bundle', name: 'PC103' });
    const kinds = Object.fromEntries((detail.opened ?? []).map((item) => [item.path, item.kind]));
    expect(kinds).toMatchObject({ 'manifest.json': 'manifest', 'slmgr/dlv.txt': expect.stringMatching(/^slmgrDlv/), 'events/application-spp.xml': 'eventsApplicationSppXml', 'outside/notes.txt': 'other' });
    const [upload] = await readdir(path.join(api.data, 'work', 'uploads'));
    expect(await readFile(path.join(api.data, 'work', 'uploads', upload!, 'outside', 'notes.txt'), 'utf8')).toBe('hello');
    expect(await readdir(path.join(api.data, 'work'))).not.toContain('outside');
  });

  it('refuses files that are too big together before writing them, and keeps nothing', async () => {
    const api = await setup('client-no-srv');
    const half = Buffer.alloc(40 * 1024 * 1024).toString('base64');
    const error = await api.raw['bundle.open']({ source: 'upload-files', files: [{ name: 'a.txt', dataBase64: half }, { name: 'b.txt', dataBase64: half }] }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/larger than .* together/) });
    expect(await readdir(path.join(api.data, 'work', 'uploads'))).toEqual([]);
  });

  it('refuses a hostile upload with the reader reason, naming the file as uploaded, and keeps nothing', async () => {
    const api = await setup('client-no-srv');
    const bomb = new yazl.ZipFile();
    bomb.addBuffer(Buffer.alloc(4 * 1024 * 1024), 'events/kms-host.xml');
    bomb.end();
    const chunks: Buffer[] = [];
    for await (const chunk of bomb.outputStream) chunks.push(chunk as Buffer);
    const error = await api.raw['bundle.open']({ source: 'upload', name: 'evil.zip', dataBase64: Buffer.concat(chunks).toString('base64') }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/^evil\.zip: refused: /) });
    expect(await readdir(path.join(api.data, 'work', 'uploads'))).toEqual([]);
    const text = await api.raw['bundle.open']({ source: 'upload', name: 'notes.txt', dataBase64: Buffer.from('hello').toString('base64') }).catch((reason: unknown) => reason);
    // The reader's reason, naming the file as the technician knows it (never the private upload path).
    expect(text).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/^nothing (recognisable|usable) in notes\.txt/) });
    expect((text as { message: string }).message).not.toContain('upload-');
  });

  it('opens a zip of loose files a customer mailed (no manifest): a Japanese /dlv and a Chinese /ato', async () => {
    const api = await setup('client-no-srv');
    const corpus = fileURLToPath(new URL('../../fixtures/real-world/', import.meta.url));
    const zip = new yazl.ZipFile();
    zip.addFile(path.join(corpus, 'constructed/slmgr-dlv-ja-01.txt'), 'from-customer/dlv.txt');
    zip.addFile(path.join(corpus, 'items/slmgr-ato-zh-cn-01.txt'), 'from-customer/ato.txt');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const { runId } = await api.call('bundle.open', { source: 'upload', name: 'customer.zip', dataBase64: Buffer.concat(chunks).toString('base64') });
    const detail = await api.call('run.get', { runId: runId!, lang: 'en' });
    expect(detail.summary).toMatchObject({ status: 'complete', role: 'client' });
    expect(detail.findings.map((finding) => finding.id)).toContain('client.activation-error');
  });

  it('plans, saves (with progress) and reveals a redacted export where the save dialog says', async () => {
    const target = await makeTempDir('kmsd-save-');
    const revealed: string[] = [];
    const api = await setup('client-no-srv', {
      chooseSavePath: async (name) => path.join(target, name),
      revealFile: async (_id, file) => {
        revealed.push(file);
        return { revealed: true };
      },
    });
    const { runId } = await api.call('diagnosis.start', { role: 'client' });
    await api.finished(runId);
    const plan = await api.call('export.plan', { runId, redact: true });
    expect(plan.files.map((file) => file.path)).toEqual(expect.arrayContaining(['manifest.json', 'findings.json', 'report.html', 'slmgr/dlv.txt']));
    expect(plan.suggestedName).toMatch(/^kms-doctor-redacted-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(plan.totalBytes).toBe(plan.files.reduce((sum, file) => sum + file.size, 0));
    const saved = await api.call('export.save', { runId, redact: true });
    expect(saved.path).toBe(path.join(target, plan.suggestedName));
    expect((await stat(saved.path!)).size).toBe(saved.bytes);
    const progress = api.emitted.filter((item) => item.event === 'export.progress');
    expect(progress.at(-1)?.payload).toMatchObject({ exportId: saved.exportId, done: true, bytesWritten: saved.bytes });
    expect(await api.call('export.reveal', { exportId: saved.exportId! })).toEqual({ revealed: true });
    expect(revealed).toEqual([saved.path]);
    const zipText = (await readFile(saved.path!)).toString('latin1');
    expect(zipText).not.toContain('PC102');
  });

  it('answers a cancelled save dialog with nothing written', async () => {
    const api = await setup('client-no-srv', { chooseSavePath: async () => null });
    const { runId } = await api.call('diagnosis.start', { role: 'client' });
    await api.finished(runId);
    expect(await api.call('export.save', { runId, redact: false })).toEqual({ exportId: null, path: null, bytes: null });
  });

  it('opens only allow-listed documentation links, through the host process', async () => {
    const opened: string[] = [];
    const api = await setup('client-no-srv', { openExternal: async (url) => (opened.push(url), true) });
    expect(await api.call('docs.open', { url: 'https://learn.microsoft.com/windows-server/get-started/activation-error-codes' })).toEqual({ opened: true });
    await expect(api.raw['docs.open']({ url: 'https://evil.example/learn.microsoft.com' })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(api.raw['docs.open']({ url: 'http://learn.microsoft.com/x' })).rejects.toMatchObject({ code: 'bad-request' });
    expect(opened).toEqual(['https://learn.microsoft.com/windows-server/get-started/activation-error-codes']);
  });

  it('says plainly which capability is missing when a service is not given', async () => {
    const api = createApiHandlers({ appInfo: async () => ({ version: 't', platform: 'linux', canCollect: false, elevated: null }), emit: () => undefined });
    await expect(api['diagnosis.start']({ role: 'client' })).rejects.toMatchObject({ code: 'not-supported', message: 'diagnosis is not available in this build yet' });
    await expect(api['history.list']({})).rejects.toMatchObject({ code: 'not-supported' });
    await expect(api['run.get']({ runId: 'x', lang: 'en' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
