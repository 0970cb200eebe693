// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../renderer/src/history/compare-runs.js';
import { appInfo, noSrvClientRun } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { renderApp } from './support/render-app.js';

const runs = [
  { runId: 'new', startedAt: '2026-11-22T10:00:00.000Z', role: 'client' as const, machine: 'PC-0142', status: 'complete' as const, worstSeverity: 'warning' as const },
  {
    runId: 'old',
    startedAt: '2026-11-20T09:15:00.000Z',
    role: 'client' as const,
    machine: 'PC-0142',
    status: 'complete' as const,
    worstSeverity: 'problem' as const,
    found: { problem: 2, warning: 1, info: 1, top: [{ id: 'client.dns-no-srv', title: 'No KMS SRV record in DNS (corp.contoso.com)' }, { id: 'client.future-rule', title: 'A finding the UI has no name for' }] },
  },
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

  it('says what each run found, by name in the UI language, plural-correct', async () => {
    renderApp(contractApi({ 'app.info': () => appInfo, 'history.list': () => ({ runs }) }), { name: 'history' });
    const found = (await screen.findByTestId('history-old')).querySelector('[data-testid="history-found"]')!;
    expect(found.textContent).toContain('2 problems, 1 warning, and 1 note');
    expect(found.textContent).toContain('No KMS SRV record in DNS');
    expect(found.textContent).toContain('A finding the UI has no name for');
  });

  it('says what each run found in Japanese, joined with 、', async () => {
    renderApp(contractApi({ 'app.info': () => appInfo, 'history.list': () => ({ runs }) }), { name: 'history' }, 'ja');
    const found = (await screen.findByTestId('history-old')).querySelector('[data-testid="history-found"]')!;
    expect(found.textContent).toContain('問題 2 件、警告 1 件、情報 1 件');
    expect(found.textContent).toContain('DNS に KMS の SRV レコードがない');
  });

  it('names both machines and warns when the two runs are of different machines, and focuses the comparison heading', async () => {
    const elsewhere = { ...noSrvClientRun, summary: { ...noSrvClientRun.summary, runId: 'new', machine: 'PC-0999', startedAt: '2026-11-22T10:00:00.000Z' } };
    const twoMachines = [{ ...runs[0]!, machine: 'PC-0999' }, runs[1]!];
    const api = contractApi({ 'app.info': () => appInfo, 'history.list': () => ({ runs: twoMachines }), 'run.get': ({ runId }) => (runId === 'new' ? elsewhere : older) });
    renderApp(api, { name: 'history' });
    await screen.findByTestId('history-old');
    for (const checkbox of screen.getAllByRole('checkbox').slice(0, 2)) fireEvent.click(checkbox);
    expect(screen.getByTestId('history-across').textContent).toBe('The two selected runs are of different machines (PC-0142 and PC-0999).');
    fireEvent.click(screen.getByRole('button', { name: 'Compare the two selected runs' }));
    expect((await screen.findByTestId('compare-across')).textContent).toMatch(/^These runs are of two different machines \(PC-0142 and PC-0999\)/);
    expect(screen.getByTestId('compare-older').textContent).toContain('PC-0142');
    expect(screen.getByTestId('compare-newer').textContent).toContain('PC-0999');
    await waitFor(() => expect(document.activeElement?.id).toBe('compare-heading'));
  });

  it('pairs findings by id and subject: four "could not collect" stay four', () => {
    const failed = (collector: string) => ({ id: 'collect.failed', severity: 'warning' as const, title: `Could not collect: ${collector}`, explanation: '', evidence: [], fixes: [], docs: [] });
    const diff = compareRuns([failed('cimProducts'), failed('cimService'), failed('dnsClient'), failed('firewall')], [failed('cimProducts'), failed('hostConfig')]);
    expect(diff.unchanged.map((f) => f.title)).toEqual(['Could not collect: cimProducts']);
    expect(diff.appeared.map((f) => f.title)).toEqual(['Could not collect: hostConfig']);
    expect(diff.disappeared.map((f) => f.title)).toEqual(['Could not collect: cimService', 'Could not collect: dnsClient', 'Could not collect: firewall']);
  });

  it('matches findings by id, once each', () => {
    const diff = compareRuns([older.findings[0]!, older.findings[0]!], [older.findings[0]!, older.findings[1]!]);
    expect(diff.appeared.map((f) => f.id)).toEqual(['client.not-activated']);
    expect(diff.disappeared).toEqual([]);
    expect(diff.unchanged.map((f) => f.id)).toEqual(['client.dns-no-srv']);
  });
});
