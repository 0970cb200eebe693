import { z } from 'zod';
import { operationChannels } from './channels.js';

/**
 * The operations the renderer may ask of the main process.
 *
 * Each entry is the single source of truth for one operation: its channel, and the runtime schemas of
 * its request and response. Types are inferred from the schemas, so the IPC gate (validation), the
 * preload (named methods) and the browser bridge cannot drift apart. Later issues extend the map.
 */

export const roleSchema = z.enum(['host', 'client', 'both', 'unknown']);
export type Role = z.infer<typeof roleSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  /** True where the Windows collectors can run; false on a replay-only machine. */
  canCollect: z.boolean(),
  elevated: z.boolean().nullable(),
});

export const runStepStatusSchema = z.enum(['waiting', 'running', 'ok', 'warning', 'problem', 'could-not-check']);

export const runSummarySchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  role: roleSchema,
  machine: z.string().nullable(),
  status: z.enum(['running', 'complete', 'incomplete', 'failed', 'cancelled']),
  worstSeverity: z.enum(['problem', 'warning', 'info', 'none']),
});

const empty = z.object({}).strict();

export const operations = {
  'app.info': {
    channel: operationChannels['app.info'],
    request: empty,
    response: appInfoSchema,
  },
  'diagnosis.start': {
    channel: operationChannels['diagnosis.start'],
    request: z.object({ role: z.enum(['auto', 'host', 'client']) }).strict(),
    response: z.object({ runId: z.string() }),
  },
  'diagnosis.cancel': {
    channel: operationChannels['diagnosis.cancel'],
    request: z.object({ runId: z.string().max(64) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'history.list': {
    channel: operationChannels['history.list'],
    request: empty,
    response: z.object({ runs: z.array(runSummarySchema) }),
  },
} as const;

export type OperationName = keyof typeof operations;
export type OperationRequest<K extends OperationName> = z.infer<(typeof operations)[K]['request']>;
export type OperationResponse<K extends OperationName> = z.infer<(typeof operations)[K]['response']>;



export const operationNames = Object.keys(operations) as OperationName[];

/** Looks an operation up by its channel string (used by the IPC gate to refuse unknown channels). */
export function operationForChannel(channel: string): OperationName | undefined {
  return operationNames.find((name) => operations[name].channel === channel);
}
