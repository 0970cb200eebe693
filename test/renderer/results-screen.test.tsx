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

  it('for opened files, says what each was recognised as and what is still missing, with how to get it', async () => {
    const missing = {
      id: 'collect.missing-evidence',
      severity: 'warning' as const,
      title: 'Missing evidence: DNS and network checks',
      explanation: 'No DNS SRV or port checks were found.',
      evidence: [],
      fixes: [{ text: 'Run kms-doctor probe on or near the client and add its JSON.', command: 'kms-doctor probe --json' }],
      docs: [],
    };
    const opened = {
      ...noSrvClientRun,
      source: { kind: 'bundle' as const, name: 'dlv.txt, notes.txt' },
      findings: [...noSrvClientRun.findings, missing],
      opened: [
        { path: 'dlv.txt', kind: 'slmgrDlv', note: '' },
        { path: 'notes.txt', kind: 'other', note: 'not evidence: no slmgr labels, events or JSON' },
      ],
    };
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => opened }), { name: 'results', runId: 'run-client', tab: 'findings' });
    const panel = await screen.findByTestId('opened-files');
    expect(panel.querySelector('tr[data-kind="slmgrDlv"]')?.textContent).toBe('dlv.txtslmgr.vbs /dlv (licensing details)');
    expect(panel.querySelector('tr[data-kind="other"]')?.textContent).toContain('Not recognised as evidence');
    expect(screen.getByTestId('opened-missing').textContent).toContain('Missing evidence: DNS and network checks');
    expect(screen.getByTestId('opened-missing').textContent).toContain('kms-doctor probe --json');
    // Shown once, in the panel, not again among the findings.
    expect(document.querySelectorAll('[data-finding-id="collect.missing-evidence"]').length).toBe(0);
  });
});
