import { contextBridge, ipcRenderer } from 'electron';
// Type-only imports of the contract plus the channel constants: the sandboxed preload stays a few KB and
// never bundles zod (Electron checklist item 20: the bridge exposes named operations and nothing else).
import type { ApiError, ApiResult } from '../../shared/contract/errors.js';
import type { KmsDoctorApi } from '../../shared/contract/api.js';
import type { EventName, EventPayload } from '../../shared/contract/events.js';
import type { OperationName, OperationRequest, OperationResponse } from '../../shared/contract/operations.js';
import { eventChannels, operationChannels } from '../../shared/contract/channels.js';

type OperationMethods = { readonly [K in OperationName]: (request: OperationRequest<K>) => Promise<OperationResponse<K>> };

// The channel table and the operation schemas must name the same operations, or a method would be
// missing (or call a channel the gate does not serve): a compile error here, not a runtime surprise.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelTableMatchesContract: SameKeys<keyof typeof operationChannels, OperationName> = true;
void channelTableMatchesContract;

const hasOwn = (table: object, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

// Rejects with a plain ApiError object: contextBridge copies plain objects whole but drops custom
// properties of Error instances, so the renderer would lose the code otherwise.
function operation<K extends OperationName>(name: K): (request: OperationRequest<K>) => Promise<OperationResponse<K>> {
  const channel = operationChannels[name];
  return async (request: OperationRequest<K>): Promise<OperationResponse<K>> => {
    const result = (await ipcRenderer.invoke(channel, request)) as ApiResult<OperationResponse<K>>;
    if (result.ok) return result.value;
    const error: ApiError = { code: result.error.code, message: result.error.message };
    throw error;
  };
}

/** Builds one named method per operation of the channel table, so a new operation needs no preload edit. */
function operationMethods(): OperationMethods {
  const methods: Partial<Record<OperationName, unknown>> = {};
  for (const name of Object.keys(operationChannels) as OperationName[]) methods[name] = operation(name);
  // Every key was filled from the same table the mapped type is keyed by (checked above).
  return methods as OperationMethods;
}

// The listener sees the payload only: the IpcRendererEvent (with its `sender`) never crosses the bridge.
function on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void {
  if (typeof event !== 'string' || !hasOwn(eventChannels, event)) throw new TypeError(`unknown event ${String(event).slice(0, 80)}`);
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const channel = eventChannels[event];
  const wrapped = (_event: unknown, payload: unknown): void => listener(payload as EventPayload<K>);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const api = { ...operationMethods(), on } satisfies KmsDoctorApi;

contextBridge.exposeInMainWorld('kmsDoctor', api);
