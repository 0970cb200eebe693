import type { KmsDoctorApi } from '../../../shared/contract/api.js';
import { events, type EventName, type EventPayload } from '../../../shared/contract/events.js';
import { operationNames, operations, type OperationName, type OperationRequest, type OperationResponse } from '../../../shared/contract/operations.js';

type Handlers = { [K in OperationName]?: (request: OperationRequest<K>) => Promise<OperationResponse<K>> | OperationResponse<K> };

export interface TestApi extends KmsDoctorApi {
  /** Every request made, in order, as [operation, request]. */
  readonly calls: Array<[OperationName, unknown]>;
  /** Pushes an event to the screens' listeners (after checking it against the contract). */
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
}

/**
 * A KmsDoctorApi for component tests that holds the screens to the contract: every request and every
 * answer is parsed with the contract's schemas (a test cannot hand a screen data the services could not
 * send), and an operation the test does not answer rejects as "not-supported", as an unwired service does.
 */
export function contractApi(handlers: Handlers): TestApi {
  const calls: Array<[OperationName, unknown]> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const name of operationNames) {
    api[name] = async (request: unknown) => {
      const parsed = operations[name].request.parse(request);
      calls.push([name, parsed]);
      const handler = handlers[name] as ((request: unknown) => unknown) | undefined;
      if (handler === undefined) throw { code: 'not-supported', message: `${name} is not available in this build yet` };
      return operations[name].response.parse(await handler(parsed));
    };
  }
  return {
    ...(api as Omit<KmsDoctorApi, 'on'>),
    calls,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    emit(event, payload) {
      const checked = events[event].payload.parse(payload);
      for (const listener of listeners.get(event) ?? []) listener(checked);
    },
  } as TestApi;
}
