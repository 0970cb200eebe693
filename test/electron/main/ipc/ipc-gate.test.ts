import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { operationChannels } from '../../../../shared/contract/channels.js';
import { operationNames } from '../../../../shared/contract/operations.js';

// The Electron binary is absent here: ipcMain is a recorder, the gate's decisions run for real.
const registered = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, listener: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>) => registered.set(channel, listener) },
}));
const gate = await import('../../../../electron/main/ipc/ipc-gate.js');
const { createApiHandlers } = await import('../../../../electron/service/api-handlers.js');
type Registry = import('../../../../electron/main/ipc/ipc-gate.js').HandlerRegistry;

const appInfo = { version: '1.0.0', platform: 'linux', canCollect: false, elevated: null };
const calls: unknown[] = [];
// The real registry (every contract operation), with a few handlers replaced to observe the gate.
const handlers: Registry = {
  ...createApiHandlers({ appInfo: async () => appInfo, emit: () => undefined }),
  'diagnosis.start': async (request) => {
    calls.push(request);
    return { runId: 'r1' };
  },
  'diagnosis.cancel': async () => {
    throw new Error('boom\n    at secret (C:\\internal\\path.js:1:1)');
  },
  'run.step-output': async () => {
    throw Object.assign(new Error('no such step'), { code: 'not-found' });
  },
  'export.reveal': async () => {
    throw Object.assign(new Error('EACCES: permission denied, open C:\\x'), { code: 'EACCES' });
  },
  'history.list': async () => ({ runs: 'not an array' }) as never,
  'docs.open': async () => ({ opened: true, leaked: 'internal' }) as never,
};

const anyEvent = {} as IpcMainInvokeEvent;
const trusted = () => true;
const run = (channel: string, payload: unknown, check: (event: IpcMainInvokeEvent) => boolean = trusted) =>
  gate.gateRequest(channel, anyEvent, payload, handlers, check);

// Fake window objects shaped like Electron's, to exercise the real sender check.
type Frame = { url: string; parent: Frame | null; processId: number; frameToken: string };
function fakeWindow(url = 'app://kms-doctor/index.html') {
  const mainFrame: Frame = { url, parent: null, processId: 4, frameToken: 'main-token' };
  const webContents = { id: 7, mainFrame };
  const window = { isDestroyed: () => false, webContents } as unknown as BrowserWindow;
  return { window, webContents, mainFrame };
}
const eventFrom = (sender: unknown, senderFrame: unknown) => ({ sender, senderFrame }) as unknown as IpcMainInvokeEvent;

