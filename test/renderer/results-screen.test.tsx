// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { appInfo, duplicateCmidHostRun, noSrvClientRun } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { renderApp } from './support/render-app.js';

const api = () =>
  contractApi({
    'app.info': () => appInfo,
    'run.get': ({ runId }) => (runId === 'run-host' ? duplicateCmidHostRun : noSrvClientRun),
    'export.plan': () => ({ files: [], totalBytes: 0, omitted: [], suggestedName: 'x.zip' }),
  });

describe('the results screen', () => {
  it('moves between tabs with the arrow keys, Home and End, with one tab stop', async () => {
    renderApp(api(), { name: 'results', runId: 'run-client', tab: 'findings' });
    const findings = await screen.findByRole('tab', { name: 'Findings' });
    expect(screen.getAllByRole('tab').map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
    findings.focus();
    fireEvent.keyDown(findings, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Client path'));
    expect(screen.getByRole('tab', { name: 'Client path' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Client path');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Export'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Findings'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Export'));
  });

  it('shows the client path only for client runs and the host dashboard only for host runs', async () => {
    renderApp(api(), { name: 'results', runId: 'run-client', tab: 'findings' });
    await screen.findByRole('tab', { name: 'Findings' });
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Findings', 'Client path', 'Export']);
  });

  it('hides the client path on a host run', async () => {
    renderApp(api(), { name: 'results', runId: 'run-host', tab: 'findings' });
    await screen.findByRole('tab', { name: 'Findings' });
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Findings', 'Host dashboard', 'Export']);
  });

  it('lands focus on the screen heading after "View findings" instead of <body>', async () => {
    const finished = { ...noSrvClientRun, summary: { ...noSrvClientRun.summary, status: 'complete' as const } };
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => finished }), { name: 'running', runId: 'run-client' });
    fireEvent.click(await screen.findByRole('button', { name: 'View findings' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('results-heading'));
  });

  it('for opened files, says what each was recognised as and, apart, what could not be checked and how to get it', async () => {
    const opened = {
      ...noSrvClientRun,
      source: { kind: 'bundle' as const, name: 'dlv.txt, notes.txt' },
      gaps: [
        {
          id: 'collect.missing-evidence',
          evidence: 'probes',
          name: 'DNS and network checks (SRV record, TCP 1688, KMS RPC)',
          explanation: 'No DNS SRV or port checks were found.',
          changesVerdict: false,
          fix: { text: 'Run kms-doctor probe on or near the client and add its JSON.', command: 'kms-doctor probe --json', runOn: 'client' as const, shell: 'cmd' as const },
        },
      ],
      opened: [
        { path: 'dlv.txt', kind: 'slmgrDlv', note: '' },
        { path: 'notes.txt', kind: 'other', note: 'not evidence: no slmgr labels, events or JSON' },
      ],
    };
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => opened }), { name: 'results', runId: 'run-client', tab: 'findings' });
    const panel = await screen.findByTestId('opened-files');
    expect(panel.querySelector('tr[data-kind="slmgrDlv"]')?.textContent).toBe('dlv.txtslmgr.vbs /dlv (licensing details)');
    expect(panel.querySelector('tr[data-kind="other"]')?.textContent).toContain('Not recognised as evidence');
    const gaps = screen.getByTestId('gaps');
    expect(gaps.textContent).toContain('DNS and network checks (SRV record, TCP 1688, KMS RPC)');
    expect(gaps.textContent).toContain('How to get it:');
    expect(gaps.textContent).toContain('On the client · Command Prompt (cmd)');
    expect(gaps.querySelector('code')?.textContent).toBe('kms-doctor probe --json');
  });

  it('puts the verdict first: the root cause in one sentence, its consequences folded under it', async () => {
    const run = {
      ...noSrvClientRun,
      verdict: { state: 'problem' as const, rootCause: 'client.dns-no-srv', consequences: ['client.not-activated'], summary: 'Root cause: no SRV record. It also explains 1 other finding.', works: [], passed: [{ id: 'clock', name: 'Client clock within 4 hours' }] },
      gaps: [],
    };
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => run }), { name: 'results', runId: 'run-client', tab: 'findings' });
    const verdict = await screen.findByTestId('verdict');
    // Before the findings list, in document order.
    expect(verdict.compareDocumentPosition(screen.getByTestId('findings-count')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(verdict.querySelector('h3')?.textContent).toBe('Problem found');
    expect(verdict.querySelector('.verdict-root')?.textContent).toBe('Root cause: no SRV record. It also explains 1 other finding.');
    const folded = verdict.querySelector('details.verdict-consequences')!;
    expect(folded.hasAttribute('open')).toBe(false);
    expect(folded.querySelector('summary')?.textContent).toBe('It also explains 1 other finding');
    expect(folded.querySelector('li')?.textContent).toBe('Windows is not activated');
  });

  it('for a healthy machine says what works and lists the checks that passed, in green', async () => {
    const healthy = {
      ...noSrvClientRun,
      findings: [],
      verdict: {
        state: 'healthy' as const,
        rootCause: null,
        consequences: [],
        summary: 'Windows is activated by kms01.contoso.com:1688. It renews in 7 days.',
        works: ['Windows is activated by kms01.contoso.com:1688.', 'It renews in 7 days.'],
        passed: [
          { id: 'dnsSrv', name: 'DNS SRV record _vlmcs._tcp' },
          { id: 'port', name: 'TCP connection to the KMS host' },
        ],
      },
      gaps: [],
    };
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => healthy }), { name: 'results', runId: 'run-client', tab: 'findings' });
    const verdict = await screen.findByTestId('verdict');
    expect(verdict.dataset.state).toBe('healthy');
    expect(verdict.className).toContain('notice-ok');
    expect([...verdict.querySelectorAll('.verdict-works li')].map((item) => item.textContent)).toEqual(['✓ Windows is activated by kms01.contoso.com:1688.', '✓ It renews in 7 days.']);
    const passed = verdict.querySelector('details.verdict-passed')!;
    expect(passed.hasAttribute('open')).toBe(true);
    expect(passed.querySelector('summary')?.textContent).toBe('2 checks passed');
    expect([...passed.querySelectorAll('li')].every((item) => item.classList.contains('status-ok'))).toBe(true);
    expect(screen.queryByText(/problems/)).toBeNull();
  });
});
