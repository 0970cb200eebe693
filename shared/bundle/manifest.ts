/**
 * The bundle's manifest.json (DESIGN.md §5 "Bundle"): a contract read by support engineers, scripts and
 * our own reader. Extend freely, never rename.
 */
export const bundleFormatVersion = 1;

// The zod schemas live in manifest-schema.ts: loading zod is a noticeable share of start-up
// (bench/README.md), which readers of a loose folder (no manifest) need not pay.
export type { BundleManifest, CollectorFailure, EventQueryFacts, ManifestFile } from './manifest-schema.js';

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
  /** The KMS host's DNS-publishing events (12293/12294): they are in the Application log, not the KMS log. */
  eventsHostDnsPublishXml: 'events/kms-host-dns-publish.xml',
  eventsKmsHostEvtx: 'events/kms-host.evtx',
  eventsApplicationSppEvtx: 'events/application-spp.evtx',
  eventsHostDnsPublishEvtx: 'events/kms-host-dns-publish.evtx',
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
