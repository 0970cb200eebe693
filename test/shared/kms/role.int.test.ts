// One machine, one answer: a MAK machine and a host whose only KMS firewall rule is for the Private profile
// (as a GPO scoped to Private would create it) while the Domain profile is active, driven through every layer
// that answers "what is this machine" and "is 1688 open": parse, collection role detection, diagnosis, the
// start screen (machine.info) and the host dashboard (run.get).
import { createHash } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { checkBundleDirectory } from '../../../electron/bundle/bundle-reader.js';
import { createReplayCollectors } from '../../../electron/collect/replay/replay-collectors.js';
import { loadEvidence } from '../../../electron/evidence/load-evidence.js';
import type { ApiHandlerContext } from '../../../electron/service/api-context.js';
import { createApiHandlers } from '../../../electron/service/api-handlers.js';
import { detectRole } from '../../../electron/service/detect-role.js';
import { openHistory } from '../../../electron/store/history-store.js';
import type { BundleManifest } from '../../../shared/bundle/manifest.js';
import { operations, type OperationName, type OperationResponse } from '../../../shared/contract/operations.js';
import { diagnose } from '../../../shared/diagnose/index.js';
import { parseSlmgrText } from '../../../shared/parse/slmgr.js';
import type { ProbeDocument } from '../../../shared/probe/types.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));

/** A copy of a sample machine with some files replaced (the manifest's size and hash follow) and the recorded role cleared. */
async function machine(sample: string, replace: Record<string, string>): Promise<string> {
  const dir = path.join(await makeTempDir('kmsd-role-'), sample);
  await cp(path.join(samples, sample), dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BundleManifest & { files: Array<{ path: string; size: number; sha256: string }> };
  for (const [file, text] of Object.entries(replace)) {
    const bytes = Buffer.from(text, 'utf8');
    await writeFile(path.join(dir, file), bytes);
    const entry = manifest.files.find((item) => item.path === file)!;
    entry.size = bytes.length;
    entry.sha256 = createHash('sha256').update(bytes).digest('hex');
  }
  // Nothing recorded: every layer has to work the role out from the evidence itself.
  await writeFile(manifestPath, JSON.stringify({ ...manifest, role: 'unknown' }, null, 2));
  return dir;
}

async function services(dir: string) {
  const manifest = await checkBundleDirectory(dir);
  const data = await makeTempDir('kmsd-role-api-');
  const store = openHistory(path.join(data, 'history.sqlite'));
  onTestFinished(() => store.close());
  const finished = new Map<string, string>();
  const context: ApiHandlerContext = {
    appInfo: async () => ({ version: 't', platform: 'linux', canCollect: false, elevated: true, mode: 'preview' }),
    emit: (event, payload) => {
      if (event === 'run.finished') finished.set((payload as { runId: string }).runId, (payload as { status: string }).status);
    },
    workDir: path.join(data, 'work'),
    openCollectors: async () => createReplayCollectors({ dir, manifest }),
    probe: async () => JSON.parse(await readFile(path.join(dir, 'network', 'probes.json'), 'utf8')) as ProbeDocument,
    store,
  };
  const raw = createApiHandlers(context);
  const call = async <K extends OperationName>(name: K, request: unknown): Promise<OperationResponse<K>> =>
    operations[name].response.parse(await (raw[name] as (r: unknown) => Promise<unknown>)(operations[name].request.parse(request))) as OperationResponse<K>;
  const run = async () => {
    const { runId } = await call('diagnosis.start', { role: 'auto' });
    const deadline = Date.now() + 20_000;
    while (!finished.has(runId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return call('run.get', { runId, lang: 'en' });
  };
  return { call, run };
}

describe('one machine, one answer in every layer', () => {
  it('a licensed MAK machine is the client side everywhere, for the same reason', async () => {
    const dir = await machine('client-mak', {});
    const dlv = await readFile(path.join(dir, 'slmgr', 'dlv.txt'), 'utf8');
    const parsed = parseSlmgrText(dlv);
    const collected = detectRole({ cimProducts: null, cimService: null, slmgrText: dlv });
    const diagnosed = diagnose((await loadEvidence(dir)).evidence, { lang: 'en' });
    const api = await services(dir);
    const start = await api.call('machine.info', {});
    const detail = await api.run();

    const answers = { parse: parsed.role, collection: collected, diagnosis: diagnosed.role, startScreen: start.detectedRole, run: detail.summary.role };
    expect(answers).toEqual({ parse: 'client', collection: 'client', diagnosis: 'client', startScreen: 'client', run: 'client' });
    expect(parsed.roleReason).toEqual({ code: 'not-kms-channel', detail: 'VOLUME_MAK' });
    expect(start.roleReason).toEqual(parsed.roleReason);
    // Diagnosed as a client: its finding is about the channel, not a KMS failure.
    expect(diagnosed.findings.map((finding) => finding.id)).toContain('client.channel-not-kms');
    // The run on the replayed machine also lists the collectors the sample has no file for (collect.failed).
    expect(detail.findings.map((finding) => finding.id).filter((id) => !id.startsWith('collect.'))).toEqual(diagnosed.findings.map((finding) => finding.id).filter((id) => !id.startsWith('collect.')));
  });

  it('a 1688 rule only on the Private profile while Domain is active is closed on the dashboard and in the finding', async () => {
    const sample = path.join(samples, 'host-firewall-closed', 'host', 'firewall.json');
    const firewall = JSON.parse(await readFile(sample, 'utf8')) as { ActiveProfiles: unknown; Rules: unknown[] };
    // Profile 2 = Private only; ActiveProfiles 2 = DomainAuthenticated (Get-NetConnectionProfile's NetworkCategory).
    firewall.Rules.push({ Name: 'KMS-GPO-Private', DisplayName: 'KMS (GPO, Private)', Enabled: 1, Direction: 1, Action: 2, Profile: 2, Protocol: 'TCP', LocalPort: '1688' });
    expect(firewall.ActiveProfiles).toBe(2);
    const dir = await machine('host-firewall-closed', { 'host/firewall.json': JSON.stringify(firewall, null, 2) });
    const dlvAll = await readFile(path.join(dir, 'slmgr', 'dlv-all.txt'), 'utf8');
    const diagnosed = diagnose((await loadEvidence(dir)).evidence, { lang: 'en' });
    const api = await services(dir);
    const start = await api.call('machine.info', {});
    const detail = await api.run();

    const roles = { parse: parseSlmgrText(dlvAll).role, collection: detectRole({ cimProducts: null, cimService: null, slmgrText: dlvAll }), diagnosis: diagnosed.role, startScreen: start.detectedRole, run: detail.summary.role };
    expect(roles).toEqual({ parse: 'host', collection: 'host', diagnosis: 'host', startScreen: 'host', run: 'host' });
    const finding = detail.findings.find((item) => item.id === 'host.firewall-closed');
    expect(finding?.evidence[0]?.excerpt).toContain('KMS (GPO, Private) (Private)');
    expect(diagnosed.firewall).toMatchObject({ state: 'closed', closedProfiles: ['Domain'] });
    expect(detail.host?.firewall.state).toBe('closed');
  });
});
