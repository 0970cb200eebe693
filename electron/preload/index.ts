import { contextBridge, ipcRenderer } from 'electron';
// Type-only imports of the contract plus the channel constants: the sandboxed preload stays a few KB and
// never bundles zod (Electron checklist item 20: the bridge exposes named operations and nothing else).
import { createApiClient } from '../../shared/contract/api-client.js';
import type { KmsDoctorApi } from '../../shared/contract/api.js';
import { eventChannels, operationChannels } from '../../shared/contract/channels.js';
import type { ApiResult } from '../../shared/contract/errors.js';

const api = createApiClient({
  invoke: async (name, request) => (await ipcRenderer.invoke(operationChannels[name], request)) as ApiResult<unknown>,
  // The listener sees the payload only: the IpcRendererEvent (with its `sender`) never crosses the bridge.
  subscribe: (event, listener) => {
    const channel = eventChannels[event];
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
}) satisfies KmsDoctorApi;

contextBridge.exposeInMainWorld('kmsDoctor', api);
