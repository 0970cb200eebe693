import { z } from 'zod';
import { eventChannels } from './channels.js';
import { runStepStatusSchema } from './operations.js';

/** Events pushed from main to renderer while a diagnosis runs. */
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
    }),
  },
  'run.finished': {
    channel: eventChannels['run.finished'],
    payload: z.object({
      runId: z.string(),
      status: z.enum(['complete', 'incomplete', 'failed', 'cancelled']),
    }),
  },
} as const;

export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.infer<(typeof events)[K]['payload']>;
