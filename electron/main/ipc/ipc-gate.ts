import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  channelPrefix,
  operationForChannel,
  operations,
  type ApiError,
  type ApiResult,
  type OperationName,
  type OperationRequest,
  type OperationResponse,
} from '../../../shared/contract/index.js';

export type Handler<K extends OperationName> = (request: OperationRequest<K>) => Promise<OperationResponse<K>>;
export type HandlerRegistry = { readonly [K in OperationName]: Handler<K> };

/** Decides whether an IPC message comes from our own window's main frame (Electron checklist item 17). */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Runs one IPC request through the gate: known channel, trusted sender, validated payload, mapped errors.
 *
 * Pure apart from the handlers it calls, so it is unit-tested without Electron.
 */
export async function gateRequest(
  channel: string,
  event: IpcMainInvokeEvent,
  payload: unknown,
  handlers: HandlerRegistry,
  isTrustedSender: SenderCheck,
): Promise<ApiResult<unknown>> {
  const fail = (code: ApiError['code'], message: string): ApiResult<unknown> => ({ ok: false, error: { code, message } });
  const name = channel.startsWith(channelPrefix) ? operationForChannel(channel) : undefined;
  if (name === undefined) return fail('unknown-operation', `unknown channel ${JSON.stringify(channel.slice(0, 80))}`);
  if (!isTrustedSender(event)) return fail('forbidden-sender', 'request from an untrusted frame refused');
  const parsed = operations[name].request.safeParse(payload);
  if (!parsed.success) return fail('bad-request', `invalid request for ${name}`);
  try {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : 'failed';
    return fail('failed', message);
  }
}

/** Registers every operation of the contract on ipcMain; the only place that touches ipcMain. */
export function installIpcGate(handlers: HandlerRegistry, isTrustedSender: SenderCheck): void {
  for (const name of Object.keys(operations) as OperationName[]) {
    const { channel } = operations[name];
    ipcMain.handle(channel, (event, payload: unknown) => gateRequest(channel, event, payload, handlers, isTrustedSender));
  }
}
