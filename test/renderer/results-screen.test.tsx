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
});
