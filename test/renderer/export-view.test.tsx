// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OperationRequest } from '../../shared/contract/operations.js';
import { appInfo, noSrvClientRun } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { renderApp } from './support/render-app.js';

const plan = ({ redact }: OperationRequest<'export.plan'>) => ({
  files: [
    { path: 'manifest.json', size: 2048 },
    { path: 'slmgr/dlv.txt', size: 3_500 },
    ...(redact ? [] : [{ path: 'events/application-spp.evtx', size: 1_572_864 }]),
  ],
  totalBytes: redact ? 5_548 : 1_578_412,
  omitted: redact ? [{ path: 'events/application-spp.evtx', reason: 'in English from the service', code: 'not-redactable' as const }] : [],
  suggestedName: 'kms-doctor-PC-0142.zip',
});

describe('the export view', () => {
  it('lists what the zip will contain with sizes, and what redaction leaves out', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => noSrvClientRun, 'export.plan': plan });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'export' });
    const files = await screen.findByTestId('export-files');
    expect(files.textContent).toContain('events/application-spp.evtx');
    expect(files.textContent).toContain('1.5 MB');
    const toggle = screen.getByRole('switch', { name: 'Redact identifiers' });
    expect(toggle.getAttribute('aria-describedby')).toBe('redact-help');
    expect(screen.getByText(/Replaces machine names, FQDNs, IP addresses, CMIDs/)).toBeTruthy();
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByTestId('export-omitted').textContent).toBe('Left out: events/application-spp.evtx (.evtx logs cannot be redacted)'));
    expect(screen.getByTestId('export-files').textContent).not.toContain('.evtx');
    expect(api.calls).toContainEqual(['export.plan', { runId: 'run-client', redact: true }]);
  });

  it('saves with progress, then shows the path and reveals it in the folder', async () => {
    let finish: (value: { exportId: string; path: string; bytes: number }) => void = () => undefined;
    const api = contractApi({
      'app.info': () => appInfo,
      'run.get': () => noSrvClientRun,
      'export.plan': plan,
      'export.save': () => new Promise((resolve) => (finish = resolve)),
      'export.reveal': () => ({ revealed: true }),
    });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'export' });
    await screen.findByTestId('export-files');
    fireEvent.click(screen.getByRole('switch', { name: 'Redact identifiers' }));
    await waitFor(() => expect(screen.queryByTestId('export-omitted')).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Save the zip…' }));
    await waitFor(() => expect(api.calls).toContainEqual(['export.save', { runId: 'run-client', redact: true }]));
    act(() => api.emit('export.progress', { exportId: 'e1', bytesWritten: 500, totalBytes: 1000, done: false }));
    expect(screen.getByRole('progressbar', { name: 'Export progress' }).getAttribute('value')).toBe('50');
    await act(async () => finish({ exportId: 'e1', path: 'C:\\Users\\tech\\Desktop\\kms.zip', bytes: 5_548 }));
    expect(await screen.findByText('Saved with identifiers redacted to C:\\Users\\tech\\Desktop\\kms.zip')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show in folder' }));
    await waitFor(() => expect(api.calls).toContainEqual(['export.reveal', { exportId: 'e1' }]));
  });

  it('says nothing was written when the save dialog was cancelled, and shows a failure', async () => {
    let answer: 'cancel' | 'fail' = 'cancel';
    const api = contractApi({
      'app.info': () => appInfo,
      'run.get': () => noSrvClientRun,
      'export.plan': plan,
      'export.save': () => {
        if (answer === 'fail') throw { code: 'failed', message: 'disk full' };
        return { exportId: null, path: null, bytes: null };
      },
    });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'export' });
    await screen.findByTestId('export-files');
    fireEvent.click(screen.getByRole('button', { name: 'Save the zip…' }));
    expect(await screen.findByText('No file chosen: nothing was written.')).toBeTruthy();
    answer = 'fail';
    fireEvent.click(screen.getByRole('button', { name: 'Save the zip…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Something went wrong. What the service said: disk full');
  });

  it('offers the download where the preview cannot open a folder', async () => {
    const api = contractApi({
      'app.info': () => ({ ...appInfo, mode: 'preview' }),
      'run.get': () => noSrvClientRun,
      'export.plan': plan,
      'export.save': () => ({ exportId: 'e2', path: '/tmp/kms.zip', bytes: 10 }),
      'export.reveal': () => ({ revealed: false, downloadUrl: '/api/download/e2' }),
    });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'export' });
    await screen.findByTestId('export-files');
    fireEvent.click(screen.getByRole('button', { name: 'Save the zip…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Show in folder' }));
    expect((await screen.findByRole('link', { name: 'Download the zip' })).getAttribute('href')).toBe('/api/download/e2');
  });

  it('withdraws a saved result and its link when the redaction switch changes after saving', async () => {
    const api = contractApi({
      'app.info': () => ({ ...appInfo, mode: 'preview' }),
      'run.get': () => noSrvClientRun,
      'export.plan': plan,
      'export.save': ({ redact }) => ({ exportId: redact ? 'e-red' : 'e-full', path: redact ? '/tmp/redacted.zip' : '/tmp/full.zip', bytes: 10 }),
      'export.reveal': ({ exportId }) => ({ revealed: false, downloadUrl: `/api/download/${exportId}` }),
    });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'export' });
    await screen.findByTestId('export-files');
    fireEvent.click(screen.getByRole('button', { name: 'Save the zip…' }));
    expect(await screen.findByText('Saved without redaction to /tmp/full.zip')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show in folder' }));
    expect((await screen.findByRole('link', { name: 'Download the zip' })).getAttribute('href')).toBe('/api/download/e-full');
    // Ticking "Redact" now must not leave the unredacted file's link under the ticked switch.
    fireEvent.click(screen.getByRole('switch', { name: 'Redact identifiers' }));
    expect(screen.queryByTestId('export-saved')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Download the zip' })).toBeNull();
    expect(screen.getByTestId('export-stale').textContent).toBe(
      'The redaction switch changed after saving: /tmp/full.zip is NOT redacted. Save again for a zip that matches the switch.',
    );
    await waitFor(() => expect(screen.queryByTestId('export-omitted')).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Save the zip…' }));
    expect(await screen.findByText('Saved with identifiers redacted to /tmp/redacted.zip')).toBeTruthy();
    expect(screen.queryByTestId('export-stale')).toBeNull();
    expect(api.calls.filter(([name]) => name === 'export.save').map(([, request]) => request)).toEqual([
      { runId: 'run-client', redact: false },
      { runId: 'run-client', redact: true },
    ]);
  });

  it('says nothing is sent, what each file is for, and gives a support text to copy', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => noSrvClientRun, 'export.plan': plan });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'export' });
    const files = await screen.findByTestId('export-files');
    expect(screen.getByTestId('export-not-sent').textContent).toMatch(/^Nothing is sent anywhere/);
    const dlvRow = [...files.querySelectorAll('tbody tr')].find((row) => row.textContent?.includes('slmgr/dlv.txt'));
    expect(dlvRow?.textContent).toContain('slmgr /dlv as support asks for it');
    const text = screen.getByTestId('support-text').textContent ?? '';
    expect(text).toContain('kms-doctor-PC-0142.zip');
    expect(text).toContain('PC-0142 (KMS client)');
    expect(text).toContain('It is not redacted.');
    // Problems and warnings by title, joined as English writes a list; the info line is left out.
    expect(text).toContain('Findings: DNS has no KMS SRV record for corp.contoso.com and Windows is not activated.');
    expect(text).not.toContain('No manual KMS host');
    expect(screen.getByRole('button', { name: 'Copy the text' })).toBeTruthy();
  });

  it('joins the support text\'s findings with 、 in Japanese', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'run.get': () => noSrvClientRun, 'export.plan': plan });
    renderApp(api, { name: 'results', runId: 'run-client', tab: 'export' }, 'ja');
    await screen.findByTestId('export-files');
    expect(screen.getByTestId('support-text').textContent).toContain('DNS has no KMS SRV record for corp.contoso.com、Windows is not activated');
  });
});
