import { beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { eventChannels, operationChannels } from '../../../shared/contract/channels.js';
import { operationNames } from '../../../shared/contract/operations.js';

// The Electron binary is absent here: capture what the preload hands to contextBridge and ipcRenderer.
const exposed = new Map<string, unknown>();
const invoke = vi.fn<(channel: string, payload: unknown) => Promise<unknown>>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (channel: string, payload: unknown) => invoke(channel, payload),
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
  },
}));
await import('../../../electron/preload/index.js');
type Api = import('../../../shared/contract/api.js').KmsDoctorApi;
type OperationName = import('../../../shared/contract/operations.js').OperationName;
type OperationRequest<K extends OperationName> = import('../../../shared/contract/operations.js').OperationRequest<K>;
type OperationResponse<K extends OperationName> = import('../../../shared/contract/operations.js').OperationResponse<K>;
// 0 extends (1 & T) holds only for any.
type IsAny<T> = 0 extends 1 & T ? true : false;
type AnyInApi = { [K in OperationName]: IsAny<Parameters<Api[K]>[0]> | IsAny<Awaited<ReturnType<Api[K]>>> }[OperationName];
const api = exposed.get('kmsDoctor') as Api & Record<string, unknown>;

beforeEach(() => {
  invoke.mockReset();
});

describe('preload bridge', () => {
  it('is typed from the contract, with no any in any request or response (checked by tsc)', () => {
    expectTypeOf<AnyInApi>().toEqualTypeOf<false>();
    expectTypeOf<Parameters<Api['diagnosis.start']>[0]>().toEqualTypeOf<OperationRequest<'diagnosis.start'>>();
    expectTypeOf<Awaited<ReturnType<Api['app.info']>>>().toEqualTypeOf<OperationResponse<'app.info'>>();
    expect(typeof api['app.info']).toBe('function');
  });

  it('exposes exactly one object, window.kmsDoctor', () => {
    expect([...exposed.keys()]).toEqual(['kmsDoctor']);
  });

  it('has one named method per entry of the channel table plus on, and nothing generic', () => {
    expect(Object.keys(api).sort()).toEqual([...Object.keys(operationChannels), 'on'].sort());
    for (const forbidden of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'postMessage']) expect(api).not.toHaveProperty(forbidden);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('serves exactly the operations that have schemas (channel table and operations agree)', () => {
    expect(Object.keys(operationChannels).sort()).toEqual([...operationNames].sort());
  });

  it('sends each operation on its own channel from the channel table and resolves the value', async () => {
    for (const name of Object.keys(operationChannels) as (keyof typeof operationChannels)[]) {
      invoke.mockResolvedValueOnce({ ok: true, value: { echoed: name } });
      const method = api[name] as unknown as (request: unknown) => Promise<unknown>;
      await expect(method({ probe: 1 })).resolves.toEqual({ echoed: name });
      expect(invoke).toHaveBeenLastCalledWith(operationChannels[name], { probe: 1 });
    }
  });

  it('rejects with a plain ApiError object (code survives contextBridge copying)', async () => {
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'bad-request', message: 'invalid request for history.list' } });
    const failure = await api['history.list']({}).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toEqual({ code: 'bad-request', message: 'invalid request for history.list' });
    expect(failure).not.toBeInstanceOf(Error);
  });

  it('delivers event payloads without the IpcRendererEvent and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.on('run.finished', (payload) => seen.push(payload));
    const channel = eventChannels['run.finished'];
    const registered = [...(listeners.get(channel) ?? [])];
    expect(registered).toHaveLength(1);
    registered[0]?.({ sender: 'secret' }, { runId: 'r1', status: 'complete' });
    expect(seen).toEqual([{ runId: 'r1', status: 'complete' }]);
    off();
    expect(listeners.get(channel)?.size).toBe(0);
  });

  it('refuses to subscribe to an event that is not in the contract', () => {
    const on = api.on as (event: string, listener: () => void) => () => void;
    expect(() => on('kmsd:anything', () => undefined)).toThrow(/unknown event/);
    expect(() => on('constructor', () => undefined)).toThrow(/unknown event/);
    expect(listeners.has('undefined')).toBe(false);
  });
});
