// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { appInfo, noSrvClientRun } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { renderApp } from './support/render-app.js';

describe('the findings view', () => {
  it('lists findings in the engine order with explanation, highlighted evidence and fixes', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => noSrvClientRun });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'findings' });
    const items = await screen.findAllByRole('listitem', { name: undefined });
    const findings = items.filter((item) => item.dataset.findingId !== undefined).map((item) => item.dataset.findingId);
    expect(findings).toEqual(['client.dns-no-srv', 'client.not-activated', 'client.kms-override']);
    expect(screen.getByTestId('findings-count').textContent).toBe('2 problems and 1 note');
    const first = screen.getByRole('article', { name: /DNS has no KMS SRV record/ });
    expect(within(first).getByText('Problem')).toBeTruthy();
    expect(first.querySelector('mark')?.textContent).toBe('_vlmcs._tcp.corp.contoso.com @ 10.0.0.10: nxdomain (0x8007232B)');
    expect(within(first).getByText('network/probes.json').closest('figcaption')?.textContent).toBe('From network/probes.json');
    // The card does not repeat its internal id, and its evidence is one tab stop, not one per excerpt.
    expect(first.textContent).not.toContain('Finding id');
    expect([...first.querySelectorAll('[tabindex="0"]')].map((element) => element.className)).toEqual(['evidence-group']);
    expect(within(first).getByText('slmgr.vbs /skms kms01.corp.contoso.com:1688')).toBeTruthy();
    // One copy button per command, none for a fix without a command.
    expect(within(first).getAllByRole('button', { name: /^Copy the command/ })).toHaveLength(1);
  });

  it('says where each command runs, in which shell, and shows its caution (issue #15 fix shape)', async () => {
    const [first, ...rest] = noSrvClientRun.findings;
    const run = {
      ...noSrvClientRun,
      findings: [
        {
          ...first!,
          fixes: [
            { text: 'Point the client at the host.', command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /skms kms01.corp.contoso.com:1688', runOn: 'client' as const, shell: 'cmd' as const },
            { text: 'Reset the CMID on each clone.', command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /rearm', runOn: 'client' as const, shell: 'cmd' as const, caution: 'Only on a clone that is not activated.' },
            { text: 'Open the port on the host.', command: 'Enable-NetFirewallRule -Name SPPSVC-In-TCP', runOn: 'host' as const, shell: 'powershell' as const },
          ],
        },
        ...rest,
      ],
    };
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => run });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'findings' });
    const article = await screen.findByRole('article', { name: /DNS has no KMS SRV record/ });
    expect(within(article).getAllByText('On the client · Command Prompt (cmd)')).toHaveLength(2);
    expect(within(article).getByText('On the KMS host · PowerShell')).toBeTruthy();
    expect(within(article).getByText('Caution: Only on a clone that is not activated.')).toBeTruthy();
  });

  it('copies a command with its button and says so', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => noSrvClientRun });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'findings' });
    fireEvent.click(await screen.findByRole('button', { name: 'Copy the command: slmgr.vbs /ato' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('slmgr.vbs /ato'));
    expect(screen.getByText('Copied')).toBeTruthy();
  });

  it('opens a documentation link through the API, never by navigating the app window', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => noSrvClientRun, 'docs.open': () => ({ opened: true }) });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'findings' });
    const url = 'https://learn.microsoft.com/windows-server/get-started/common-troubleshooting-procedures-kms-dns';
    const before = window.location.href;
    fireEvent.click(await screen.findByRole('link', { name: url }));
    await waitFor(() => expect(api.calls).toContainEqual(['docs.open', { url }]));
    expect(window.location.href).toBe(before);
  });

  it('shows the refusal when the main process will not open a link', async () => {
    const api = contractApi({
      'app.info': () => appInfo,
      'run.get': () => noSrvClientRun,
      'docs.open': () => {
        throw { code: 'bad-request', message: 'not an allowed documentation link' };
      },
    });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'findings' });
    fireEvent.click(await screen.findByRole('link', { name: /learn\.microsoft\.com/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('The link could not be opened. This was refused. What the service said: not an allowed documentation link');
  });

  it('says so when there is nothing to report', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => ({ ...noSrvClientRun, findings: [] }) });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'findings' });
    expect(await screen.findByText('No findings: nothing is wrong that the checks could see.')).toBeTruthy();
  });

  it('asks the service for the findings in the UI language', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => noSrvClientRun });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'findings' }, 'ja');
    expect(await screen.findByRole('heading', { level: 2, name: '検出事項' })).toBeTruthy();
    expect(api.calls).toContainEqual(['run.get', { runId: 'run-client', lang: 'ja' }]);
  });

  it('says "1 problem", not "1 problems"', async () => {
    const one = { ...noSrvClientRun, findings: [noSrvClientRun.findings[0]!] };
    renderApp(contractApi({ 'app.info': () => appInfo, 'run.get': () => one }), { name: 'results', runId: 'run-client', tab: 'findings' });
    expect((await screen.findByTestId('findings-count')).textContent).toBe('1 problem');
  });
});
