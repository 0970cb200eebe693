// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { appInfo, duplicateCmidHostRun } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { renderApp } from './support/render-app.js';

describe('the host dashboard', () => {
  it('shows the count against 25/5 with caps 50/10 per family', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => duplicateCmidHostRun });
    renderApp(api, { name: 'results', runId: 'run-host', tab: 'host' });
    const client = await screen.findByTestId('family-client');
    expect(client.textContent).toContain('Windows client OS: 1 distinct CMIDs of 25 needed (cap 50)');
    expect(client.textContent).toContain('24 more needed');
    expect(client.querySelector('meter')?.getAttribute('max')).toBe('50');
    const server = screen.getByTestId('family-server');
    expect(server.textContent).toContain('6 distinct CMIDs of 5 needed (cap 10)');
    expect(server.textContent).toContain('threshold met');
    expect(screen.getByTestId('current-count').textContent).toBe('Current count (slmgr): 1');
  });

  it('draws requests per day with the values in a table, the duplicate-CMID table and failures by code', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => duplicateCmidHostRun });
    renderApp(api, { name: 'results', runId: 'run-host', tab: 'host' });
    const chart = await screen.findByTestId('requests-chart');
    expect(chart.querySelectorAll('rect.bar-requests')).toHaveLength(3);
    expect(chart.getAttribute('aria-label')).toContain('requests and failures per day');
    const table = screen.getByRole('table', { name: 'Requests per day' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    const duplicates = screen.getByTestId('duplicate-cmids');
    expect(duplicates.textContent).toContain('3f1c2a9e-1111-4c1d-9a55-0123456789ab');
    expect(duplicates.textContent).toContain('PC-0007.corp.contoso.com, PC-0008.corp.contoso.com, PC-0009.corp.contoso.com');
    expect(screen.getByTestId('failures').textContent).toContain('0xC004F042');
  });

  it('shows the DNS publishing and firewall state', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => duplicateCmidHostRun });
    renderApp(api, { name: 'results', runId: 'run-host', tab: 'host' });
    expect((await screen.findByTestId('dns-publishing')).textContent).toContain('Last publication failed (event 12293) with 0x8007251D');
    expect(screen.getByTestId('firewall').textContent).toContain('No enabled inbound rule allows TCP 1688');
  });

  it('says when a table has nothing and when the run has no host evidence', async () => {
    const quiet = { ...duplicateCmidHostRun, host: { ...duplicateCmidHostRun.host!, duplicateCmids: [], failures: [], requestsPerDay: [] } };
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => quiet });
    const view = renderApp(api, { name: 'results', runId: 'run-host', tab: 'host' });
    expect(await screen.findByText('No CMID is reported by more than one machine.')).toBeTruthy();
    expect(screen.getByText('No failed request in the window.')).toBeTruthy();
    expect(screen.getByText('No activation request in the window.')).toBeTruthy();
    view.unmount();
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => ({ ...duplicateCmidHostRun, host: null }) }), { name: 'results', runId: 'run-host', tab: 'host' });
    expect(await screen.findByText(/This run has no host-side evidence/)).toBeTruthy();
  });

  it('formats numbers and dates in the UI language', async () => {
    const big = { ...duplicateCmidHostRun, host: { ...duplicateCmidHostRun.host!, currentCount: 12345 } };
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => big }), { name: 'results', runId: 'run-host', tab: 'host' }, 'ja');
    expect((await screen.findByTestId('current-count')).textContent).toBe('現在のカウント (slmgr): 12,345');
    expect(screen.getByText(/^期間 2026\/10\/2\d/)).toBeTruthy();
  });

  it('puts the first, middle and last day under the chart axis', async () => {
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => duplicateCmidHostRun }), { name: 'results', runId: 'run-host', tab: 'host' });
    const axis = await screen.findByTestId('chart-axis');
    expect([...axis.children].map((label) => label.textContent)).toEqual(['Nov 19', 'Nov 20', 'Nov 21']);
  });

  it('lists the machines sharing a CMID with the Japanese list mark 、', async () => {
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => duplicateCmidHostRun }), { name: 'results', runId: 'run-host', tab: 'host' }, 'ja');
    const table = await screen.findByTestId('duplicate-cmids');
    expect(table.querySelector('tbody td')?.textContent).toBe('PC-0007.corp.contoso.com、PC-0008.corp.contoso.com、PC-0009.corp.contoso.com');
  });
});
