import { z } from 'zod';
import { eventChannels } from './channels.js';
import { runStepStatusSchema, stepSummarySchema } from './operations.js';

/** Events pushed from main to renderer while a diagnosis or an export runs. */
export const events = {
  'run.progress': {
    channel: eventChannels['run.progress'],
    payload: z.object({
      runId: z.string(),
      stepId: z.string(),
      status: runStepStatusSchema,
      /** Milliseconds since the step started; null while waiting. */
      elapsedMs: z.number().nonnegative().nullable(),
      summary: z.string().nullable(),
      summaryCode: stepSummarySchema.nullable().optional(),
      /** What ran, so a step first seen through an event can be shown before `run.get` lists it. */
      title: z.string().optional(),
    }),
  },
  'run.finished': {
    channel: eventChannels['run.finished'],
    payload: z.object({
      runId: z.string(),
      status: z.enum(['complete', 'incomplete', 'failed', 'cancelled']),
    }),
  },
  'export.progress': {
    channel: eventChannels['export.progress'],
    payload: z.object({
      exportId: z.string(),
      bytesWritten: z.number().int().nonnegative(),
      totalBytes: z.number().int().nonnegative().nullable(),
      done: z.boolean(),
    }),
  },
} as const;

export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.infer<(typeof events)[K]['payload']>;
