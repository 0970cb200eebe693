import { bundlePaths } from '../../bundle/manifest.js';
import { channelKind } from '../../kms/channels.js';
import { lookupLicenseState } from '../../kms/license.js';
import { productKindOf } from '../../kms/product-kind.js';
import { defaultKmsPort } from '../../kms/thresholds.js';
import type { KmsEvent, SlmgrProduct } from '../../parse/types.js';
import type { FindingEvidence, RuleContext } from '../types.js';

/** A KMS host product: its host block was printed, or its channel is VOLUME_KMS* but not the client one (slmgr's own test). */
export function isHostProduct(p: SlmgrProduct): boolean {
  return p.kmsHost !== null || channelKind(p.channel) === 'kmsHost';
}

export function isKmsClientProduct(p: SlmgrProduct): boolean {
  return channelKind(p.channel) === 'kmsClient';
}

/** Installed products (slmgr /dlv all also lists unused licenses: those have no partial key). */
export function installedProducts(context: RuleContext): readonly SlmgrProduct[] {
  const products = context.evidence.slmgr?.products ?? [];
  const installed = products.filter((p) => p.partialProductKey !== null || p.licenseStatus === 'licensed');
  return installed.length > 0 ? installed : products.filter((p) => p.licenseStatus !== 'unlicensed' || p.channel !== null);
}

/**
 * The Windows OS licence (DESIGN.md §4): the installed product of the Windows application that is not an
 * add-on. Add-ons (ESU, MAK by design) and applications (Office) are judged on their own.
 */
export function osProduct(context: RuleContext): SlmgrProduct | null {
  return installedProducts(context).find((p) => productKindOf(p) === 'os') ?? null;
}

export const isLicensed = (p: SlmgrProduct): boolean => p.licenseStatus === 'licensed';

/** Why the evidence says KMS is meant to be used on this machine (DESIGN.md §4); empty when nothing says so. */
export type KmsIntent = 'kms-host-configured' | 'srv-published' | 'kms-requests';

export function kmsIntent(context: RuleContext): KmsIntent[] {
  const reasons: KmsIntent[] = [];
  const e = context.evidence;
  const configured = e.kmsClientRegistry?.kmsName ?? installedProducts(context).map((p) => p.kmsClient?.registeredKmsMachine?.name ?? null).find((n) => n) ?? null;
  if (configured) reasons.push('kms-host-configured');
  if (e.probes?.srv.some((r) => r.status === 'ok' && r.records.some((rec) => rec.target !== '.' && rec.target !== ''))) reasons.push('srv-published');
  if ((e.clientEvents ?? []).some((ev) => ev.eventId === 12288)) reasons.push('kms-requests');
  return reasons;
}

/**
 * The KMS host the client uses or should use, as far as the evidence knows: the manual setting, the one
 * slmgr found through DNS, the host of the latest request, the only SRV target. Null when none is known.
 */
export function knownKmsHost(context: RuleContext): { name: string; port: number } | null {
  const e = context.evidence;
  if (e.kmsClientRegistry?.kmsName) return { name: e.kmsClientRegistry.kmsName, port: e.kmsClientRegistry.kmsPort ?? defaultKmsPort };
  for (const p of installedProducts(context)) {
    const m = p.kmsClient?.registeredKmsMachine ?? p.kmsClient?.kmsMachineFromDns;
    if (m) return { name: m.name, port: m.port ?? defaultKmsPort };
  }
  const req = context.client?.latestRequest;
  if (req?.kmsHost) return { name: req.kmsHost, port: req.kmsPort ?? defaultKmsPort };
  const targets = [...new Set((e.probes?.srv ?? []).flatMap((r) => (r.status === 'ok' ? r.records.filter((rec) => rec.target !== '.').map((rec) => `${normalizeHost(rec.target)}:${rec.port}`) : [])))];
  if (targets.length === 1) {
    const [name, port] = targets[0]!.split(/:(?=\d+$)/);
    return { name: name!, port: Number(port) };
  }
  return null;
}

/** The DNS domain the client searches for _vlmcs._tcp, when the evidence names exactly one. */
export function knownDomain(context: RuleContext): string | null {
  const e = context.evidence;
  const fromProbes = [...new Set((e.probes?.srv ?? []).map((r) => r.name.replace(/^_vlmcs\._tcp\./i, '').toLowerCase()))];
  if (fromProbes.length === 1 && fromProbes[0] !== '') return fromProbes[0]!;
  return e.kmsClientRegistry?.lookupDomain ?? e.dnsClient?.primaryDnsSuffix ?? e.system?.domain ?? e.dnsClient?.domain ?? null;
}

