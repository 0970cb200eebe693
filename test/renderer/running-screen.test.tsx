// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../shared/contract/operations.js';
import { applyProgress } from '../../renderer/src/screens/running-screen.js';
import { appInfo } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { renderApp } from './support/render-app.js';

const running: RunDetail = {
  summary: { runId: 'r1', startedAt: '2026-11-20T09:15:00.000Z', role: 'client', machine: 'PC-0142', status: 'running', worstSeverity: 'none' },
  source: { kind: 'this-machine', name: null },
  machine: null,
  steps: [
    { stepId: 'slmgr-dlv', title: 'cscript //nologo //U slmgr.vbs /dlv', status: 'ok', durationMs: 1500, summary: null, hasOutput: true },
    { stepId: 'dns-srv', title: 'SRV _vlmcs._tcp', status: 'running', durationMs: null, summary: null, hasOutput: false },
    { stepId: 'tcp', title: 'TCP 1688', status: 'waiting', durationMs: null, summary: null, hasOutput: false },
  ],
  findings: [],
  clientPath: null,
  host: null,
};

describe('the running screen', () => {
  it('lists every check with its status and time, and follows progress events live', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => running });
    renderApp(api, { name: 'running', runId: 'r1' });
    const first = await screen.findByTestId('step-slmgr-dlv');
    expect(first.dataset.status).toBe('ok');
    expect(first.textContent).toContain('1.5 s');
    expect(screen.getByTestId('step-dns-srv').textContent).toContain('Running');
    expect(screen.getByTestId('step-tcp').textContent).toContain('Waiting');
    expect(screen.getByTestId('run-status').textContent).toBe('1 of 3 checks done');
    act(() => api.emit('run.progress', { runId: 'r1', stepId: 'dns-srv', status: 'problem', elapsedMs: 35, summary: 'no SRV record' }));
    expect(screen.getByTestId('step-dns-srv').dataset.status).toBe('problem');
    expect(screen.getByTestId('step-dns-srv').textContent).toContain('no SRV record');
    // An event for another run changes nothing.
    act(() => api.emit('run.progress', { runId: 'other', stepId: 'tcp', status: 'ok', elapsedMs: 1, summary: null }));
    expect(screen.getByTestId('step-tcp').dataset.status).toBe('waiting');
    act(() => api.emit('run.progress', { runId: 'r1', stepId: 'tcp', status: 'running', elapsedMs: 2000, summary: null }));
    expect(screen.getByTestId('step-tcp').textContent).toMatch(/2\.\d s/);
  });

  it('shows the raw output of a step on demand, with its command', async () => {
    const api = contractApi({
      'app.info': () => appInfo,
      'run.get': () => running,
      'run.step-output': ({ stepId }) => ({ command: 'cscript //nologo //U slmgr.vbs /dlv', text: `output of ${stepId}\nLicense Status: Licensed`, truncated: false }),
    });
    renderApp(api, { name: 'running', runId: 'r1' });
    fireEvent.click(await screen.findByRole('button', { name: 'Show output' }));
    expect((await screen.findByLabelText('Raw output of cscript //nologo //U slmgr.vbs /dlv')).textContent).toContain('License Status: Licensed');
    expect(screen.getByText('Command: cscript //nologo //U slmgr.vbs /dlv')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Hide output' }));
    expect(screen.queryByLabelText('Raw output of cscript //nologo //U slmgr.vbs /dlv')).toBeNull();
  });

  it('cancels the run, and once it has finished offers the findings', async () => {
    let status: RunDetail['summary']['status'] = 'running';
    const api = contractApi({
      'app.info': () => appInfo,
      'run.get': () => ({ ...running, summary: { ...running.summary, status } }),
      'diagnosis.cancel': () => {
        status = 'cancelled';
        return { cancelled: true };
      },
    });
    renderApp(api, { name: 'running', runId: 'r1' });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(api.calls).toContainEqual(['diagnosis.cancel', { runId: 'r1' }]));
    act(() => api.emit('run.finished', { runId: 'r1', status: 'cancelled' }));
    expect(screen.getByTestId('run-status').textContent).toBe('Finished: Cancelled.');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByRole('button', { name: 'View findings' })).toBeTruthy();
  });

  it('names known checks in the UI language, next to the command that ran', async () => {
    const known: RunDetail = { ...running, steps: [{ stepId: 'slmgrDlv', title: 'cscript //nologo //U slmgr.vbs /dlv', status: 'ok', durationMs: 10, summary: null, hasOutput: false }, { stepId: 'probes', title: 'probes', status: 'waiting', durationMs: null, summary: null, hasOutput: false }] };
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => known }), { name: 'running', runId: 'r1' }, 'ja');
    const row = await screen.findByTestId('step-slmgrDlv');
    expect(row.querySelector('th')?.textContent).toBe('slmgr.vbs /dlv (ライセンスの詳細)cscript //nologo //U slmgr.vbs /dlv');
    // A step not run yet has no command to show, only its name.
    expect(screen.getByTestId('step-probes').querySelector('th')?.textContent).toBe('ネットワーク チェック: SRV、TCP 1688、KMS RPC');
  });

  it('never moves a step back to an earlier state when a stale event arrives late', () => {
    const rows = [{ ...running.steps[0]!, reportedAt: null, elapsedMs: null }];
    const stale = applyProgress(rows, { runId: 'r1', stepId: 'slmgr-dlv', status: 'running', elapsedMs: 10, summary: null }, 0);
    expect(stale[0]?.status).toBe('ok');
    const added = applyProgress(rows, { runId: 'r1', stepId: 'new-step', status: 'running', elapsedMs: 0, summary: null, title: 'New step' }, 5);
    expect(added.map((row) => [row.stepId, row.status, row.title])).toEqual([
      ['slmgr-dlv', 'ok', 'cscript //nologo //U slmgr.vbs /dlv'],
      ['new-step', 'running', 'New step'],
    ]);
  });

  it('once finished, ticks each step with what its output proved and changes the heading', async () => {
    const finished: RunDetail = {
      ...running,
      summary: { ...running.summary, status: 'complete' },
      steps: [
        { stepId: 'probes', title: 'kms-doctor probe', status: 'ok', durationMs: 3000, summary: null, hasOutput: true },
        { stepId: 'dnsClient', title: 'Get-DnsClient', status: 'ok', durationMs: 200, summary: null, hasOutput: true },
      ],
      findings: [
        {
          id: 'client.port-unreachable',
          severity: 'problem',
          title: 'kms01.corp.contoso.com:1688 does not answer (filtered)',
          explanation: 'The TCP connection timed out.',
          evidence: [{ source: 'network/probes.json', excerpt: 'kms01.corp.contoso.com:1688 tcp timeout 3000 ms' }],
          fixes: [],
          docs: [],
        },
        { id: 'client.kms-override', severity: 'info', title: 'No manual KMS host', explanation: '', evidence: [{ source: 'network/kms-client-registry.json', excerpt: '' }], fixes: [], docs: [] },
      ],
    };
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => finished }), { name: 'running', runId: 'r1' });
    await waitFor(() => expect(screen.getByTestId('step-probes').dataset.status).toBe('problem'));
    expect(screen.getByTestId('step-probes').textContent).toContain('kms01.corp.contoso.com:1688 does not answer (filtered)');
    // A step whose output no finding cites keeps the tick it earned.
    expect(screen.getByTestId('step-dnsClient').dataset.status).toBe('ok');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Checks finished: KMS client');
  });
});
