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
  omitted: redact ? [{ path: 'events/application-spp.evtx', reason: '.evtx cannot be redacted' }] : [],
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
    await waitFor(() => expect(screen.getByTestId('export-omitted').textContent).toBe('Left out: events/application-spp.evtx (.evtx cannot be redacted)'));
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
    expect(await screen.findByText('Saved to C:\\Users\\tech\\Desktop\\kms.zip')).toBeTruthy();
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
    expect((await screen.findByRole('alert')).textContent).toBe('Something went wrong: disk full');
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
});
