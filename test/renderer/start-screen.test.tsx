// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { appInfo, machineInfo } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { fakeEntry } from './support/fake-entries.js';
import { renderApp } from './support/render-app.js';

const history = { runs: [{ runId: 'run-1', startedAt: '2026-11-20T09:15:00.000Z', role: 'client' as const, machine: 'PC-0142', status: 'complete' as const, worstSeverity: 'problem' as const }] };

describe('the start screen', () => {
  /** The start screen, shown, over services where whatever is opened becomes run-b (still starting). */
  const startWhereOpenRuns = async () => {
    const api = contractApi({
      'app.info': () => appInfo,
      'machine.info': () => machineInfo,
      'history.list': () => ({ runs: [] }),
      'bundle.open': () => ({ runId: 'run-b' }),
      'run.get': () => {
        throw { code: 'not-found', message: 'x' };
      },
    });
    renderApp(api);
    await screen.findByTestId('machine-name');
    return api;
  };

  it('shows the machine, what is degraded without elevation and how to elevate, and the detected role with its reason', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'machine.info': () => machineInfo, 'history.list': () => history });
    renderApp(api);
    expect(await screen.findByTestId('machine-name')).toHaveProperty('textContent', 'PC-0142');
    expect(screen.getByText('Not running as administrator: some checks are degraded.')).toBeTruthy();
    expect(screen.getByText('kms-events')).toBeTruthy();
    expect(screen.getByText(/Run as administrator/)).toBeTruthy();
    expect(screen.getByTestId('detected-role').textContent).toBe('KMS client — Description says VOLUME_KMSCLIENT');
    // The path of the detected role is marked as recommended; both stay available (override).
    const client = screen.getByRole('button', { name: 'Diagnose this client' });
    expect(client.closest('.path-choice')?.className).toContain('recommended');
    expect(screen.getByRole('button', { name: 'Diagnose this host' }).closest('.path-choice')?.className).not.toContain('recommended');
    expect(within(screen.getByRole('region', { name: 'Recent runs' })).getByRole('button', { name: /PC-0142/ })).toBeTruthy();
  });

  it('says plainly when a service is not available instead of showing anything made up', async () => {
    const api = contractApi({ 'app.info': () => appInfo });
    renderApp(api);
    // The code is worded in the UI language; the service's own line is kept verbatim beside it.
    await waitFor(() => expect(document.body.textContent).toContain('This is not available in this build. What the service said: machine.info is not available in this build yet'));
    expect(document.body.textContent).toContain('This is not available in this build. What the service said: history.list is not available in this build yet');
    expect(screen.queryByTestId('machine-name')).toBeNull();
  });

  it('starts the diagnosis the technician chose (an override of the detected role) and moves to the running screen', async () => {
    const api = contractApi({
      'app.info': () => appInfo,
      'machine.info': () => machineInfo,
      'history.list': () => ({ runs: [] }),
      'diagnosis.start': () => ({ runId: 'run-9' }),
      'run.get': () => {
        throw { code: 'not-found', message: 'still starting' };
      },
    });
    renderApp(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Diagnose this host' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Running the checks' })).toBeTruthy();
    expect(api.calls.find(([name]) => name === 'diagnosis.start')).toEqual(['diagnosis.start', { role: 'host' }]);
  });

  it('shows why a diagnosis could not start', async () => {
    const api = contractApi({ 'app.info': () => appInfo, 'machine.info': () => machineInfo, 'history.list': () => ({ runs: [] }) });
    renderApp(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Diagnose this client' }));
    expect((await screen.findByRole('alert')).textContent).toContain('diagnosis.start is not available');
  });

  it('uploads a chosen bundle as base64 and shows the reader refusing a hostile one', async () => {
    const api = contractApi({
      'app.info': () => appInfo,
      'machine.info': () => machineInfo,
      'history.list': () => ({ runs: [] }),
      'bundle.open': () => {
        throw { code: 'bad-request', message: 'entry "../../evil.txt" escapes the bundle' };
      },
    });
    renderApp(api);
    await screen.findByTestId('machine-name');
    const file = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], 'evil.zip', { type: 'application/zip' });
    fireEvent.change(screen.getByTestId('bundle-file-input'), { target: { files: [file] } });
    expect((await screen.findByTestId('bundle-error')).textContent).toBe('This cannot be opened. This was refused. What the service said: entry "../../evil.txt" escapes the bundle');
    expect(api.calls.find(([name]) => name === 'bundle.open')).toEqual(['bundle.open', { source: 'upload', name: 'evil.zip', dataBase64: 'UEsDBA==' }]);
  });

  it('opens a bundle dropped on the drop zone', async () => {
    const api = await startWhereOpenRuns();
    const file = new File(['PK'], 'customer.zip');
    fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files: [file] } });
    expect(await screen.findByRole('heading', { level: 2, name: 'Running the checks' })).toBeTruthy();
    expect(api.calls.find(([name]) => name === 'bundle.open')?.[1]).toMatchObject({ source: 'upload', name: 'customer.zip' });
  });

  it('uses the native dialog where the app has one', async () => {
    const api = contractApi({
      'app.info': () => ({ ...appInfo, nativeDialogs: true }),
      'machine.info': () => machineInfo,
      'history.list': () => ({ runs: [] }),
      'bundle.open': () => ({ runId: null }),
    });
    renderApp(api, undefined, 'ja');
    // Whether there is a native dialog is known once app.info has answered (until then the buttons use the browser's picker).
    await screen.findByTestId('app-info');
    fireEvent.click(await screen.findByRole('button', { name: 'ファイルを選択…' }));
    fireEvent.click(screen.getByRole('button', { name: 'フォルダーを選択…' }));
    // Files or a folder, and the dialog is titled in the UI language.
    await waitFor(() =>
      expect(api.calls.filter(([name]) => name === 'bundle.open').map(([, request]) => request)).toEqual([
        { source: 'dialog', pick: 'files', lang: 'ja' },
        { source: 'dialog', pick: 'folder', lang: 'ja' },
      ]),
    );
    expect(screen.getByRole('heading', { level: 2, name: 'KMS ライセンス認証の診断' })).toBeTruthy();
  });

  it('opens several dropped files together as one upload', async () => {
    const api = await startWhereOpenRuns();
    expect(screen.getByTestId('bundle-file-input').hasAttribute('multiple')).toBe(true);
    const files = [new File(['Name: Windows'], 'dlv.txt'), new File(['<Events/>'], 'app.xml')];
    fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files } });
    await waitFor(() =>
      expect(api.calls.find(([name]) => name === 'bundle.open')?.[1]).toEqual({
        source: 'upload-files',
        files: [
          { name: 'dlv.txt', dataBase64: btoa('Name: Windows') },
          { name: 'app.xml', dataBase64: btoa('<Events/>') },
        ],
      }),
    );
  });

  it('opens a dropped folder with its layout, as the folder picker does, and says when it holds no file', async () => {
    const api = await startWhereOpenRuns();
    // What Chromium hands over for a dropped folder: one file item whose entry is a directory (files holds a 0-byte stand-in).
    const dropOf = (entry: ReturnType<typeof fakeEntry>) => ({ dataTransfer: { files: [new File([], entry.name)], items: [{ kind: 'file', webkitGetAsEntry: () => entry }] } });
    fireEvent.drop(screen.getByTestId('drop-zone'), dropOf(fakeEntry('empty', {})));
    expect((await screen.findByTestId('bundle-error')).textContent).toBe('There is no file in what was chosen or dropped.');
    fireEvent.drop(screen.getByTestId('drop-zone'), dropOf(fakeEntry('PC404', { 'manifest.json': '{}', events: { 'app.xml': '<Events/>' } })));
    await waitFor(() =>
      expect(api.calls.find(([name]) => name === 'bundle.open')?.[1]).toEqual({
        source: 'upload-files',
        folder: 'PC404',
        files: [
          { name: 'app.xml', path: 'events/app.xml', dataBase64: btoa('<Events/>') },
          { name: 'manifest.json', path: 'manifest.json', dataBase64: btoa('{}') },
        ],
      }),
    );
  });

  it('offers only bundles on a machine where the Windows checks cannot run', async () => {
    const api = contractApi({ 'app.info': () => ({ ...appInfo, platform: 'linux', canCollect: false, mode: 'desktop' }), 'machine.info': () => machineInfo, 'history.list': () => ({ runs: [] }) });
    renderApp(api);
    expect(await screen.findByText(/cannot run on this machine \(linux\)/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Diagnose this client' })).toBeNull();
  });
});
