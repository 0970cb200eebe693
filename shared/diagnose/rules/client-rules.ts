import { bundlePaths } from '../../bundle/manifest.js';
import { channelKind } from '../../kms/channels.js';
import { findGvlk } from '../../kms/gvlk.js';
import { isWindowsProduct } from '../../kms/product-kind.js';
import { defaultKmsPort } from '../../kms/thresholds.js';
import { multipleHosts, serversDisagree, unresolvedTargets } from '../../probe/analysis.js';
import type { HostProbeResult, SrvLookupResult } from '../../probe/types.js';
import { codeFixes } from '../explain-code.js';
import type { FindingDraft, Rule, RuleContext } from '../types.js';
import {
  eventEvidence,
  installedProducts,
  isHostProduct,
  isKmsClientProduct,
  list,
  normalizeHost,
  slmgrLine,
  slmgrStatusLine,
  statusText,
} from './helpers.js';

/** Codes that mean "no SRV record found" (ERROR-CODES.md, DNS table). */
export const noSrvCodes = ['0x8007232B', '0x8007251D', '0x8007007B', '0x80092328'];
/** Codes that mean "no host answered" (ERROR-CODES.md: 0xC004F074 summary, RPC unavailable, 8198 contact failure). */
export const unreachableCodes = ['0xC004F074', '0xC004F039', '0x800706BA', '0xC0020017', '0x8007139F'];
export const countCode = '0xC004F038';
export const clockCode = '0xC004F06C';

const probesSource = bundlePaths.probes;
const isClient = (c: RuleContext): boolean => c.role === 'client' || c.role === 'both';
const homeEdition = /\b(core|home|corecountryspecific|coresinglelanguage|coren)\b/i;

function srvSummary(r: SrvLookupResult): string {
  const records = r.records.map((rec) => `${rec.target}:${rec.port}${rec.addresses.length ? ` [${rec.addresses.join(' ')}]` : ' [no address]'}`);
  return `${r.name} @ ${r.server} → ${r.status}${r.hresult ? ` (${r.hresult})` : ''}${records.length ? `: ${records.join(', ')}` : ''}`;
}

function hostSummary(h: HostProbeResult): string {
  return `${h.host}:${h.port} (${h.source}) → tcp ${h.tcp.status} ${h.tcp.ms} ms, rpc ${h.rpc.status}`;
}

/** The Windows product that decides the client's activation path. */
function primaryWindows(c: RuleContext) {
  return installedProducts(c).find(isWindowsProduct) ?? null;
}

function override(c: RuleContext): { name: string; port: number } | null {
  const reg = c.evidence.kmsClientRegistry;
  if (reg?.kmsName) return { name: reg.kmsName, port: reg.kmsPort ?? defaultKmsPort };
  const registered = installedProducts(c).map((p) => p.kmsClient?.registeredKmsMachine).find((m) => m);
  return registered ? { name: registered.name, port: registered.port ?? defaultKmsPort } : null;
}

const editionNoVolume: Rule = (c) => {
  if (!isClient(c)) return null;
  const windows = primaryWindows(c);
  const edition = c.evidence.system?.editionId ?? null;
  const name = windows?.name ?? '';
  const byName = /edition/i.test(name) && homeEdition.test(name.replace(/edition/i, ''));
  const byEdition = edition !== null && /^core/i.test(edition);
  if (!byName && !byEdition) return null;
  return {
    id: 'client.edition-no-volume',
    vars: { edition: byEdition ? edition! : name },
    evidence: [byName ? slmgrLine(c, name, 'Name') : { source: bundlePaths.system, excerpt: `EditionId: ${edition}` }],
    fixes: [{ key: 'upgrade' }, { key: 'retail' }],
  };
};

