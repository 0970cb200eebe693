// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ClientPath } from '../../shared/contract/operations.js';
import { buildClientPath } from '../../renderer/src/views/client-path.js';
import { appInfo, noSrvClientRun } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { renderApp } from './support/render-app.js';

const healthy: ClientPath = {
  suffixes: [{ suffix: 'corp.contoso.com', source: 'primary' }],
  dnsServers: ['10.0.0.10', '10.0.0.11'],
  override: null,
  srv: [
    { name: '_vlmcs._tcp.corp.contoso.com', server: '10.0.0.10', status: 'ok', hresult: null, records: [{ target: 'kms01.corp.contoso.com', port: 1688, priority: 0, weight: 0, addresses: ['10.0.0.20'] }] },
    { name: '_vlmcs._tcp.corp.contoso.com', server: '10.0.0.11', status: 'timeout', hresult: '0x800705B4', records: [] },
  ],
  hosts: [{ host: 'kms01.corp.contoso.com', port: 1688, source: 'srv', tcp: { status: 'connected', ms: 3.2 }, rpc: { status: 'kms', ms: 5 } }],
};

const states = (path: ClientPath) => buildClientPath(path).map((hop) => `${hop.kind}:${hop.state}`);

describe('the client path', () => {
  it('is red from the SRV hop on when no DNS server has the record', () => {
    expect(states(noSrvClientRun.clientPath!)).toEqual(['suffixes:ok', 'servers:ok', 'srv:problem', 'hostPort:problem', 'tcp:unknown', 'rpc:unknown']);
  });

  it('is amber where one way works and another does not, green where all do', () => {
    expect(states(healthy)).toEqual(['suffixes:ok', 'servers:ok', 'srv:warning', 'hostPort:ok', 'tcp:ok', 'rpc:ok']);
  });

  it('is red at TCP for a filtered port and grey at RPC that was not tried', () => {
    const filtered: ClientPath = { ...healthy, srv: [healthy.srv[0]!], hosts: [{ ...healthy.hosts[0]!, tcp: { status: 'timeout', ms: 3000 }, rpc: { status: 'skipped', ms: 0 } }] };
    expect(states(filtered)).toEqual(['suffixes:ok', 'servers:ok', 'srv:ok', 'hostPort:ok', 'tcp:problem', 'rpc:unknown']);
  });

  it('treats a manual /skms host as the way through when DNS is not used', () => {
    const manual: ClientPath = { suffixes: [], dnsServers: [], override: { name: 'kms02.corp.contoso.com', port: 1688 }, srv: [], hosts: [{ host: 'kms02.corp.contoso.com', port: 1688, source: 'registry', tcp: { status: 'connected', ms: 2 }, rpc: { status: 'not-rpc', ms: 4 } }] };
    expect(states(manual)).toEqual(['suffixes:unknown', 'servers:unknown', 'srv:unknown', 'hostPort:ok', 'tcp:ok', 'rpc:problem']);
  });

  it('draws the chain with each hop named, its state in words and its detail', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => noSrvClientRun });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'path' });
    const srv = await screen.findByTestId('hop-srv');
    expect(srv.dataset.state).toBe('problem');
    expect(srv.textContent).toContain('SRV records (Problem)');
    expect(srv.textContent).toContain('_vlmcs._tcp.corp.contoso.com asked of 10.0.0.10: no such name');
    expect(srv.textContent).toContain('_vlmcs._tcp.contoso.com asked of 10.0.0.10: no SRV record');
    expect(screen.getByTestId('hop-suffixes').textContent).toContain('corp.contoso.com (primary suffix)');
    expect(screen.getByTestId('hop-hostPort').textContent).toContain('No KMS host to try');
    expect(screen.getAllByRole('listitem').filter((item) => item.dataset.state !== undefined)).toHaveLength(6);
  });

  it('explains when the run has no client-side network evidence', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => ({ ...noSrvClientRun, clientPath: null }) });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'path' });
    expect(await screen.findByText(/This run has no client-side network evidence/)).toBeTruthy();
  });
});
