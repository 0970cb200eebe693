import { z } from 'zod';

/**
 * The one error shape that crosses the main/renderer boundary.
 *
 * Handlers never leak stack traces; they map failures to a code the UI can translate and a one-line
 * message for the log.
 */
export const apiErrorCodes = [
  'bad-request',
  'unknown-operation',
  'forbidden-sender',
  'not-found',
  'not-supported',
  'cancelled',
  'failed',
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(apiErrorCodes),
  message: z.string(),
});

export type ApiError = z.infer<typeof apiErrorSchema>;

/** Result envelope: the preload unwraps it, so renderer code sees a resolved value or a thrown ApiError. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
