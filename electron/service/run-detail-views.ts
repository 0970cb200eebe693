import type { ClientPath, Finding, FindingFix, Gap, HostDashboard, Verdict } from '../../shared/contract/operations.js';
import type { DiagnosisResult, EvidenceSet } from '../../shared/diagnose/index.js';
import type { SlmgrReport, SlmgrProduct } from '../../shared/parse/types.js';
import { clientOsThreshold, countCap, maxCount, serverOfficeThreshold } from '../../shared/kms/thresholds.js';

/**
 * Pure mappings from the services' results (evidence, diagnosis) to what the contract's screens draw.
 * Kept apart from the handlers so they are tested on their own, without files or processes.
 */

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/** The findings as the contract carries them (the engine's order is kept: it is the ranking). */
export function findingsView(result: Pick<DiagnosisResult, 'findings'>): Finding[] {
  return result.findings.map((finding) => ({
    id: finding.id,
    severity: finding.severity,
    title: finding.title,
    explanation: finding.explanation,
    evidence: finding.evidence.map((item) => ({ source: item.source, excerpt: item.excerpt })),
    fixes: finding.fixes.map(fixView),
    docs: [...finding.docs],
    ...(finding.explainedBy === undefined ? {} : { explainedBy: finding.explainedBy }),
  }));
}

/** One fix step as the contract carries it (a finding's, or a gap's "how to get it"). */
export function fixView(fix: DiagnosisResult['findings'][number]['fixes'][number]): FindingFix {
  return {
    text: fix.text,
    command: fix.command ?? null,
    ...(fix.runOn === undefined ? {} : { runOn: fix.runOn }),
    ...(fix.shell === undefined ? {} : { shell: fix.shell }),
    ...(fix.caution === undefined ? {} : { caution: fix.caution }),
  };
}

/** The verdict and the gaps as the contract carries them. */
export function verdictView(result: DiagnosisResult): { verdict: Verdict; gaps: Gap[] } {
  return {
    verdict: { ...result.verdict, consequences: [...result.verdict.consequences], works: [...result.verdict.works], passed: result.verdict.passed.map((p) => ({ id: p.id, name: p.name })) },
    gaps: result.gaps.map((g) => ({ ...g, fix: g.fix === null ? null : fixView(g.fix) })),
  };
}

/** The client's discovery path: suffixes and servers from its DNS configuration, SRV/TCP/RPC from the probes. */
export function clientPathView(evidence: EvidenceSet): ClientPath | null {
  if (evidence.probes === null && evidence.dnsClient === null) return null;
  const suffixes: ClientPath['suffixes'] = [];
  const add = (suffix: string | null | undefined, source: ClientPath['suffixes'][number]['source']) => {
    if (suffix === null || suffix === undefined || suffix.trim() === '') return;
    const clean = suffix.trim().replace(/\.$/, '');
    if (!suffixes.some((item) => item.suffix.toLowerCase() === clean.toLowerCase())) suffixes.push({ suffix: clean, source });
  };
  const dns = evidence.dnsClient;
  const registry = evidence.kmsClientRegistry;
  add(registry?.lookupDomain, 'lookup-domain');
  add(dns?.primaryDnsSuffix, 'primary');
  for (const suffix of dns?.suffixSearchList ?? []) add(suffix, 'search-list');
  for (const item of dns?.interfaces ?? []) add(item.connectionSpecificSuffix, 'connection');
  const dnsServers = unique((dns?.serverAddresses ?? []).flatMap((item) => item.servers));
  const override = registry?.kmsName ? { name: registry.kmsName, port: registry.kmsPort ?? null } : null;
  return {
    suffixes,
    dnsServers,
    override,
    srv: (evidence.probes?.srv ?? []).map((lookup) => ({
      name: lookup.name,
      server: lookup.server,
      status: lookup.status,
      hresult: lookup.hresult,
      records: lookup.records.map((record) => ({ ...record, addresses: [...record.addresses] })),
    })),
    hosts: (evidence.probes?.hosts ?? []).map((host) => ({ host: host.host, port: host.port, source: host.source, tcp: { ...host.tcp }, rpc: { ...host.rpc } })),
  };
}

function hostProducts(slmgr: SlmgrReport | null): SlmgrProduct[] {
  return (slmgr?.products ?? []).filter((product) => product.kmsHost !== null);
}

/** The dashboard's firewall tile: what the diagnosis decided (the same coverage `host.firewall-closed` reads). */
export function firewallView(result: DiagnosisResult): HostDashboard['firewall'] {
  const coverage = result.firewall;
  if (coverage === undefined) return { state: 'unknown', rules: [] };
  return { state: coverage.state, rules: coverage.rules.map((rule) => rule.displayName ?? rule.name ?? '').filter((name) => name !== '') };
}

/** The host dashboard from the engine's host analysis plus the host configuration evidence. */
export function hostDashboardView(evidence: EvidenceSet, result: DiagnosisResult): HostDashboard | null {
  const analysis = result.hostAnalysis;
  const products = hostProducts(evidence.slmgr);
  if (analysis === undefined && products.length === 0 && evidence.hostConfig === null) return null;
  const kmsHost = products[0]?.kmsHost ?? null;
  const publish = [...(analysis?.publish ?? [])].sort((a, b) => a.time.localeCompare(b.time));
  const last = publish[publish.length - 1];
  const disabled = evidence.hostConfig?.disableDnsPublishing ?? null;
  // Both families, always: the host's one count against each threshold (25 / 5), whether or not clients of
  // that family asked in the window, with the cap the analysis applied (countCap).
  const clientOsAsked = analysis?.families.some((family) => family.family === 'client-os') ?? false;
  const families: HostDashboard['families'] =
    analysis === undefined
      ? []
      : [
          { family: 'client', minimumCount: clientOsThreshold, cap: maxCount, distinctCmids: analysis.effectiveCount },
          { family: 'server', minimumCount: serverOfficeThreshold, cap: countCap(clientOsAsked), distinctCmids: analysis.effectiveCount },
        ];
  return {
    currentCount: kmsHost?.currentCount ?? null,
    windowStart: analysis?.windowStart ?? null,
    windowEnd: analysis?.windowEnd ?? null,
    families:
      families.length > 0
        ? families
        : kmsHost?.currentCount !== null && kmsHost?.currentCount !== undefined
          ? [{ family: 'client', minimumCount: clientOsThreshold, cap: maxCount, distinctCmids: kmsHost.currentCount }]
          : [],
    requestsPerDay: (analysis?.requestsPerDay ?? []).map((day) => ({ day: day.day, requests: day.total, failures: day.failed })),
    duplicateCmids: (analysis?.duplicateCmids ?? []).map((duplicate) => ({
      cmid: duplicate.cmid,
      machines: duplicate.names.map((name) => name.name),
      firstSeen: duplicate.first,
      lastSeen: duplicate.last,
    })),
    failures: (analysis?.failures ?? []).map((failure) => ({ hresult: failure.hresult, count: failure.requests, machines: [...failure.machines] })),
    dnsPublishing: {
      enabled: disabled !== null ? !disabled : (kmsHost?.dnsPublishing ?? null),
      result: last === undefined ? 'unknown' : last.eventId === 12294 ? 'succeeded' : 'failed',
      hresult: last?.eventId === 12293 ? last.hresult : null,
      domain: last?.domain ?? null,
    },
    firewall: firewallView(result),
  };
}
