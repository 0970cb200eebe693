import { contextBridge, ipcRenderer } from 'electron';
// Type-only imports of the contract plus the channel constants: the sandboxed preload stays a few KB.
import type { ApiResult } from '../../shared/contract/errors.js';
import type { KmsDoctorApi } from '../../shared/contract/api.js';
import type { OperationName, OperationRequest, OperationResponse } from '../../shared/contract/operations.js';
import { eventChannels, operationChannels } from '../../shared/contract/channels.js';

// Named operations only: no generic invoke/send and no Electron object crosses the bridge.
function operation<K extends OperationName>(name: K) {
  return async (request: OperationRequest<K>): Promise<OperationResponse<K>> => {
    const result = (await ipcRenderer.invoke(operationChannels[name], request)) as ApiResult<OperationResponse<K>>;
    if (result.ok) return result.value;
    throw Object.assign(new Error(result.error.message), { code: result.error.code });
  };
}

const api = {
  'app.info': operation('app.info'),
  'diagnosis.start': operation('diagnosis.start'),
  'diagnosis.cancel': operation('diagnosis.cancel'),
  'history.list': operation('history.list'),
  on: (event, listener) => {
    const channel = eventChannels[event];
    const wrapped = (_: unknown, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
} satisfies KmsDoctorApi;

contextBridge.exposeInMainWorld('kmsDoctor', api);
