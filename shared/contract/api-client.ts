// Type-only imports plus the channel table: the sandboxed preload bundles this without zod.
import type { KmsDoctorApi } from './api.js';
import { eventChannels, operationNameList } from './channels.js';
import type { ApiError, ApiResult } from './errors.js';
import type { EventName, EventPayload } from './events.js';
import type { OperationName, OperationRequest, OperationResponse } from './operations.js';

/** How requests and events travel: IPC in Electron, HTTP + server-sent events in the preview, a fake in tests. */
export interface ApiTransport {
  /** Sends one request; resolves with the dispatcher's result envelope (a transport failure is an `ok: false` result too). */
  readonly invoke: (name: OperationName, request: unknown) => Promise<ApiResult<unknown>>;
  /** Subscribes to one contract event; returns the unsubscribe function. */
  readonly subscribe: (event: EventName, listener: (payload: unknown) => void) => () => void;
}

const hasOwn = (table: object, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

/**
 * The API object the renderer talks to, built from a transport: one named method per operation (a new
 * operation needs no client edit), results unwrapped, failures thrown as plain ApiError objects (the
 * preload's contextBridge copies plain objects whole but drops the custom properties of Error instances).
 */
export function createApiClient(transport: ApiTransport): KmsDoctorApi {
  const operation =
    <K extends OperationName>(name: K) =>
    async (request: OperationRequest<K>): Promise<OperationResponse<K>> => {
      const result = (await transport.invoke(name, request)) as ApiResult<OperationResponse<K>>;
      if (result.ok) return result.value;
      const error: ApiError = { code: result.error.code, message: result.error.message };
      throw error;
    };
  const methods: Partial<Record<OperationName, unknown>> = {};
  for (const name of operationNameList) methods[name] = operation(name);
  const on = <K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): (() => void) => {
    if (typeof event !== 'string' || !hasOwn(eventChannels, event)) throw new TypeError(`unknown event ${String(event).slice(0, 80)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    return transport.subscribe(event, listener as (payload: unknown) => void);
  };
  // Every key was filled from the name list the mapped type is keyed by (operations.ts checks they match).
  return { ...(methods as Omit<KmsDoctorApi, 'on'>), on };
}