export function slmgrSource(context: RuleContext): string {
  return context.evidence.slmgrSource ?? bundlePaths.slmgrDlv;
}

/**
 * The line of the raw slmgr text that holds `value` (so a Japanese or Chinese label is quoted as
 * printed), or `fallbackLabel: value` when the report came from CIM JSON.
 */
export function slmgrLine(context: RuleContext, value: string | number | null, fallbackLabel: string): FindingEvidence {
  const source = slmgrSource(context);
  const raw = context.evidence.rawSources.find((r) => r.path === context.evidence.slmgrSource);
  if (raw && value !== null && String(value) !== '') {
    const needle = String(value);
    const line = raw.text.split(/\r?\n/).find((l) => l.includes(needle));
    if (line !== undefined) return { source, excerpt: line.trim() };
  }
  return { source, excerpt: `${fallbackLabel}: ${value ?? ''}` };
}

/** slmgr's English wording of a product's license status ("Initial grace period"), or the enum name: for evidence only. */
export function statusText(p: SlmgrProduct): string {
  return p.licenseStatus === null ? '?' : lookupLicenseState(p.licenseStatus)?.slmgrText ?? p.licenseStatus;
}

/** A product's license state as the id its name is found by in the findings catalogs (common.licenseState.<id>). */
export function statusId(p: SlmgrProduct): string {
  return p.licenseStatus === null || lookupLicenseState(p.licenseStatus) === null ? 'unknown' : p.licenseStatus;
}

/** The "License Status: …" line of the product as printed (a localized label is found by its value). */
export function slmgrStatusLine(context: RuleContext, p: SlmgrProduct): FindingEvidence {
  const text = statusText(p);
  const raw = context.evidence.rawSources.find((r) => r.path === context.evidence.slmgrSource);
  const lines = raw?.text.split(/\r?\n/) ?? [];
  // Start at the product's own block so a second product's status is not quoted.
  const from = Math.max(0, p.name === null ? 0 : lines.findIndex((l) => l.includes(p.name!)));
  const line = lines.slice(from).find((l) => /^\s*License Status:/.test(l)) ?? lines.slice(from).find((l) => l.includes(text) && !/Requests with/.test(l));
  return line !== undefined ? { source: slmgrSource(context), excerpt: line.trim() } : { source: slmgrSource(context), excerpt: `License Status: ${text}` };
}

/** The Info text of a client event as Event Viewer shows it (12288 / 12289 use ", "). */
export function formatClientInfo(e: KmsEvent): string {
  if (e.eventId === 12288) {
    const host = e.kmsHost === undefined ? '' : e.kmsPort === undefined ? e.kmsHost : `${e.kmsHost}:${e.kmsPort}`;
    return [e.hresult, e.statusFlags, host, e.cmid, e.clientTime, e.isVm === undefined ? '' : e.isVm ? 1 : 0, e.licenseState, e.minutesToExpiry, e.activationId, e.minimumCount]
      .map((v) => (v === undefined ? '' : String(v))).join(', ');
  }
  if (e.eventId === 12289) {
    return [e.hresult, e.statusFlags, e.activated === undefined ? '' : e.activated ? 1 : 0, 0, e.currentCount, e.activationIntervalMinutes, e.renewalIntervalMinutes, e.clientTime]
      .map((v) => (v === undefined ? '' : String(v))).join(', ');
  }
  return (e.data ?? []).join(', ') || e.message || (e.hresult ?? '');
}

/** An event as evidence: "Event 12288, 2026-11-20T09:00:00Z: <Info>". */
export function eventEvidence(source: string | null, e: KmsEvent): FindingEvidence {
  const info = formatClientInfo(e);
  return { source: source ?? bundlePaths.eventsApplicationSppXml, excerpt: `Event ${e.eventId} ${e.timeCreated ?? ''}${e.recordId === null ? '' : ` #${e.recordId}`}: ${info}`.trim() };
}

export function list(items: readonly string[], max = 10): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} (+${items.length - max})`;
}

export function normalizeHost(name: string): string {
  return name.trim().replace(/\.$/, '').toLowerCase();
}
