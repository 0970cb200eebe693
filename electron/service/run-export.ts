/**
 * Exporting a finished run as a bundle: the plan (what goes in, what redaction leaves out), the save
 * through the native dialog with progress events, and showing the written file. Drafts are made once
 * per run and redaction choice in the private work folder.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BundleManifest } from '../../shared/bundle/manifest.js';
import type { HandlerRegistry } from '../../shared/contract/dispatch.js';
import type { OperationRequest, OperationResponse } from '../../shared/contract/operations.js';
import type { ApiHandlerContext } from './api-context.js';
import { ApiFailure, CapabilityUnavailableError } from './api-errors.js';
import { exportRun } from './collect-run.js';
import type { RunRecord, RunRegistry } from './run-registry.js';

const fileSafe = (text: string): string => text.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'bundle';

/** The export operations of the contract. */
export function createExportHandlers(context: ApiHandlerContext, registry: RunRegistry): Pick<HandlerRegistry, 'export.plan' | 'export.save' | 'export.reveal'> {
  const { findRun, newId, workDir } = registry;
  const exportDrafts = new Map<string, Promise<{ file: string; manifest: BundleManifest }>>();
  const exports = new Map<string, string>();

  const draft = (run: RunRecord, redact: boolean) => {
    if (context.store === undefined) throw new CapabilityUnavailableError('export');
    if (run.storeId === null) throw new ApiFailure('bad-request', `run ${run.id} is not finished yet`);
    const key = `${run.storeId}:${redact}`;
    let pending = exportDrafts.get(key);
    if (pending === undefined) {
      const store = context.store;
      const storeId = run.storeId;
      pending = workDir('exports').then(async (dir) => {
        const file = path.join(dir, `draft-${storeId}-${redact ? 'redacted' : 'full'}.zip`);
        const { manifest } = await exportRun(store, storeId, file, { redact, lang: 'en' });
        return { file, manifest };
      });
      exportDrafts.set(key, pending);
      pending.catch(() => exportDrafts.delete(key));
    }
    return pending;
  };

  const exportPlan = async ({ runId, redact }: OperationRequest<'export.plan'>): Promise<OperationResponse<'export.plan'>> => {
    const run = findRun(runId);
    const { manifest } = await draft(run, redact);
    const full = redact ? (await draft(run, false)).manifest : manifest;
    const kept = new Set(manifest.files.map((item) => item.path));
    const files = [...manifest.files.map((item) => ({ path: item.path, size: item.size })), { path: 'manifest.json', size: Buffer.byteLength(`${JSON.stringify(manifest, null, 2)}\n`) }];
    const omitted = full.files
      .filter((item) => !kept.has(item.path))
      .map((item) =>
        item.path.endsWith('.evtx')
          ? { path: item.path, reason: '.evtx logs cannot be redacted', code: 'not-redactable' as const }
          : { path: item.path, reason: 'left out by redaction', code: 'left-out' as const },
      );
    const date = (manifest.created || run.startedAt).slice(0, 10);
    const who = redact ? 'redacted' : fileSafe(run.machine ?? manifest.machine.name ?? 'bundle');
    return { files, totalBytes: files.reduce((sum, item) => sum + item.size, 0), omitted, suggestedName: `kms-doctor-${who}-${date}.zip` };
  };

  const exportSave = async ({ runId, redact, lang }: OperationRequest<'export.save'>): Promise<OperationResponse<'export.save'>> => {
    if (context.chooseSavePath === undefined) throw new CapabilityUnavailableError('saving an export');
    const run = findRun(runId);
    const plan = await exportPlan({ runId, redact });
    const target = await context.chooseSavePath(plan.suggestedName, lang ?? 'en');
    if (target === null) return { exportId: null, path: null, bytes: null };
    const { file } = await draft(run, redact);
    const exportId = newId('export');
    const total = (await stat(file)).size;
    let written = 0;
    const source = createReadStream(file);
    source.on('data', (chunk) => {
      written += chunk.length;
      context.emit('export.progress', { exportId, bytesWritten: written, totalBytes: total, done: false });
    });
    try {
      await pipeline(source, createWriteStream(target));
    } catch (error) {
      await rm(target, { force: true });
      throw new ApiFailure('failed', `could not write ${target}: ${error instanceof Error ? error.message : String(error)}`);
    }
    context.emit('export.progress', { exportId, bytesWritten: total, totalBytes: total, done: true });
    exports.set(exportId, target);
    return { exportId, path: target, bytes: total };
  };

  const exportReveal = async ({ exportId }: OperationRequest<'export.reveal'>): Promise<OperationResponse<'export.reveal'>> => {
    const file = exports.get(exportId);
    if (file === undefined) throw new ApiFailure('not-found', `no export ${exportId}`);
    if (context.revealFile === undefined) throw new CapabilityUnavailableError('showing a file in its folder');
    return context.revealFile(exportId, file);
  };

  return { 'export.plan': exportPlan, 'export.save': exportSave, 'export.reveal': exportReveal };
}
