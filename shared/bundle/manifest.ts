import { z } from 'zod';

/**
 * The bundle's manifest.json (DESIGN.md §5 "Bundle"): a contract read by support engineers, scripts and
 * our own reader. Extend freely, never rename.
 */
export const bundleFormatVersion = 1;

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
  reason: z.string(),
  /** What evidence is missing as a result. */
  missing: z.array(z.string()),
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
  role: z.enum(['host', 'client', 'both', 'unknown']),
  redacted: z.boolean(),
  files: z.array(manifestFileSchema),
  failedCollectors: z.array(collectorFailureSchema),
  notes: z.array(z.string()).optional(),
});

export type BundleManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type CollectorFailure = z.infer<typeof collectorFailureSchema>;

/**
 * Where each kind of evidence lives in a bundle directory. Readers look files up by `kind` in the
 * manifest; these paths are what the writer uses and what a person browsing the zip sees.
 */
export const bundlePaths = {
  slmgrDlv: 'slmgr/dlv.txt',
  slmgrDlvAll: 'slmgr/dlv-all.txt',
  slmgrDlvRaw: 'slmgr/dlv.utf16.raw',
  slmgrDlvAllRaw: 'slmgr/dlv-all.utf16.raw',
  slmgrIni: 'slmgr/slmgr.ini',
  cimProducts: 'cim/SoftwareLicensingProduct.json',
  cimService: 'cim/SoftwareLicensingService.json',
  eventsKmsHostXml: 'events/kms-host.xml',
  eventsApplicationSppXml: 'events/application-spp.xml',
  eventsKmsHostEvtx: 'events/kms-host.evtx',
  eventsApplicationSppEvtx: 'events/application-spp.evtx',
  eventLogHealth: 'events/log-health.json',
  dnsClient: 'network/dns-client.json',
  kmsClientRegistry: 'network/kms-client-registry.json',
  probes: 'network/probes.json',
  hostConfig: 'host/kms-host-config.json',
  firewall: 'host/firewall.json',
  system: 'system/info.json',
  findings: 'findings.json',
  report: 'report.html',
  manifest: 'manifest.json',
} as const;

export type EvidenceKind = keyof typeof bundlePaths;
