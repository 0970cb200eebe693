import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  apiErrorCodes,
  channelPrefix,
  maxUploadBytes,
  operationForChannel,
  operations,
  type ApiError,
  type ApiErrorCode,
  type ApiResult,
  type OperationName,
  type OperationRequest,
  type OperationResponse,
} from '../../../shared/contract/index.js';
import { isAppUrl } from '../app-protocol.js';

export type Handler<K extends OperationName> = (request: OperationRequest<K>) => Promise<OperationResponse<K>>;
export type HandlerRegistry = { readonly [K in OperationName]: Handler<K> };

/** Decides whether an IPC message comes from our own window's main frame (Electron checklist item 17). */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** Requests are a few small fields; anything bigger is refused before the schema even looks at it. */
export const defaultMaxPayloadBytes = 64 * 1024;

// The one operation that carries data: a bundle uploaded as base64 (its schema caps the string too).
const payloadLimits: Partial<Record<OperationName, number>> = {
  'bundle.open': Math.ceil(maxUploadBytes / 3) * 4 + defaultMaxPayloadBytes,
};

/** The largest request payload the gate accepts for an operation, in (UTF-16 code unit) bytes. */
export function maxPayloadBytes(name: OperationName): number {
  return payloadLimits[name] ?? defaultMaxPayloadBytes;
}

const maxDepth = 32;

/**
 * Estimates the serialised size of a payload, stopping as soon as it passes `limit`.
 *
 * Returns Infinity for anything deeper than 32 levels or not plain data, so a hostile payload costs the
 * gate at most `limit` units of work, never a full walk or a JSON.stringify of megabytes.
 */
export function payloadSize(value: unknown, limit: number): number {
  let total = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const current = item.value;
    if (typeof current === 'string') total += current.length + 2;
    else if (typeof current === 'number' || typeof current === 'boolean' || current === null || current === undefined) total += 8;
    else if (typeof current === 'object' && item.depth < maxDepth && (Array.isArray(current) || Object.getPrototypeOf(current) === Object.prototype)) {
      total += 2;
      // Children are counted as they are queued, so a million-entry array stops after `limit` of them.
      if (Array.isArray(current)) {
        for (let index = 0; index < current.length && total <= limit; index += 1) {
          total += 1;
          stack.push({ value: current[index], depth: item.depth + 1 });
        }
      } else {
        for (const key in current) {
          if (total > limit) break;
          if (!Object.prototype.hasOwnProperty.call(current, key)) continue;
          total += key.length + 3;
          stack.push({ value: (current as Record<string, unknown>)[key], depth: item.depth + 1 });
        }
      }
    } else return Number.POSITIVE_INFINITY;
    if (total > limit) return total;
  }
  return total;
}

const isApiErrorCode = (code: unknown): code is ApiErrorCode => typeof code === 'string' && (apiErrorCodes as readonly string[]).includes(code);

/** Maps anything a handler throws to the contract's error shape: a known code or 'failed', one line, no stack. */
export function toApiError(error: unknown): ApiError {
  const code = typeof error === 'object' && error !== null && 'code' in error && isApiErrorCode(error.code) ? error.code : 'failed';
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : 'the operation failed';
  const firstLine = raw.split(/\r?\n/, 1)[0]?.trim() ?? '';
  return { code, message: (firstLine === '' ? 'the operation failed' : firstLine).slice(0, 500) };
}

// A sender check that throws (a frame torn down mid-call) counts as untrusted.
function checkSender(isTrustedSender: SenderCheck, event: IpcMainInvokeEvent): boolean {
  try {
    return isTrustedSender(event);
  } catch {
    return false;
  }
}

/**
 * Runs one IPC request through the gate: known channel, trusted sender, bounded and validated payload,
 * validated response, mapped errors.
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
  const name = typeof channel === 'string' && channel.startsWith(channelPrefix) ? operationForChannel(channel) : undefined;
  if (name === undefined) return fail('unknown-operation', `unknown channel ${JSON.stringify(String(channel).slice(0, 80))}`);
  if (!checkSender(isTrustedSender, event)) return fail('forbidden-sender', 'request from an untrusted frame refused');
  const limit = maxPayloadBytes(name);
  if (payloadSize(payload, limit) > limit) return fail('bad-request', `request for ${name} is too large or not plain data`);
  const parsed = operations[name].request.safeParse(payload);
  if (!parsed.success) return fail('bad-request', `invalid request for ${name}`);
  let value: unknown;
  try {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    value = await handler(parsed.data);
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
  // The renderer gets exactly the contract's shape: unknown fields are stripped, a malformed answer is a failure.
  const checked = operations[name].response.safeParse(value);
  if (!checked.success) return fail('failed', `${name} produced an invalid response`);
  return { ok: true, value: checked.data };
}

/**
 * Builds the sender check for our window: the message must come from its main frame (not a subframe, not
 * another webContents) while that frame shows our app:// origin.
 */
export function trustedSender(getWindow: () => BrowserWindow | null): SenderCheck {
  return (event) => {
    const window = getWindow();
    if (window === null || window.isDestroyed()) return false;
    const contents = window.webContents;
    const frame = event.senderFrame;
    const main = contents.mainFrame;
    // Same frame object, or the same frame by its process and frame token (wrappers may be re-created).
    const isMainFrame = frame === main || (frame !== null && frame.processId === main.processId && frame.frameToken === main.frameToken);
    return frame !== null && event.sender === contents && event.sender.id === contents.id && isMainFrame && frame.parent === null && isAppUrl(frame.url);
  };
}

/** Registers every operation of the contract on ipcMain; the only place that touches ipcMain. */
export function installIpcGate(handlers: HandlerRegistry, isTrustedSender: SenderCheck): void {
  for (const name of Object.keys(operations) as OperationName[]) {
    const { channel } = operations[name];
    ipcMain.handle(channel, (event, payload: unknown) => gateRequest(channel, event, payload, handlers, isTrustedSender));
  }
}
