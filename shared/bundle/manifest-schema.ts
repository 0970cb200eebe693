import { z } from 'zod';
import { roles } from '../kms/role.js';

/**
 * The zod schemas of the bundle manifest (DESIGN.md §5 "Bundle"; constants and paths are in
 * manifest.ts). A contract read by support engineers, scripts and our own reader: extend freely,
 * never rename.
 */
export const manifestFileSchema = z.object({
  /** Path inside the bundle, forward slashes, no leading slash. */
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** What kind of evidence this is (see evidenceKinds), so readers need not guess from names. */
  kind: z.string(),
  /** What produced it: the command line (or "tool" for files the tool wrote itself). */
  producedBy: z
    .object({
      command: z.string(),
      exitCode: z.number().int().nullable(),
      durationMs: z.number().nonnegative().nullable(),
      encoding: z.string().nullable().optional(),
    })
    .nullable(),
});

export const collectorFailureSchema = z.object({
  collector: z.string(),
  /** The collector's own message, verbatim. */
  reason: z.string(),
  /** Why, as a code (collector-failure.ts; a string, so a newer code does not make the manifest unreadable). */
  code: z.string().optional(),
  /** What evidence is missing as a result. */
  missing: z.array(z.string()),
});

/** Why an event query stopped before the end of its window: killed at its timeout, or the reading program failed. */
export const eventStopCodes = ['timeout', 'process-error'] as const;
export type EventStopCode = (typeof eventStopCodes)[number];
/** How an event query was read: `wevtutil epl` + the built-in .evtx reader, or the `wevtutil qe` stream (the fallback). */
export const eventReaders = ['evtx-export', 'wevtutil-qe'] as const;
export type EventReader = (typeof eventReaders)[number];

/**
 * What an event query read (collect only): the count window is incomplete when the cap was reached (the
 * oldest events were left out) or the query stopped part-way; findings that count events must say so.
 */
export const eventQueryFactsSchema = z.object({
  /** The evidence kind of the event file (eventsKmsHostXml, eventsHostDnsPublishXml, eventsApplicationSppXml). */
  kind: z.string(),
  records: z.number().int().nonnegative(),
  maxEvents: z.number().int().positive(),
  windowDays: z.number().int().positive(),
  capped: z.boolean(),
  /** Why the query stopped before the end of the window, null when it did not (English, for people reading the manifest). */
  incomplete: z.string().nullable(),
  /** The same as a code: the findings word it in every language (absent in bundles made before it existed). */
  stopCode: z.enum(eventStopCodes).nullable().optional(),
  /** The reading program's exit code when it failed part-way (stopCode 'process-error'). */
  exitCode: z.number().int().optional(),
  /** Damaged records skipped and counted: each is missing from the counts, so the window is incomplete. */
  skippedRecords: z.number().int().nonnegative().optional(),
  reader: z.enum(eventReaders).optional(),
});

export const manifestSchema = z.object({
  formatVersion: z.number().int().positive(),
  toolVersion: z.string(),
  /** ISO 8601 UTC; the analysis window ends here (never the analysing machine's clock). */
  created: z.string(),
  machine: z.object({
    /** null when redacted or unknown. */
    name: z.string().nullable(),
    os: z.string().nullable(),
    build: z.string().nullable(),
    edition: z.string().nullable().optional(),
    locale: z.string().nullable(),
    elevated: z.boolean().nullable(),
  }),
  role: z.enum(roles),
  redacted: z.boolean(),
  files: z.array(manifestFileSchema),
  failedCollectors: z.array(collectorFailureSchema),
  notes: z.array(z.string()).optional(),
  eventQueries: z.array(eventQueryFactsSchema).optional(),
});

export type BundleManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type CollectorFailure = z.infer<typeof collectorFailureSchema>;
export type EventQueryFacts = z.infer<typeof eventQueryFactsSchema>;
