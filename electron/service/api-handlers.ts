import type { HandlerRegistry } from '../main/ipc/ipc-gate.js';
import type { EventName, EventPayload } from '../../shared/contract/events.js';
import type { OperationResponse } from '../../shared/contract/operations.js';

/** Pushes one contract event to the renderer (webContents.send in the app, the event stream in the preview). */
export type EmitEvent = <K extends EventName>(event: K, payload: EventPayload<K>) => void;

/** What the host process (Electron main or the preview server) gives the handlers. */
export interface ApiHandlerContext {
  readonly appInfo: () => Promise<OperationResponse<'app.info'>>;
  readonly emit: EmitEvent;
}

/** The error a handler throws for a capability whose service has not landed: said plainly, never faked. */
export class CapabilityUnavailableError extends Error {
  /** The contract's error code, read by the IPC gate and the preview server. */
  readonly code = 'not-supported';
  constructor(readonly capability: string) {
    super(`${capability} is not available in this build yet`);
  }
}

const unavailable = (capability: string) => async (): Promise<never> => {
  throw new CapabilityUnavailableError(capability);
};

/**
 * Creates the handler for every operation of the contract from the real services.
 *
 * Shared by the Electron main process (behind the IPC gate) and the preview server (behind its HTTP
 * bridge), so the app and the browser preview answer each operation the same way.
 */
export function createApiHandlers(context: ApiHandlerContext): HandlerRegistry {
  return {
    'app.info': () => context.appInfo(),
    'machine.info': unavailable('machine information'),
    'diagnosis.start': unavailable('diagnosis'),
    'diagnosis.cancel': unavailable('diagnosis'),
    'bundle.open': unavailable('opening a bundle'),
    'run.get': unavailable('run results'),
    'run.step-output': unavailable('raw step output'),
    'history.list': unavailable('history'),
    'export.plan': unavailable('export'),
    'export.save': unavailable('export'),
    'export.reveal': unavailable('export'),
    'docs.open': unavailable('opening documentation links'),
  };
}