const channelNotKms: Rule = (c) => {
  if (!isClient(c) || editionNoVolume(c) !== null) return null;
  const drafts: FindingDraft[] = [];
  for (const p of installedProducts(c)) {
    if (!p.channel || isKmsClientProduct(p) || isHostProduct(p)) continue;
    const kind = channelKind(p.channel);
    if (kind !== 'mak' && kind !== 'retail' && kind !== 'oem') continue;
    const windows = isWindowsProduct(p);
    // The key to install, when the edition and build say which one (null when ambiguous: then <GVLK>).
    const gvlk = windows && p.name ? findGvlk(p.name, { build: c.evidence.system?.buildNumber ?? c.evidence.slmgr?.serviceVersion ?? null }) : null;
    drafts.push({
      id: 'client.channel-not-kms',
      vars: { channel: p.channel, product: p.name ?? '' },
      evidence: [slmgrLine(c, p.description ?? p.channel, 'Description')],
      fixes: windows
        ? [{ key: 'ipk', command: `slmgr.vbs /ipk ${gvlk?.gvlk ?? '<GVLK>'}` }, { key: 'ato', command: 'slmgr.vbs /ato' }]
        : [{ key: 'office', command: 'cscript ospp.vbs /inpkey:<GVLK>' }],
    });
  }
  return drafts;
};

const notActivated: Rule = (c) => {
  if (!isClient(c)) return null;
  return installedProducts(c)
    .filter((p) => isKmsClientProduct(p) && p.licenseStatus !== null && p.licenseStatus !== 'licensed')
    .map((p): FindingDraft => {
      const reason = p.notificationReason;
      const explained = reason ? c.explainCode(reason) : null;
      return {
        id: 'client.not-activated',
        explanation: reason ? 'explanationReason' : 'explanation',
        vars: { product: p.name ?? '', status: statusText(p), reason: reason ?? '', meaning: explained?.meaning ?? '', minutes: p.remainingMinutes ?? '' },
        evidence: [slmgrStatusLine(c, p), ...(reason ? [slmgrLine(c, reason.replace(/^0x/i, ''), 'Notification Reason')] : [])],
        fixes: [{ key: 'causes' }, { key: 'ato', command: 'slmgr.vbs /ato' }],
        ...(reason ? { about: reason } : {}),
      };
    });
};

const dnsNoSrv: Rule = (c): FindingDraft | null => {
  if (!isClient(c)) return null;
  const probes = c.evidence.probes;
  const err = c.client?.latestError;
  const eventSaysNoSrv = err !== null && err !== undefined && noSrvCodes.includes(err.hresult);
  if (probes && probes.srv.length > 0) {
    if (probes.srv.some((r) => r.status === 'ok' && r.records.length > 0)) return null;
    if (!probes.srv.every((r) => r.status === 'nxdomain' || r.status === 'nodata')) return null;
    const names = [...new Set(probes.srv.map((r) => r.name))];
    const ov = override(c);
    return {
      id: 'client.dns-no-srv',
      severity: ov ? 'warning' : 'problem',
      explanation: ov ? 'explanationOverride' : 'explanation',
      vars: { names: list(names), domain: names[0]?.replace(/^_vlmcs\._tcp\./i, '') ?? '', override: ov ? `${ov.name}:${ov.port}` : '' },
      evidence: probes.srv.map((r) => ({ source: probesSource, excerpt: srvSummary(r) })),
      fixes: [
        { key: 'check', command: `nslookup -type=srv ${names[0] ?? '_vlmcs._tcp.<domain>'}` },
        { key: 'publish' },
        { key: 'manual', command: `Add-DnsServerResourceRecord -Srv -ZoneName ${names[0]?.replace(/^_vlmcs\._tcp\./i, '') ?? '<domain>'} -Name _vlmcs._tcp -DomainName <kms-host-fqdn> -Priority 0 -Weight 0 -Port 1688` },
        { key: 'skms', command: 'slmgr.vbs /skms <kms-host-fqdn>:1688' },
      ],
      explains: [...noSrvCodes, ...unreachableCodes],
    };
  }
  if (!eventSaysNoSrv) return null;
  return {
    id: 'client.dns-no-srv',
    explanation: 'explanationEvent',
    vars: { names: '_vlmcs._tcp', domain: '', hresult: err.hresult, override: '' },
    evidence: [eventEvidence(c.evidence.clientEventsSource, err.event)],
    fixes: [{ key: 'check', command: 'nslookup -type=srv _vlmcs._tcp.<domain>' }, { key: 'publish' }, { key: 'skms', command: 'slmgr.vbs /skms <kms-host-fqdn>:1688' }],
    explains: [...noSrvCodes, ...unreachableCodes],
  };
};

