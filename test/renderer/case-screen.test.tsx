// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract/operations.js';
import { appInfo, noSrvClientRun } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { renderApp } from './support/render-app.js';

/** A host and a client read together, as `analyze samples/host-duplicate-cmid samples/client-clock-skew` words them. */
const caseDetail: CaseDetail = {
  summary: {
    caseId: '7',
    startedAt: '2026-11-20T10:00:00.000Z',
    name: 'site-a',
    verdict: 'problem',
    machines: [
      { runId: '41', name: 'PC404', role: 'client', verdict: 'problem' },
      { runId: '42', name: 'KMS01', role: 'host', verdict: 'problem' },
    ],
    caseFindings: [{ id: 'case.count-below-client-minimum', severity: 'problem', title: 'KMS01 has a count of 1; its clients need 25' }],
  },
  caseFindings: [
    {
      id: 'case.count-below-client-minimum',
      severity: 'problem',
      title: 'KMS01 has a count of 1; its clients need 25',
      explanation:
        "The clients of KMS01 ask for a minimum count of 25 (25 for Windows client editions, 5 for Windows Server and Office), but the host's current count is 1: it answers them without activating until enough distinct machines have asked within 30 days. Clients: PC404.",
      evidence: [
        { source: 'slmgr/dlv-all.txt', excerpt: 'KMS01: current count 1' },
        { source: 'site-a/PC404', excerpt: 'PC404: requests 12288 to kms01.contoso.com ask for a minimum count of 25' },
      ],
      fixes: [{ text: 'On the host, read the current count:', command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /dlv', runOn: 'host', shell: 'cmd' }],
      docs: ['https://learn.microsoft.com/windows-server/get-started/kms-activation-planning'],
    },
  ],
  machines: [
    {
      runId: '41',
      name: 'PC404',
      source: 'site-a/PC404',
      role: 'client',
      verdict: 'problem',
      cmids: ['26e406fa-828a-4245-a211-37c26c23fcae'],
      counts: { problem: 3, warning: 0, info: 0 },
      top: [
        { id: 'client.clock-skew', severity: 'problem', title: 'Client clock differs from the KMS host' },
        { id: 'client.no-response', severity: 'problem', title: 'Activation request got no response from kms01.contoso.com:1688' },
      ],
    },
    {
      runId: null,
      name: 'KMS01',
      source: 'site-a/KMS01',
      role: 'host',
      verdict: 'problem',
      cmids: [],
      counts: { problem: 3, warning: 0, info: 0 },
      top: [{ id: 'host.duplicate-cmid', severity: 'problem', title: 'Duplicate client machine IDs: 30 machines share 1 CMID(s)' }],
    },
  ],
  ignored: ['site-a/notes.txt'],
};

describe('the case screen', () => {
  it('puts the case findings first, with proof and fix, then one column per machine', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'case.get': () => caseDetail });
    renderApp(api, { name: 'case', caseId: '7' });
    const findings = await screen.findByTestId('case-findings');
    const machines = screen.getByTestId('case-machines');
    // The case findings come before the machines in reading order.
    expect(findings.compareDocumentPosition(machines) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(findings).getByRole('heading', { level: 4, name: /KMS01 has a count of 1/ })).toBeTruthy();
    expect(findings.textContent).toContain('KMS01: current count 1');
    expect(findings.textContent).toContain('slmgr.vbs /dlv');
    expect(screen.getByTestId('case-verdict').getAttribute('data-state')).toBe('problem');
    expect(screen.getByTestId('case-verdict').textContent).toContain('2 machines: 2 with a problem, 0 with warnings, 0 working');
    const columns = machines.querySelectorAll('li.case-machine');
    expect([...columns].map((column) => column.getAttribute('data-machine'))).toEqual(['PC404', 'KMS01']);
    const client = within(columns[0] as HTMLElement);
    expect(client.getByRole('heading', { level: 4 }).textContent).toBe('PC404');
    expect(columns[0]!.textContent).toContain('KMS client');
    expect(columns[0]!.textContent).toContain('26e406fa-828a-4245-a211-37c26c23fcae');
    expect(columns[0]!.textContent).toContain('3 problems');
    // A machine whose run is gone says so instead of linking nowhere.
    expect(columns[1]!.querySelector('button')).toBeNull();
    expect(columns[1]!.textContent).toContain('no longer in the history');
    expect(screen.getByTestId('case-ignored').textContent).toContain('site-a/notes.txt');
    expect(api.calls).toContainEqual(['case.get', { caseId: '7', lang: 'en' }]);
  });

  it("opens a machine's full result and comes back to the case", async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'case.get': () => caseDetail, 'run.get': () => ({ ...noSrvClientRun, summary: { ...noSrvClientRun.summary, runId: '41' } }) });
    renderApp(api, { name: 'case', caseId: '7' });
    fireEvent.click(await screen.findByRole('button', { name: 'Full result of PC404' }));
    await waitFor(() => expect(screen.getAllByTestId('run-summary').length).toBe(1));
    expect(api.calls).toContainEqual(['run.get', { runId: '41', lang: 'en' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Back to the case' }));
    await screen.findByTestId('case-machines');
    // Focus lands on the case's heading, not on <body>.
    await waitFor(() => expect(document.activeElement?.id).toBe('case-heading'));
  });

  it('is worded in Japanese', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'case.get': () => caseDetail });
    renderApp(api, { name: 'case', caseId: '7' }, 'ja');
    expect((await screen.findByTestId('case-verdict')).textContent).toContain('2 台: 問題あり 2 台、警告あり 0 台、正常 0 台');
    expect(screen.getByTestId('case-machines').textContent).toContain('KMS ホストとの時刻のずれ');
    expect(api.calls).toContainEqual(['case.get', { caseId: '7', lang: 'ja' }]);
  });

  it('the history lists the case with its machines, and reopens it', async () => {
    const api = contractApi({
      'app.info': () => appInfo,
      'history.list': () => ({ runs: [{ runId: '41', startedAt: '2026-11-20T10:00:00.000Z', role: 'client', machine: 'PC404', status: 'complete', worstSeverity: 'problem' }], cases: [caseDetail.summary] }),
      'case.get': () => caseDetail,
    });
    renderApp(api, { name: 'history' });
    const row = await screen.findByTestId('case-7');
    expect(row.textContent).toContain('site-a');
    expect(row.textContent).toContain('PC404');
    expect(row.textContent).toContain('KMS host');
    expect(row.textContent).toContain('Host count below what its clients need');
    fireEvent.click(within(row).getByRole('button', { name: 'Reopen the case' }));
    await screen.findByTestId('case-findings');
  });

  it('the start screen lists recent cases and reopens one', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'machine.info': () => { throw { code: 'not-supported', message: 'x' }; }, 'history.list': () => ({ runs: [], cases: [caseDetail.summary] }), 'case.get': () => caseDetail });
    renderApp(api);
    const recent = await screen.findByTestId('recent-cases');
    expect(recent.textContent).toContain('Case of 2 machines:');
    expect(recent.textContent).toContain('site-a');
    fireEvent.click(within(recent).getByRole('button'));
    await screen.findByTestId('case-findings');
  });

  it('the start screen opens several machines as a case', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'machine.info': () => { throw { code: 'not-supported', message: 'x' }; }, 'history.list': () => ({ runs: [] }), 'bundle.open': () => ({ runId: null, caseId: '7' }), 'case.get': () => caseDetail });
    renderApp(api);
    const input = await screen.findByTestId('bundle-file-input');
    const files = [new File(['PK'], 'kms01.zip'), new File(['PK'], 'pc404.zip')];
    fireEvent.change(input, { target: { files } });
    await screen.findByTestId('case-findings');
    expect(api.calls.find(([name]) => name === 'bundle.open')?.[1]).toMatchObject({ source: 'upload-files' });
  });
});
