import { apiErrorCodes, type ApiError, type ApiErrorCode, type ApiResult } from './errors.js';
import { maxUploadBytes } from './limits.js';
import { operationNames, operations, type OperationName, type OperationRequest, type OperationResponse } from './operations.js';

/**
 * The one dispatcher of the contract's operations: the Electron IPC gate (after its channel and sender
 * checks) and the preview server (after its Host/Origin checks) both hand a request to
 * `dispatchOperation`, so validation, error mapping and response checking cannot drift apart.
 */

export type Handler<K extends OperationName> = (request: OperationRequest<K>) => Promise<OperationResponse<K>>;
/** One handler per operation of the contract (a missing one is a compile error). */
export type HandlerRegistry = { readonly [K in OperationName]: Handler<K> };

/** Requests are a few small fields; anything bigger is refused before the schema even looks at it. */
export const defaultMaxPayloadBytes = 64 * 1024;

// The one operation that carries data: a bundle uploaded as base64 (its schema caps the string too).
const payloadLimits: Partial<Record<OperationName, number>> = {
  'bundle.open': Math.ceil(maxUploadBytes / 3) * 4 + defaultMaxPayloadBytes,
};

/** The largest request payload accepted for an operation, in (UTF-16 code unit) bytes. */
export function maxPayloadBytes(name: OperationName): number {
  return payloadLimits[name] ?? defaultMaxPayloadBytes;
}

const maxDepth = 32;

/**
 * Estimates the serialised size of a payload, stopping as soon as it passes `limit`.
 *
 * Returns Infinity for anything deeper than 32 levels or not plain data, so a hostile payload costs the
 * dispatcher at most `limit` units of work, never a full walk or a JSON.stringify of megabytes.
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
  const message = typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : null;
  // An Error or a thrown ApiError-shaped object gives its message; a thrown string is the message.
  const raw = message ?? (typeof error === 'string' ? error : 'the operation failed');
  const firstLine = raw.split(/\r?\n/, 1)[0]?.trim() ?? '';
  return { code, message: (firstLine === '' ? 'the operation failed' : firstLine).slice(0, 500) };
}

/** True for the name of an operation of the contract. */
export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && (operationNames as readonly string[]).includes(name);
}

/**
 * Runs one request: known operation, bounded and validated payload, the handler, mapped errors, and a
 * validated response (unknown fields stripped, a malformed answer is a failure).
 */
export async function dispatchOperation(name: string, payload: unknown, handlers: HandlerRegistry): Promise<ApiResult<unknown>> {
  const fail = (code: ApiErrorCode, message: string): ApiResult<unknown> => ({ ok: false, error: { code, message } });
  if (!isOperationName(name)) return fail('unknown-operation', `unknown operation ${JSON.stringify(String(name).slice(0, 80))}`);
  const limit = maxPayloadBytes(name);
  if (payloadSize(payload, limit) > limit) return fail('bad-request', `request for ${name} is too large or not plain data`);
  const parsed = operations[name].request.safeParse(payload);
  if (!parsed.success) return fail('bad-request', `invalid request for ${name}`);
  let value: unknown;
  try {
    value = await (handlers[name] as (request: unknown) => Promise<unknown>)(parsed.data);
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
  const checked = operations[name].response.safeParse(value);
  if (!checked.success) return fail('failed', `${name} produced an invalid response`);
  return { ok: true, value: checked.data };
}