const srvTargetUnresolved: Rule = (c) => {
  if (!isClient(c) || !c.evidence.probes) return null;
  const probes = c.evidence.probes;
  const bad = new Map<string, string[]>();
  for (const t of unresolvedTargets(probes)) {
    const lookup = probes.srv.find((r) => r.name === t.name && r.server === t.server);
    if (lookup) bad.set(normalizeHost(t.target), [...(bad.get(normalizeHost(t.target)) ?? []), srvSummary(lookup)]);
  }
  for (const h of probes.hosts) if (h.source === 'srv' && h.tcp.status === 'unresolved' && !bad.has(normalizeHost(h.host))) bad.set(normalizeHost(h.host), [hostSummary(h)]);
  return [...bad].map(([target, lines]): FindingDraft => ({
    id: 'client.dns-srv-target-unresolved',
    vars: { target },
    evidence: [...new Set(lines)].map((excerpt) => ({ source: probesSource, excerpt })),
    fixes: [{ key: 'check', command: `Resolve-DnsName ${target} -Type A` }, { key: 'stale' }],
    explains: unreachableCodes,
  }));
};

const dnsServersDisagree: Rule = (c) => {
  if (!isClient(c) || !c.evidence.probes) return null;
  const probes = c.evidence.probes;
  // A timeout or a refusal is a broken server, not a different answer: serversDisagree compares answers only.
  return serversDisagree(probes).map((disagreement): FindingDraft => {
    const answered = probes.srv.filter((r) => r.name === disagreement.name && disagreement.answers.some((a) => a.server === r.server));
    return {
      id: 'client.dns-servers-disagree',
      vars: { name: disagreement.name, servers: list(disagreement.answers.map((a) => a.server)) },
      evidence: answered.map((r) => ({ source: probesSource, excerpt: srvSummary(r) })),
      fixes: [{ key: 'replicate' }, { key: 'check', command: `Resolve-DnsName -Name ${disagreement.name} -Type SRV -Server <dns-server>` }],
    };
  });
};

const kmsOverride: Rule = (c) => {
  if (!isClient(c)) return null;
  const ov = override(c);
  if (!ov) return null;
  const probe = c.evidence.probes?.hosts.find((h) => h.source === 'registry' && normalizeHost(h.host) === normalizeHost(ov.name))
    ?? c.evidence.probes?.hosts.find((h) => normalizeHost(h.host) === normalizeHost(ov.name) && h.port === ov.port);
  const works = probe ? probe.tcp.status === 'connected' && probe.rpc.status === 'kms' : null;
  const reg = c.evidence.kmsClientRegistry;
  const evidence = reg?.kmsName
    ? [{ source: bundlePaths.kmsClientRegistry, excerpt: `KeyManagementServiceName = ${reg.kmsName}${reg.kmsPort !== null ? `, KeyManagementServicePort = ${reg.kmsPort}` : ''}` }]
    : [slmgrLine(c, ov.name, 'Registered KMS machine name')];
  if (probe) evidence.push({ source: probesSource, excerpt: hostSummary(probe) });
  return {
    id: 'client.kms-override',
    severity: works === false ? 'problem' : 'info',
    explanation: works === null ? 'explanationUntested' : works ? 'explanationWorks' : 'explanationBroken',
    vars: { host: `${ov.name}:${ov.port}` },
    evidence,
    fixes: works === false
      ? [{ key: 'clear', command: 'slmgr.vbs /ckms' }, { key: 'set', command: 'slmgr.vbs /skms <kms-host-fqdn>:1688' }]
      : [{ key: 'keep' }, { key: 'clear', command: 'slmgr.vbs /ckms' }],
    ...(works === false ? { explains: unreachableCodes } : {}),
  };
};

