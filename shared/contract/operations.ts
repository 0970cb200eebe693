import { z } from 'zod';
import { operationChannels, operationNameList } from './channels.js';
import { maxUploadBytes, maxUploadFiles, maxUploadPathChars } from './limits.js';
import { uiLanguages } from './languages.js';
import { requestedRoles, roleReasonCodes, roles, type Role } from '../kms/role.js';
import { severities, verdictLevels, worstSeverities, type Severity } from '../kms/severity.js';
import { runStatuses } from './run-status.js';
import { eventStopCodes } from '../bundle/manifest-schema.js';

/**
 * The operations the renderer may ask of the main process.
 *
 * Each entry is the single source of truth for one operation: its channel, and the runtime schemas of
 * its request and response. Types are inferred from the schemas, so the IPC gate (validation), the
 * preload (named methods) and the browser bridge cannot drift apart. Later issues extend the map.
 */

export const roleSchema = z.enum(roles);
export type { Role };

export const uiLanguageSchema = z.enum(uiLanguages);
export type UiLanguage = z.infer<typeof uiLanguageSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  /** True where the Windows collectors can run; false on a replay-only machine. */
  canCollect: z.boolean(),
  elevated: z.boolean().nullable(),
  /** "preview": the browser preview over recorded machines; absent or "desktop" in the Electron app. */
  mode: z.enum(['desktop', 'preview']).optional(),
  /** True where `bundle.open` with `source: "dialog"` shows a native file dialog. */
  nativeDialogs: z.boolean().optional(),
});

export const runStepStatusSchema = z.enum(['waiting', 'running', 'ok', 'warning', 'problem', 'could-not-check']);
export type RunStepStatus = z.infer<typeof runStepStatusSchema>;

export const severitySchema = z.enum(severities);
export type { Severity };

export const runStatusSchema = z.enum(runStatuses);

export const runSummarySchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  role: roleSchema,
  machine: z.string().nullable(),
  status: runStatusSchema,
  worstSeverity: z.enum(worstSeverities),
  /** The bundle a run analysed (file or folder name), absent for a run on this machine. */
  sourceName: z.string().nullable().optional(),
  /** What the run found: counts by severity and the first problems and warnings (id and title, engine order). */
  found: z
    .object({
      problem: z.number().int().nonnegative(),
      warning: z.number().int().nonnegative(),
      info: z.number().int().nonnegative(),
      top: z.array(z.object({ id: z.string(), title: z.string() })),
    })
    .optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** Why the role was detected; `code` is translated by the UI, `detail` is the value that decided it. */
export const roleReasonSchema = z.object({
  code: z.enum(roleReasonCodes),
  detail: z.string().nullable(),
});

/** The machine the app runs on (or the recorded machine the preview replays). */
export const machineInfoSchema = z.object({
  name: z.string().nullable(),
  os: z.string().nullable(),
  build: z.string().nullable(),
  edition: z.string().nullable(),
  elevated: z.boolean().nullable(),
  /** Checks that run degraded without elevation, by step id (empty when elevated). */
  degraded: z.array(z.string()),
  detectedRole: roleSchema,
  roleReason: roleReasonSchema,
});
export type MachineInfo = z.infer<typeof machineInfoSchema>;

/** A step of a fix; a command says where it runs, in which shell, and cautions when it changes a working system (DESIGN.md §5). */
export const findingFixSchema = z.object({
  text: z.string(),
  command: z.string().nullable().optional(),
  runOn: z.enum(['client', 'host', 'dns-server', 'any']).optional(),
  shell: z.enum(['cmd', 'powershell']).optional(),
  caution: z.string().optional(),
});
export type FindingFix = z.infer<typeof findingFixSchema>;

