import type { EventName, EventPayload } from './events.js';
import type { OperationName, OperationRequest, OperationResponse } from './operations.js';

/**
 * The API object the renderer talks to (`window.kmsDoctor`).
 *
 * The Electron preload and the browser bridge both end in `satisfies KmsDoctorApi`, so they cannot drift.
 */
export type KmsDoctorApi = {
  readonly [K in OperationName]: (request: OperationRequest<K>) => Promise<OperationResponse<K>>;
} & {
  /** Subscribes to a main → renderer event; returns the unsubscribe function. */
  readonly on: <K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void) => () => void;
};