const dnsMultipleHosts: Rule = (c) => {
  if (!isClient(c) || !c.evidence.probes) return null;
  const probes = c.evidence.probes;
  // Distinct published hosts by name ("." = service not available is not a host).
  const targets = new Set(multipleHosts(probes).map((hostPort) => normalizeHost(hostPort.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1'))));
  if (targets.size < 2) return null;
  const lines = probes.srv.filter((r) => r.status === 'ok' && r.records.length > 0).map(srvSummary);
  return {
    id: 'client.dns-multiple-hosts',
    vars: { count: targets.size, hosts: list([...targets]) },
    evidence: [...new Set(lines)].map((excerpt) => ({ source: probesSource, excerpt })),
    fixes: [{ key: 'review', command: `nslookup -type=srv ${probes.srv[0]?.name ?? '_vlmcs._tcp.<domain>'}` }, { key: 'remove' }],
  };
};

const portUnreachable: Rule = (c) => {
  if (!isClient(c) || !c.evidence.probes) return null;
  const hosts = c.evidence.probes.hosts;
  const anyWorks = hosts.some((h) => h.tcp.status === 'connected' && h.rpc.status === 'kms');
  return hosts
    .filter((h) => h.tcp.status === 'refused' || h.tcp.status === 'timeout' || h.tcp.status === 'unreachable')
    .map((h): FindingDraft => ({
      id: 'client.port-unreachable',
      severity: anyWorks ? 'warning' : 'problem',
      explanation: h.tcp.status === 'refused' ? 'explanationRefused' : h.tcp.status === 'timeout' ? 'explanationFiltered' : 'explanationUnreachable',
      vars: { host: `${h.host}:${h.port}`, hostName: h.host, port: h.port },
      evidence: [{ source: probesSource, excerpt: hostSummary(h) }],
      fixes: [
        { key: 'test', command: `Test-NetConnection ${h.host} -Port ${h.port}` },
        { key: 'firewall', command: `New-NetFirewallRule -DisplayName "KMS Host" -Direction Inbound -Protocol TCP -LocalPort ${h.port} -Action Allow` },
        { key: 'service', command: 'Restart-Service sppsvc' },
      ],
      explains: unreachableCodes,
    }));
};

const notKmsEndpoint: Rule = (c) => {
  if (!isClient(c) || !c.evidence.probes) return null;
  return c.evidence.probes.hosts
    .filter((h) => h.tcp.status === 'connected' && ['nak', 'not-rpc', 'silent', 'closed', 'rejected'].includes(h.rpc.status))
    .map((h): FindingDraft => ({
      id: 'client.not-kms-endpoint',
      vars: { host: `${h.host}:${h.port}`, rpc: h.rpc.status },
      evidence: [{ source: probesSource, excerpt: hostSummary(h) }],
      fixes: [{ key: 'check' }, { key: 'srv' }],
      explains: unreachableCodes,
    }));
};

const noResponse: Rule = (c) => {
  const a = c.client;
  if (!isClient(c) || !a || !a.latestUnanswered || !a.latestRequest) return null;
  const req = a.latestRequest;
  return {
    id: 'client.no-response',
    vars: { host: req.kmsHost ? `${req.kmsHost}${req.kmsPort ? `:${req.kmsPort}` : ''}` : '?', time: req.timeCreated ?? '', unanswered: a.unanswered.length, requests: a.requests },
    evidence: [eventEvidence(c.evidence.clientEventsSource, req)],
    fixes: [{ key: 'test', command: `Test-NetConnection ${req.kmsHost ?? '<kms-host>'} -Port ${req.kmsPort ?? defaultKmsPort}` }, { key: 'host' }],
    explains: unreachableCodes,
  };
};

function slmgrAttemptWith(c: RuleContext, code: string) {
  return c.evidence.slmgr?.activation.find((a) => !a.succeeded && a.hresult !== null && a.hresult.toUpperCase() === code.toUpperCase()) ?? null;
}

const countInsufficient: Rule = (c) => {
  if (!isClient(c)) return null;
  const a = c.client;
  const resp = a?.latestResponse ?? null;
  const needs = a?.minimumCount ?? null;
  const fromResponse = resp !== null && resp.activated === false && resp.currentCount !== undefined && needs !== null && resp.currentCount < needs;
  const fromCode = a?.latestError?.hresult === countCode;
  const product = installedProducts(c).find((p) => p.notificationReason?.toUpperCase() === countCode.toUpperCase());
  const attempt = slmgrAttemptWith(c, countCode);
  if (!fromResponse && !fromCode && !product && !attempt) return null;
  const evidence = [];
  if (fromResponse) evidence.push(eventEvidence(c.evidence.clientEventsSource, resp));
  if (fromCode && a?.latestError && a.latestError.event !== resp) evidence.push(eventEvidence(c.evidence.clientEventsSource, a.latestError.event));
  if (product) evidence.push(slmgrLine(c, 'C004F038', 'Notification Reason'));
  if (attempt) evidence.push(slmgrLine(c, attempt.hresult, 'Error'));
  return {
    id: 'client.count-insufficient',
    explanation: fromResponse ? 'explanation' : 'explanationCode',
    vars: { count: resp?.currentCount ?? '?', needs: needs ?? 25 },
    evidence,
    fixes: [{ key: 'host', command: 'slmgr.vbs /dlv' }, { key: 'duplicates' }, { key: 'wait' }],
    explains: [countCode],
  };
};

const clockSkew: Rule = (c) => {
  if (!isClient(c)) return null;
  const a = c.client;
  const byCode = a?.latestError?.hresult === clockCode ? a.latestError : null;
  const skewed = a?.clockSkew ?? [];
  const attempt = slmgrAttemptWith(c, clockCode);
  if (!byCode && skewed.length === 0 && !attempt) return null;
  const evidence = [];
  if (byCode) evidence.push(eventEvidence(c.evidence.clientEventsSource, byCode.event));
  const latestSkew = skewed[skewed.length - 1];
  if (latestSkew) evidence.push(eventEvidence(c.evidence.clientEventsSource, latestSkew.event));
  if (attempt) evidence.push(slmgrLine(c, attempt.hresult, 'Error'));
  return {
    id: 'client.clock-skew',
    explanation: latestSkew ? 'explanationSkew' : 'explanation',
    vars: { minutes: latestSkew?.skewMinutes ?? '', hours: latestSkew ? (latestSkew.skewMinutes / 60).toFixed(1) : '' },
    evidence,
    fixes: [{ key: 'resync', command: 'w32tm /resync' }, { key: 'compare', command: 'w32tm /stripchart /computer:<kms-host> /samples:3 /dataonly' }],
    explains: [clockCode],
  };
};

/** The error catalog's fixes for a known code; for an unknown one, Windows' own text and a retry. */
function errorFixes(c: RuleContext, code: string, known: boolean): FindingDraft['fixes'] {
  if (known) return [...codeFixes(code, c.lang), { key: 'retry', command: 'slmgr.vbs /ato' }];
  return [{ key: 'lookup', command: `slui.exe 0x2a ${code}` }, { key: 'retry', command: 'slmgr.vbs /ato' }];
}

const activationError: Rule = (c) => {
  if (!isClient(c)) return null;
  const drafts: FindingDraft[] = [];
  const err = c.client?.latestError;
  if (err && err.hresult !== countCode && err.hresult !== clockCode) {
    const e = c.explainCode(err.hresult);
    drafts.push({
      id: 'client.activation-error',
      vars: { hresult: err.hresult, name: e.name, meaning: e.meaning || err.hresult },
      explanation: e.known ? 'explanation' : 'explanationUnknown',
      evidence: [eventEvidence(c.evidence.clientEventsSource, err.event)],
      fixes: errorFixes(c, err.hresult, e.known),
      about: err.hresult,
    });
  }
  for (const attempt of c.evidence.slmgr?.activation ?? []) {
    if (attempt.succeeded || !attempt.hresult) continue;
    const code = attempt.hresult.toUpperCase().replace(/^0X/, '0x');
    if (code === countCode || code === clockCode || drafts.some((d) => d.about === code)) continue;
    const e = c.explainCode(code);
    drafts.push({
      id: 'client.activation-error',
      vars: { hresult: code, name: e.name, meaning: e.meaning || code },
      explanation: e.known ? 'explanation' : 'explanationUnknown',
      evidence: [slmgrLine(c, attempt.hresult, 'Error')],
      fixes: errorFixes(c, code, e.known),
      about: code,
    });
  }
  return drafts;
};

const notElevated: Rule = (c) => {
  const sys = c.evidence.system?.elevated;
  const man = c.evidence.manifest?.machine.elevated;
  if (sys !== false && man !== false) return null;
  return {
    id: 'client.not-elevated',
    evidence: [sys === false ? { source: bundlePaths.system, excerpt: 'Elevated: false' } : { source: bundlePaths.manifest, excerpt: '"elevated": false' }],
    fixes: [{ key: 'rerun' }],
  };
};

/** The client rules, in catalog order. */
export const clientRules: readonly Rule[] = [
  channelNotKms,
  editionNoVolume,
  notActivated,
  dnsNoSrv,
  srvTargetUnresolved,
  dnsServersDisagree,
  kmsOverride,
  dnsMultipleHosts,
  portUnreachable,
  notKmsEndpoint,
  noResponse,
  countInsufficient,
  clockSkew,
  activationError,
  notElevated,
];
