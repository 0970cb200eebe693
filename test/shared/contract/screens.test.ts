import { describe, expect, it } from 'vitest';
import { events, maxUploadBytes, operations, runDetailSchema, uiLanguages } from '../../../shared/contract/index.js';

describe('the contract operations of the UI screens', () => {
  it('accepts a bundle from the dialog or as an upload, and nothing else', () => {
    const request = operations['bundle.open'].request;
    expect(request.safeParse({ source: 'dialog' }).success).toBe(true);
    expect(request.safeParse({ source: 'upload', name: 'a.zip', dataBase64: 'UEsDBA==' }).success).toBe(true);
    // The renderer never names a path on disk.
    expect(request.safeParse({ source: 'path', path: 'C:\\\\Windows\\\\x.zip' }).success).toBe(false);
    expect(request.safeParse({ source: 'dialog', path: '/etc/passwd' }).success).toBe(false);
    expect(request.safeParse({ source: 'upload', name: '', dataBase64: '' }).success).toBe(false);
    expect(request.safeParse({ source: 'upload', name: 'a.zip', dataBase64: 'A'.repeat(Math.ceil(maxUploadBytes / 3) * 4 + 4) }).success).toBe(false);
  });

  it('asks for run details in one of the three UI languages', () => {
    expect(uiLanguages).toEqual(['en', 'ja', 'zh-TW']);
    expect(operations['run.get'].request.safeParse({ runId: 'r1', lang: 'ja' }).success).toBe(true);
    expect(operations['run.get'].request.safeParse({ runId: 'r1', lang: 'de' }).success).toBe(false);
    expect(operations['run.get'].request.safeParse({ runId: '', lang: 'en' }).success).toBe(false);
  });

  it('saves exports only where the save dialog says: the request carries no path', () => {
    expect(operations['export.save'].request.safeParse({ runId: 'r1', redact: true }).success).toBe(true);
    expect(operations['export.save'].request.safeParse({ runId: 'r1', redact: true, path: '/tmp/x.zip' }).success).toBe(false);
    expect(operations['export.reveal'].request.safeParse({ exportId: 'e1', path: '/' }).success).toBe(false);
  });

  it('takes documentation links as URLs only', () => {
    expect(operations['docs.open'].request.safeParse({ url: 'https://learn.microsoft.com/x' }).success).toBe(true);
    expect(operations['docs.open'].request.safeParse({ url: 'not a url' }).success).toBe(false);
    expect(operations['docs.open'].request.safeParse({ url: `https://learn.microsoft.com/${'a'.repeat(2100)}` }).success).toBe(false);
  });

  it('describes a run with its steps, ranked findings, client path and host dashboard', () => {
    const detail = {
      summary: { runId: '1', startedAt: '2026-11-20T09:00:00.000Z', role: 'host', machine: null, status: 'complete', worstSeverity: 'problem' },
      source: { kind: 'bundle', name: 'x.zip' },
      machine: null,
      steps: [{ stepId: 'slmgrDlvAll', title: 'cscript slmgr.vbs /dlv all', status: 'ok', durationMs: 5, summary: null, hasOutput: true }],
      findings: [{ id: 'host.duplicate-cmid', severity: 'problem', title: 't', explanation: 'e', evidence: [{ source: 's', excerpt: 'x' }], fixes: [{ text: 'f' }], docs: [] }],
      clientPath: null,
      host: {
        currentCount: 1,
        windowStart: null,
        windowEnd: null,
        families: [{ family: 'client', minimumCount: 25, cap: 50, distinctCmids: 1 }],
        requestsPerDay: [],
        duplicateCmids: [],
        failures: [],
        dnsPublishing: { enabled: null, result: 'unknown', hresult: null, domain: null },
        firewall: { state: 'unknown', rules: [] },
      },
    };
    expect(runDetailSchema.safeParse(detail).success).toBe(true);
    expect(runDetailSchema.safeParse({ ...detail, findings: [{ ...detail.findings[0], severity: 'fatal' }] }).success).toBe(false);
    expect(runDetailSchema.safeParse({ ...detail, steps: [{ ...detail.steps[0], status: 'done' }] }).success).toBe(false);
  });

  it('reports export progress as bytes written of a known or unknown total', () => {
    expect(events['export.progress'].payload.safeParse({ exportId: 'e', bytesWritten: 10, totalBytes: null, done: false }).success).toBe(true);
    expect(events['export.progress'].payload.safeParse({ exportId: 'e', bytesWritten: -1, totalBytes: 10, done: false }).success).toBe(false);
    expect(events['run.progress'].payload.safeParse({ runId: 'r', stepId: 's', status: 'running', elapsedMs: 0, summary: null, title: 'cscript' }).success).toBe(true);
  });
});