export const findingSchema = z.object({
  id: z.string(),
  severity: severitySchema,
  title: z.string(),
  explanation: z.string(),
  /** The exact line or event excerpt that proves the finding, and where it came from. */
  evidence: z.array(z.object({ source: z.string(), excerpt: z.string() })),
  fixes: z.array(findingFixSchema),
  docs: z.array(z.string()),
  /** The root cause that explains this finding: the verdict folds it under that one. */
  explainedBy: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** Read first (DESIGN.md §5): the root cause with what it explains, or for a machine that works what works and what passed. */
export const verdictSchema = z.object({
  state: z.enum(['healthy', 'problem', 'warning', 'unknown']),
  rootCause: z.string().nullable(),
  consequences: z.array(z.string()),
  summary: z.string(),
  works: z.array(z.string()),
  passed: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Verdict = z.infer<typeof verdictSchema>;

/** Evidence that could not be collected, by readable name, kept apart from the findings. */
export const gapSchema = z.object({
  id: z.enum(['collect.missing-evidence', 'collect.failed', 'collect.event-window-incomplete']),
  evidence: z.string(),
  name: z.string(),
  explanation: z.string(),
  changesVerdict: z.boolean(),
  fix: findingFixSchema.nullable(),
});
export type Gap = z.infer<typeof gapSchema>;

/**
 * What a finished step found, as a code and its values: the renderer words it in the UI language.
 * `detail` is verbatim text from the machine or the recording (an OS error message), shown as such.
 */
export const stepSummarySchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('ok') }),
  z.object({ code: z.literal('exported') }),
  z.object({
    code: z.literal('events'),
    count: z.number().int().nonnegative(),
    /** The event cap when it was reached (the oldest part of the window is missing). */
    cap: z.number().int().nonnegative().nullable().optional(),
    /** Why the query stopped part-way, verbatim. */
    incomplete: z.string().nullable().optional(),
    /** Damaged records of the exported log that were skipped and counted. */
    skipped: z.number().int().positive().optional(),
    /** Why the query stopped part-way, as a code the UI words (then `incomplete` is not shown). */
    stopCode: z.enum(eventStopCodes).optional(),
    /** The reading program's exit code (stopCode 'process-error'). */
    exitCode: z.number().int().optional(),
  }),
  z.object({ code: z.literal('lines'), count: z.number().int().nonnegative() }),
  z.object({ code: z.literal('products'), count: z.number().int().nonnegative() }),
  z.object({ code: z.literal('probes'), lookups: z.number().int().nonnegative(), hosts: z.number().int().nonnegative() }),
  z.object({ code: z.literal('role'), role: roleSchema, chosen: z.boolean() }),
  z.object({ code: z.literal('file'), path: z.string() }),
  z.object({ code: z.literal('not-present'), detail: z.string() }),
  z.object({ code: z.literal('failed'), detail: z.string() }),
]);
export type StepSummary = z.infer<typeof stepSummarySchema>;

export const runStepSchema = z.object({
  stepId: z.string(),
  /** What ran, as a person would write it (e.g. "cscript slmgr.vbs /dlv"); the UI titles steps by id. */
  title: z.string(),
  status: runStepStatusSchema,
  durationMs: z.number().nonnegative().nullable(),
  /** The summary in English (the CLI's and the history's words); `summaryCode` is what the UI shows. */
  summary: z.string().nullable(),
  summaryCode: stepSummarySchema.nullable().optional(),
  hasOutput: z.boolean(),
});
export type RunStep = z.infer<typeof runStepSchema>;

const srvRecordSchema = z.object({
  target: z.string(),
  port: z.number().int(),
  priority: z.number().int(),
  weight: z.number().int(),
  addresses: z.array(z.string()),
});

/** What the client-path view draws (DNS suffixes → servers → SRV → host:port → TCP → KMS RPC). */
export const clientPathSchema = z.object({
  suffixes: z.array(z.object({ suffix: z.string(), source: z.enum(['primary', 'search-list', 'connection', 'lookup-domain']) })),
  dnsServers: z.array(z.string()),
  /** A manual `/skms` override, which bypasses DNS. */
  override: z.object({ name: z.string(), port: z.number().int().nullable() }).nullable(),
  srv: z.array(
    z.object({
      name: z.string(),
      server: z.string(),
      status: z.enum(['ok', 'nxdomain', 'nodata', 'servfail', 'refused', 'timeout', 'error']),
      hresult: z.string().nullable(),
      records: z.array(srvRecordSchema),
    }),
  ),
  hosts: z.array(
    z.object({
      host: z.string(),
      port: z.number().int(),
      source: z.enum(['srv', 'registry', 'cli']),
      tcp: z.object({ status: z.enum(['connected', 'refused', 'timeout', 'unreachable', 'unresolved']), ms: z.number() }),
      rpc: z.object({ status: z.enum(['kms', 'rejected', 'nak', 'not-rpc', 'silent', 'closed', 'skipped']), ms: z.number() }),
    }),
  ),
});
export type ClientPath = z.infer<typeof clientPathSchema>;

