// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../renderer/src/history/compare-runs.js';
import { appInfo, noSrvClientRun } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { renderApp } from './support/render-app.js';

const runs = [
  { runId: 'new', startedAt: '2026-11-22T10:00:00.000Z', role: 'client' as const, machine: 'PC-0142', status: 'complete' as const, worstSeverity: 'warning' as const },
  { runId: 'old', startedAt: '2026-11-20T09:15:00.000Z', role: 'client' as const, machine: 'PC-0142', status: 'complete' as const, worstSeverity: 'problem' as const },
  { runId: 'other', startedAt: '2026-11-19T09:15:00.000Z', role: 'host' as const, machine: null, status: 'incomplete' as const, worstSeverity: 'none' as const, sourceName: 'kms01-support.zip' },
];
const older = noSrvClientRun;
const newer = {
  ...noSrvClientRun,
  summary: { ...noSrvClientRun.summary, runId: 'new', startedAt: '2026-11-22T10:00:00.000Z', worstSeverity: 'warning' as const },
  findings: [noSrvClientRun.findings[2]!, { ...noSrvClientRun.findings[0]!, id: 'client.dns-servers-disagree', severity: 'warning' as const, title: 'DNS servers disagree' }],
};

describe('the history screen', () => {
  it('lists past runs with date, role, machine, worst severity and status', async () => {
    renderApp(contractApi({ 'app.info': () => appInfo, 'history.list': () => ({ runs }) }), { name: 'history' });
    const row = await screen.findByTestId('history-old');
    expect(row.textContent).toContain('KMS client');
    expect(row.textContent).toContain('PC-0142');
    expect(row.textContent).toContain('Problem');
    expect(row.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-20T09:15:00.000Z');
    expect(screen.getByTestId('history-other').textContent).toContain('unknown machine');
    expect(screen.getByTestId('history-other').textContent).toContain('Incomplete');
    expect(screen.getByTestId('history-other').textContent).toContain('Bundle kms01-support.zip');
    expect(screen.getByTestId('history-old').textContent).not.toContain('Bundle');
  });

  it('compares two selected runs: what appeared, disappeared and stayed', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'history.list': () => ({ runs }), 'run.get': ({ runId }) => (runId === 'new' ? newer : older) });
    renderApp(api, { name: 'history' });
    const compare = await screen.findByRole('button', { name: 'Compare the two selected runs' });
    expect((compare as HTMLButtonElement).disabled).toBe(true);
    for (const checkbox of screen.getAllByRole('checkbox').slice(0, 2)) fireEvent.click(checkbox);
    expect((compare as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(compare);
    expect((await screen.findByTestId('compare-appeared')).textContent).toContain('DNS servers disagree');
    expect(screen.getByTestId('compare-disappeared').textContent).toContain('DNS has no KMS SRV record');
    expect(screen.getByTestId('compare-disappeared').textContent).toContain('Windows is not activated');
    expect(screen.getByTestId('compare-unchanged').textContent).toContain('No manual KMS host is set');
    expect(api.calls.filter(([name]) => name === 'run.get').map(([, request]) => (request as { runId: string }).runId).sort()).toEqual(['new', 'old']);
  });

  it('reopens a run and exports it again', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'history.list': () => ({ runs }), 'run.get': () => older, 'export.plan': () => ({ files: [], totalBytes: 0, omitted: [], suggestedName: 'x.zip' }) });
    renderApp(api, { name: 'history' });
    fireEvent.click((await screen.findAllByRole('button', { name: 'Reopen' }))[1]!);
    expect(await screen.findByRole('heading', { level: 2, name: 'Findings' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    fireEvent.click((await screen.findAllByRole('button', { name: 'Export again' }))[0]!);
    expect(await screen.findByRole('heading', { level: 2, name: 'Export' })).toBeTruthy();
    await waitFor(() => expect(api.calls).toContainEqual(['export.plan', { runId: 'new', redact: false }]));
  });

  it('says when there is no run yet', async () => {
    renderApp(contractApi({ 'app.info': () => appInfo, 'history.list': () => ({ runs: [] }) }), { name: 'history' });
    expect(await screen.findByText('No runs yet.')).toBeTruthy();
  });

  it('matches findings by id, once each', () => {
    const diff = compareRuns([older.findings[0]!, older.findings[0]!], [older.findings[0]!, older.findings[1]!]);
    expect(diff.appeared.map((f) => f.id)).toEqual(['client.not-activated']);
    expect(diff.disappeared).toEqual([]);
    expect(diff.unchanged.map((f) => f.id)).toEqual(['client.dns-no-srv']);
  });
});
