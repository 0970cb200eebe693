import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// The Electron binary is absent here; the gate's decision logic runs without it.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));
const { gateRequest } = await import('../../../../electron/main/ipc/ipc-gate.js');
type Registry = import('../../../../electron/main/ipc/ipc-gate.js').HandlerRegistry;

const event = {} as IpcMainInvokeEvent;
const trusted = () => true;
const handlers: Registry = {
  'app.info': async () => ({ version: '1.0.0', platform: 'linux', canCollect: false, elevated: null }),
  'diagnosis.start': async () => ({ runId: 'r1' }),
  'diagnosis.cancel': async () => {
    throw new Error('boom\n    at secret (C:\\internal\\path.js:1:1)');
  },
  'history.list': async () => ({ runs: [] }),
};

describe('IPC gate', () => {
  it('passes a valid request from a trusted sender to its handler', async () => {
    expect(await gateRequest('kmsd:diagnosis.start', event, { role: 'client' }, handlers, trusted)).toEqual({ ok: true, value: { runId: 'r1' } });
  });

  it('refuses an unknown channel', async () => {
    const result = await gateRequest('kmsd:shell.exec', event, {}, handlers, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
  });

  it('refuses a sender that is not our main frame', async () => {
    const result = await gateRequest('kmsd:app.info', event, {}, handlers, () => false);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses a payload that does not match the schema', async () => {
    const result = await gateRequest('kmsd:diagnosis.start', event, { role: 'everything' }, handlers, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('maps a throwing handler to a one-line error without the stack', async () => {
    const result = await gateRequest('kmsd:diagnosis.cancel', event, { runId: 'r1' }, handlers, trusted);
    expect(result).toEqual({ ok: false, error: { code: 'failed', message: 'boom' } });
  });
});