/** What the host dashboard draws, from the host event analysis and the host configuration. */
export const hostDashboardSchema = z.object({
  currentCount: z.number().int().nullable(),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  families: z.array(
    z.object({
      family: z.enum(['client', 'server']),
      minimumCount: z.number().int(),
      cap: z.number().int(),
      distinctCmids: z.number().int().nonnegative(),
    }),
  ),
  requestsPerDay: z.array(z.object({ day: z.string(), requests: z.number().int().nonnegative(), failures: z.number().int().nonnegative() })),
  duplicateCmids: z.array(z.object({ cmid: z.string(), machines: z.array(z.string()), firstSeen: z.string(), lastSeen: z.string() })),
  failures: z.array(z.object({ hresult: z.string(), count: z.number().int().nonnegative(), machines: z.array(z.string()) })),
  dnsPublishing: z.object({
    enabled: z.boolean().nullable(),
    result: z.enum(['succeeded', 'failed', 'unknown']),
    hresult: z.string().nullable(),
    domain: z.string().nullable(),
  }),
  firewall: z.object({ state: z.enum(['open', 'closed', 'unknown']), rules: z.array(z.string()) }),
});
export type HostDashboard = z.infer<typeof hostDashboardSchema>;

/** One run as the Running, Findings, client-path and host screens show it. */
export const runDetailSchema = z.object({
  summary: runSummarySchema,
  source: z.object({ kind: z.enum(['this-machine', 'bundle']), name: z.string().nullable() }),
  machine: z
    .object({ name: z.string().nullable(), os: z.string().nullable(), build: z.string().nullable(), elevated: z.boolean().nullable() })
    .nullable(),
  steps: z.array(runStepSchema),
  /** In the engine's ranking order: problems first, a cause before its consequences. */
  findings: z.array(findingSchema),
  /** Null while the run has no diagnosis yet. */
  verdict: verdictSchema.nullable().optional(),
  gaps: z.array(gapSchema).optional(),
  clientPath: clientPathSchema.nullable(),
  host: hostDashboardSchema.nullable(),
  /** For an opened bundle or files: each file and what it was recognised as (`kind` a bundle evidence kind, or "other"). */
  opened: z.array(z.object({ path: z.string(), kind: z.string(), note: z.string() })).optional(),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const exportFileSchema = z.object({ path: z.string(), size: z.number().int().nonnegative() });

/** A case's verdict, and each machine's: the worst of what it shows (DESIGN.md §5 "Case"). */
export const caseVerdictSchema = z.enum(verdictLevels);
const findingHeadSchema = z.object({ id: z.string(), severity: severitySchema, title: z.string() });

/** A case as the history lists it: what was opened, its verdict, its machines (each linked to its run), its case findings. */
export const caseSummarySchema = z.object({
  caseId: z.string(),
  startedAt: z.string(),
  name: z.string(),
  verdict: caseVerdictSchema,
  machines: z.array(z.object({ runId: z.string().nullable(), name: z.string(), role: roleSchema, verdict: caseVerdictSchema })),
  caseFindings: z.array(findingHeadSchema),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** Several machines opened together: the case findings first (proof and fix), then each machine side by side. */
export const caseDetailSchema = z.object({
  summary: caseSummarySchema,
  /** What only the machines together show, in the engine's ranking order. */
  caseFindings: z.array(findingSchema),
  /** Problem machines first; each with its run (its full result), its CMIDs and its first findings. */
  machines: z.array(
    z.object({
      runId: z.string().nullable(),
      name: z.string(),
      /** Where its evidence was read, as opened ("case.zip/kms01", "pc1.zip"). */
      source: z.string(),
      role: roleSchema,
      verdict: caseVerdictSchema,
      cmids: z.array(z.string()),
      counts: z.object({ problem: z.number().int().nonnegative(), warning: z.number().int().nonnegative(), info: z.number().int().nonnegative() }),
      top: z.array(findingHeadSchema),
    }),
  ),
  /** Files beside the machines that belong to none of them (not read). */
  ignored: z.array(z.string()),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

const empty = z.object({}).strict();
const runId = z.string().min(1).max(64);

export const operations = {
  'app.info': {
    channel: operationChannels['app.info'],
    request: empty,
    response: appInfoSchema,
  },
  'machine.info': {
    channel: operationChannels['machine.info'],
    request: empty,
    response: machineInfoSchema,
  },
  'diagnosis.start': {
    channel: operationChannels['diagnosis.start'],
    request: z.object({ role: z.enum(requestedRoles) }).strict(),
    response: z.object({ runId: z.string() }),
  },
  'diagnosis.cancel': {
    channel: operationChannels['diagnosis.cancel'],
    request: z.object({ runId: z.string().max(64) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'bundle.open': {
    channel: operationChannels['bundle.open'],
    request: z.discriminatedUnion('source', [
      /** The native dialog: several files (a zip, or loose evidence files), or a folder; titled in `lang`. */
      z.object({ source: z.literal('dialog'), pick: z.enum(['files', 'folder']).optional(), lang: uiLanguageSchema.optional() }).strict(),
      z
        .object({
          source: z.literal('upload'),
          name: z.string().min(1).max(255),
          dataBase64: z.string().max(Math.ceil(maxUploadBytes / 3) * 4),
        })
        .strict(),
      /**
       * Several files chosen or dropped in the browser, read together as one loose folder (sizes summed
       * against the limit); or a folder chosen in the browser: `folder` its name, each file's `path` where
       * it lies inside it ("events/kms-host.xml"), so a bundle folder or a folder of several machines keeps
       * its layout.
       */
      z
        .object({
          source: z.literal('upload-files'),
          folder: z.string().min(1).max(255).optional(),
          files: z
            .array(
              z
                .object({
                  name: z.string().min(1).max(255),
                  path: z.string().min(1).max(maxUploadPathChars).optional(),
                  dataBase64: z.string().max(Math.ceil(maxUploadBytes / 3) * 4),
                })
                .strict(),
            )
            .min(1)
            .max(maxUploadFiles),
        })
        .strict(),
    ]),
    /** runId null: the dialog was cancelled, or what was opened holds several machines: then `caseId` is the case. */
    response: z.object({ runId: z.string().nullable(), caseId: z.string().optional() }),
  },
  'run.get': {
    channel: operationChannels['run.get'],
    request: z.object({ runId, lang: uiLanguageSchema }).strict(),
    response: runDetailSchema,
  },
  'run.step-output': {
    channel: operationChannels['run.step-output'],
    request: z.object({ runId, stepId: z.string().min(1).max(128) }).strict(),
    response: z.object({ command: z.string().nullable(), text: z.string(), truncated: z.boolean() }),
  },
  'history.list': {
    channel: operationChannels['history.list'],
    request: empty,
    response: z.object({ runs: z.array(runSummarySchema), cases: z.array(caseSummarySchema).optional() }),
  },
  'case.get': {
    channel: operationChannels['case.get'],
    request: z.object({ caseId: runId, lang: uiLanguageSchema }).strict(),
    response: caseDetailSchema,
  },
  'export.plan': {
    channel: operationChannels['export.plan'],
    request: z.object({ runId, redact: z.boolean() }).strict(),
    response: z.object({
      files: z.array(exportFileSchema),
      totalBytes: z.number().int().nonnegative(),
      /** Files left out of this export and why (e.g. .evtx logs cannot be redacted). */
      omitted: z.array(z.object({ path: z.string(), reason: z.string(), code: z.enum(['not-redactable', 'left-out']).optional() })),
      suggestedName: z.string(),
    }),
  },
  'export.save': {
    channel: operationChannels['export.save'],
    request: z.object({ runId, redact: z.boolean(), lang: uiLanguageSchema.optional() }).strict(),
    /** The path is the one chosen in the native save dialog (never a renderer-supplied path). */
    response: z.object({ exportId: z.string().nullable(), path: z.string().nullable(), bytes: z.number().int().nonnegative().nullable() }),
  },
  'export.reveal': {
    channel: operationChannels['export.reveal'],
    request: z.object({ exportId: z.string().min(1).max(64) }).strict(),
    response: z.object({ revealed: z.boolean(), downloadUrl: z.string().nullable().optional() }),
  },
  'docs.open': {
    channel: operationChannels['docs.open'],
    request: z.object({ url: z.string().url().max(2048) }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
} as const;

export type OperationName = keyof typeof operations;
export type OperationRequest<K extends OperationName> = z.infer<(typeof operations)[K]['request']>;
export type OperationResponse<K extends OperationName> = z.infer<(typeof operations)[K]['response']>;

export const operationNames = Object.keys(operations) as OperationName[];

// The zod-free name list (channels.ts, what the preload bundles) and this map must name the same operations.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const nameListMatchesOperations: SameKeys<OperationName, (typeof operationNameList)[number]> = true;
void nameListMatchesOperations;

/** Looks an operation up by its channel string (used by the IPC gate to refuse unknown channels). */
export function operationForChannel(channel: string): OperationName | undefined {
  return operationNames.find((name) => operations[name].channel === channel);
}