describe('IPC gate: channels', () => {
  it('passes a valid request from a trusted sender to its handler, validated', async () => {
    calls.length = 0;
    expect(await run('kmsd:diagnosis.start', { role: 'client' })).toEqual({ ok: true, value: { runId: 'r1' } });
    expect(calls).toEqual([{ role: 'client' }]);
  });

  it('refuses an unknown channel, a channel without the prefix and a non-string channel', async () => {
    for (const channel of ['kmsd:shell.exec', 'app.info', 'kmsd:', 'kmsd:constructor', 'kmsd:__proto__']) {
      expect(await run(channel, {})).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    }
    expect(await run(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
  });

  it('registers exactly the contract channels on ipcMain, each routed through the gate', async () => {
    gate.installIpcGate(handlers, trusted);
    expect([...registered.keys()].sort()).toEqual(Object.values(operationChannels).sort());
    expect(registered.size).toBe(operationNames.length);
    const listener = registered.get('kmsd:app.info');
    expect(await listener?.(anyEvent, {})).toEqual({ ok: true, value: appInfo });
    expect(await listener?.(anyEvent, { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('IPC gate: sender', () => {
  it('refuses a sender the check rejects, before the handler runs', async () => {
    calls.length = 0;
    expect(await run('kmsd:diagnosis.start', { role: 'client' }, () => false)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(calls).toEqual([]);
  });

  it('treats a sender check that throws as untrusted', async () => {
    const throwing = () => {
      throw new Error('frame gone');
    };
    expect(await run('kmsd:app.info', {}, throwing)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('trusts only our window main frame while it shows app://kms-doctor', () => {
    const { window, webContents, mainFrame } = fakeWindow();
    const check = gate.trustedSender(() => window);
    expect(check(eventFrom(webContents, mainFrame))).toBe(true);
  });

  it('refuses forged frames: a subframe, another webContents, a null frame, a foreign origin', () => {
    const { window, webContents, mainFrame } = fakeWindow();
    const check = gate.trustedSender(() => window);
    const subframe: Frame = { url: 'app://kms-doctor/index.html', parent: mainFrame, processId: 4, frameToken: 'sub-token' };
    expect(check(eventFrom(webContents, subframe))).toBe(false);
    const other = { id: 8, mainFrame };
    expect(check(eventFrom(other, mainFrame))).toBe(false);
    const lookalike = { id: 7, mainFrame };
    expect(check(eventFrom(lookalike, mainFrame))).toBe(false);
    expect(check(eventFrom(webContents, null))).toBe(false);
    for (const url of ['https://evil.example/', 'file:///C:/x/index.html', 'app://other-host/index.html', 'app://user@kms-doctor/']) {
      const navigated = fakeWindow(url);
      expect(gate.trustedSender(() => navigated.window)(eventFrom(navigated.webContents, navigated.mainFrame))).toBe(false);
    }
  });

  it('recognises the main frame by process and frame token when Electron hands over a new wrapper', () => {
    const { window, webContents, mainFrame } = fakeWindow();
    const check = gate.trustedSender(() => window);
    expect(check(eventFrom(webContents, { ...mainFrame }))).toBe(true);
    expect(check(eventFrom(webContents, { ...mainFrame, frameToken: 'other-token' }))).toBe(false);
    expect(check(eventFrom(webContents, { ...mainFrame, processId: 5 }))).toBe(false);
    // A frame with the right ids whose parent is set is still a subframe.
    expect(check(eventFrom(webContents, { ...mainFrame, parent: mainFrame }))).toBe(false);
  });

  it('refuses everything when there is no window or it is destroyed', () => {
    const { webContents, mainFrame } = fakeWindow();
    expect(gate.trustedSender(() => null)(eventFrom(webContents, mainFrame))).toBe(false);
    const destroyed = { isDestroyed: () => true, webContents } as unknown as BrowserWindow;
    expect(gate.trustedSender(() => destroyed)(eventFrom(webContents, mainFrame))).toBe(false);
  });
});

describe('IPC gate: payloads', () => {
  it('refuses payloads that do not match the schema, without calling the handler', async () => {
    calls.length = 0;
    const malformed: unknown[] = [
      { role: 'everything' },
      { role: 'client', extra: true },
      { role: ['client'] },
      'client',
      null,
      undefined,
      42,
      [{ role: 'client' }],
      JSON.parse('{"role":"client","__proto__":{"polluted":true}}'),
    ];
    for (const payload of malformed) {
      expect(await run('kmsd:diagnosis.start', payload)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses oversized payloads before validation, with a bounded amount of work', async () => {
    const big = 'x'.repeat(gate.defaultMaxPayloadBytes + 1);
    expect(await run('kmsd:diagnosis.cancel', { runId: big })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/too large/) } });
    const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
    expect(await run('kmsd:app.info', wide)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/too large/) } });
    let deep: unknown = { role: 'client' };
    for (let i = 0; i < 100; i += 1) deep = { nested: deep };
    expect(await run('kmsd:diagnosis.start', deep)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses values that are not plain data (typed arrays, dates, maps)', async () => {
    for (const payload of [{ runId: new Uint8Array(10) }, { runId: new Date() }, new Map([['runId', 'r1']])]) {
      expect(await run('kmsd:diagnosis.cancel', payload)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });

  it('measures payloads and stops early', () => {
    expect(gate.payloadSize({ runId: 'r1' }, 1000)).toBeLessThan(40);
    expect(gate.payloadSize(['a'.repeat(100), 'b'.repeat(100)], 1000)).toBeGreaterThan(200);
    const huge = new Array<number>(2_000_000).fill(1);
    const started = performance.now();
    expect(gate.payloadSize(huge, 100)).toBeLessThan(200);
    expect(performance.now() - started).toBeLessThan(200);
    expect(gate.payloadSize(new Uint8Array(4), 100)).toBe(Number.POSITIVE_INFINITY);
  });

  it('lets only the upload operation carry a bundle-sized payload', () => {
    expect(gate.maxPayloadBytes('bundle.open')).toBeGreaterThan(64 * 1024 * 1024);
    for (const name of operationNames.filter((n) => n !== 'bundle.open')) expect(gate.maxPayloadBytes(name)).toBe(gate.defaultMaxPayloadBytes);
  });
});

describe('IPC gate: handler errors and responses', () => {
  it('maps a throwing handler to a one-line error without the stack', async () => {
    expect(await run('kmsd:diagnosis.cancel', { runId: 'r1' })).toEqual({ ok: false, error: { code: 'failed', message: 'boom' } });
  });

  it('keeps a contract error code a handler attaches, and maps foreign codes to failed', async () => {
    expect(await run('kmsd:run.step-output', { runId: 'r1', stepId: 's1' })).toEqual({ ok: false, error: { code: 'not-found', message: 'no such step' } });
    expect(await run('kmsd:export.reveal', { exportId: 'e1' })).toMatchObject({ ok: false, error: { code: 'failed' } });
  });

  it('maps non-Error throws and empty messages to a generic line', () => {
    expect(gate.toApiError(undefined)).toEqual({ code: 'failed', message: 'the operation failed' });
    expect(gate.toApiError(new Error(''))).toEqual({ code: 'failed', message: 'the operation failed' });
    expect(gate.toApiError('plain text\nsecond line')).toEqual({ code: 'failed', message: 'plain text' });
    expect(gate.toApiError(new Error('x'.repeat(2000))).message).toHaveLength(500);
  });

  it('answers the capability-unavailable error of the shared registry as an error, not a value', async () => {
    const result = await run('kmsd:machine.info', {});
    expect(result.ok).toBe(false);
  });

  it('refuses a handler response that breaks the contract, and strips unknown fields', async () => {
    expect(await run('kmsd:history.list', {})).toEqual({ ok: false, error: { code: 'failed', message: 'history.list produced an invalid response' } });
    expect(await run('kmsd:docs.open', { url: 'https://learn.microsoft.com/x' })).toEqual({ ok: true, value: { opened: true } });
  });
});
