import type { KmsDoctorApi } from '../../../shared/contract/api.js';
import { events, type EventName, type EventPayload } from '../../../shared/contract/events.js';
import { createApiClient } from '../../../shared/contract/api-client.js';
import { dispatchOperation, type HandlerRegistry } from '../../../shared/contract/dispatch.js';
import { operationNames, type OperationName, type OperationRequest, type OperationResponse } from '../../../shared/contract/operations.js';

type Handlers = { [K in OperationName]?: (request: OperationRequest<K>) => Promise<OperationResponse<K>> | OperationResponse<K> };

export interface TestApi extends KmsDoctorApi {
  /** Every request made, in order, as [operation, request]. */
  readonly calls: Array<[OperationName, unknown]>;
  /** Pushes an event to the screens' listeners (after checking it against the contract). */
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
}

/**
 * A KmsDoctorApi for component tests, built like the app's own (createApiClient over the one dispatcher),
 * that holds the screens to the contract: every request and every answer is checked with the contract's schemas (a test cannot hand a screen data the services could not
 * send), and an operation the test does not answer rejects as "not-supported", as an unwired service does.
 */
export function contractApi(handlers: Handlers): TestApi {
  const calls: Array<[OperationName, unknown]> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // The services' side: each request (already validated by the dispatcher) is recorded, then answered.
  const registry = Object.fromEntries(
    operationNames.map((name) => [
      name,
      async (request: unknown) => {
        calls.push([name, request]);
        const handler = handlers[name] as ((request: unknown) => unknown) | undefined;
        if (handler === undefined) throw { code: 'not-supported', message: `${name} is not available in this build yet` };
        return handler(request);
      },
    ]),
  ) as unknown as HandlerRegistry;
  const client = createApiClient({
    invoke: (name, request) => dispatchOperation(name, request, registry),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  return {
    ...client,
    calls,
    emit(event, payload) {
      const checked = events[event].payload.parse(payload);
      for (const listener of listeners.get(event) ?? []) listener(checked);
    },
  };
}
