import { bundlePaths } from '../../bundle/manifest.js';
import { channelKind } from '../../kms/channels.js';
import { findGvlk } from '../../kms/gvlk.js';
import { productKindOf } from '../../kms/product-kind.js';
import { defaultKmsPort } from '../../kms/thresholds.js';
import { multipleHosts, serversDisagree, unresolvedTargets } from '../../probe/analysis.js';
import type { ActivationAttempt } from '../../parse/types.js';
import type { HostProbeResult, SrvLookupResult } from '../../probe/types.js';
import { canonicalHresult, isActivationServerAnswer, isSuccessHresult } from '../../kms/error-codes.js';
import { codeFixes } from '../explain-code.js';
import { cmd, firewallCommand, hostPort, hostValue, isPlainValue, placeholders, powershell, slmgr, valueOr } from '../fix-commands.js';
import type { DraftFix, FindingDraft, Rule, RuleContext } from '../types.js';
import {
  eventEvidence,
  installedProducts,
  isHostProduct,
  isKmsClientProduct,
  isLicensed,
  knownDomain,
  knownKmsHost,
  kmsIntent,
  list,
  normalizeHost,
  osProduct,
  slmgrLine,
  slmgrStatusLine,
  statusId,
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

function override(c: RuleContext): { name: string; port: number } | null {
  const reg = c.evidence.kmsClientRegistry;
  if (reg?.kmsName) return { name: reg.kmsName, port: reg.kmsPort ?? defaultKmsPort };
  const registered = installedProducts(c).map((p) => p.kmsClient?.registeredKmsMachine).find((m) => m);
  return registered ? { name: registered.name, port: registered.port ?? defaultKmsPort } : null;
}

/**
 * What is at stake for KMS on this client (DESIGN.md §4, each product on its own):
 * - `none`: the OS is licensed through MAK, retail or OEM (or AVMA) and no KMS client product waits for
 *   activation: KMS is not involved, so its DNS and network paths are not this machine's problem;
 * - `renewal`: every KMS client product is licensed: a failing path threatens the next renewal (warning);
 * - `activation`: a product waits for activation, or the licence state is unknown (problem).
 */
export type KmsStake = 'none' | 'renewal' | 'activation';

export function kmsStake(c: RuleContext): KmsStake {
  const products = installedProducts(c);
  if (products.length === 0) return 'activation';
  const os = osProduct(c);
  const waiting = products.some((p) => !isHostProduct(p) && !isLicensed(p) && (isKmsClientProduct(p) || (p === os && kmsIntent(c).length > 0)));
  if (waiting || os === null || os.licenseStatus === null) return 'activation';
  if (!isLicensed(os)) return 'activation';
  return isKmsClientProduct(os) || products.some((p) => isKmsClientProduct(p)) ? 'renewal' : 'none';
}

/** Severity of a KMS path finding: a problem when activation waits on it, a warning when only the renewal does. */
function pathSeverity(c: RuleContext): 'problem' | 'warning' {
  return kmsStake(c) === 'activation' ? 'problem' : 'warning';
}

/** Evaluation editions (ServerStandardEval, EnterpriseEval; TIMEBASED_EVAL channel): KMS cannot activate them. */
function isEvaluation(p: { name: string | null; channel: string | null }): boolean {
  return /eval\b/i.test(p.name ?? '') || /TIMEBASED_EVAL/i.test(p.channel ?? '');
}

const editionNoVolume: Rule = (c) => {
  if (!isClient(c)) return null;
  const windows = osProduct(c);
  const edition = c.evidence.system?.editionId ?? null;
  const name = windows?.name ?? '';
  const byName = /edition/i.test(name) && homeEdition.test(name.replace(/edition/i, ''));
  const byEdition = edition !== null && /^core/i.test(edition);
  const evaluation = (windows !== null && isEvaluation(windows)) || (edition !== null && /eval$/i.test(edition));
  if (!byName && !byEdition && !evaluation) return null;
  const licensed = windows !== null && isLicensed(windows);
  // A licensed machine is working: say what it is, change nothing (its licence is not KMS's business).
  const severity = licensed && kmsIntent(c).length === 0 ? 'info' : 'problem';
  const shown = evaluation ? (windows?.name ?? edition ?? '') : byEdition ? edition! : name;
  const evidence = [windows !== null && (byName || (evaluation && isEvaluation(windows))) ? slmgrLine(c, name, 'Name') : { source: bundlePaths.system, excerpt: `EditionId: ${edition}` }];
  if (evaluation) {
    // "ServerStandardEval" → "ServerStandard": the Server evaluation converts in place with DISM; a client one does not.
    const evalId = /(\S+?)Eval\b/i.exec(name)?.[1] ?? (edition !== null && /eval$/i.test(edition) ? edition.replace(/eval$/i, '') : null);
    const server = /^server/i.test(evalId ?? '') || /server/i.test(c.evidence.system?.osCaption ?? '');
    const gvlk = server && evalId ? findGvlk(`Windows(R), ${evalId} edition`, { build: c.evidence.system?.buildNumber ?? c.evidence.slmgr?.serviceVersion ?? null }) : null;
    return {
      id: 'client.edition-no-volume',
      severity,
      explanation: licensed && severity === 'info' ? 'explanationEvalLicensed' : 'explanationEval',
      vars: { edition: shown },
      evidence,
      fixes: server
        ? [{ key: 'convert', run: cmd(`DISM /Online /Set-Edition:${valueOr(evalId, placeholders.edition)} /ProductKey:${gvlk?.gvlk ?? placeholders.gvlk} /AcceptEula`, 'client', 'edition') }]
        : [{ key: 'reinstall' }],
    };
  }
  return {
    id: 'client.edition-no-volume',
    severity,
    explanation: severity === 'info' ? 'explanationLicensed' : 'explanation',
    vars: { edition: shown },
    evidence,
    fixes: severity === 'info' ? [{ key: 'nothing' }] : [{ key: 'upgrade' }, { key: 'retail' }],
  };
};

const channelNotKms: Rule = (c) => {
  if (!isClient(c) || editionNoVolume(c) !== null) return null;
  const intent = kmsIntent(c);
  const drafts: FindingDraft[] = [];
  for (const p of installedProducts(c)) {
    if (!p.channel || isKmsClientProduct(p) || isHostProduct(p)) continue;
    const kind = channelKind(p.channel);
    if (kind !== 'mak' && kind !== 'retail' && kind !== 'oem') continue;
    const productKind = productKindOf(p);
    // Add-ons (Extended Security Updates) are MAK by design: never a KMS matter.
    if (productKind === 'addon') continue;
    const vars = { channel: p.channel, product: p.name ?? '', intent: intent.join(', ') };
    const evidence = [slmgrLine(c, p.description ?? p.channel, 'Description'), slmgrStatusLine(c, p)];
    if (isLicensed(p)) {
      // Working licence: at most a line saying KMS is not involved, for the OS only; no command.
      if (productKind !== 'os') continue;
      drafts.push({ id: 'client.channel-not-kms', severity: 'info', title: 'titleLicensed', explanation: 'explanationLicensed', vars, evidence, fixes: [{ key: 'nothing' }] });
      continue;
    }
    if (p.licenseStatus === null) {
      drafts.push({ id: 'client.channel-not-kms', severity: 'info', explanation: 'explanationUnknownStatus', vars, evidence, fixes: [{ key: 'status', run: slmgr('/dli', 'client') }] });
      continue;
    }
    const windows = productKind === 'os';
    // The key to install, when the edition and build say which one (null when ambiguous: then a placeholder).
    const gvlk = windows && p.name ? findGvlk(p.name, { build: c.evidence.system?.buildNumber ?? c.evidence.slmgr?.serviceVersion ?? null }) : null;
    const meant = intent.length > 0;
    drafts.push({
      id: 'client.channel-not-kms',
      severity: meant ? 'problem' : 'warning',
      explanation: meant ? 'explanation' : 'explanationNotMeant',
      vars,
      evidence,
      fixes: windows
        ? [
            { key: 'ipk', run: slmgr(`/ipk ${gvlk?.gvlk ?? placeholders.gvlk}`, 'client', 'ipk') },
            { key: 'ato', run: slmgr('/ato', 'client') },
            ...(meant ? [] : [{ key: 'own' as const, run: slmgr('/ato', 'client') }]),
          ]
        : [{ key: 'office', run: cmd(`cscript //nologo "%ProgramFiles%\\Microsoft Office\\Office16\\ospp.vbs" /inpkey:${placeholders.officeGvlk}`, 'client', 'ipk') }],
    });
  }
  return drafts;
};

const notActivated: Rule = (c) => {
  if (!isClient(c)) return null;
  return installedProducts(c)
    // An unread status word still says "not activated" when slmgr printed a failing Notification Reason
    // (it prints that line only for a product in the Notification state).
    .filter((p) => isKmsClientProduct(p) && (p.licenseStatus === null ? !isSuccessHresult(p.notificationReason) : p.licenseStatus !== 'licensed'))
    .map((p): FindingDraft => {
      const reason = p.notificationReason;
      const explained = reason ? c.explainCode(reason) : null;
      const activationId = p.activationId !== null && isPlainValue(p.activationId) && productKindOf(p) !== 'os' ? ` ${p.activationId}` : '';
      return {
        id: 'client.not-activated',
        explanation: reason ? 'explanationReason' : 'explanation',
        vars: { product: p.name ?? '', status: statusId(p), reason: reason ?? '', meaning: explained?.meaning ?? '', minutes: p.remainingMinutes ?? '' },
        evidence: [slmgrStatusLine(c, p), ...(reason ? [slmgrLine(c, reason.replace(/^0x/i, ''), 'Notification Reason')] : [])],
        fixes: [{ key: 'causes' }, { key: 'ato', run: slmgr(`/ato${activationId}`, 'client') }],
        ...(reason ? { about: reason } : {}),
      };
    });
};

/** Without a licence status read, the client's own word: its newest activation outcome is an 8198 failure. */
const notActivatedByEvent: Rule = (c): FindingDraft | null => {
  if (!isClient(c) || installedProducts(c).some((p) => p.licenseStatus !== null)) return null;
  const failed = c.client?.failedAfterwards ?? null;
  if (failed === null) return null;
  return {
    id: 'client.not-activated',
    title: 'titleEvent',
    explanation: 'explanationEvent',
    vars: {},
    evidence: [eventEvidence(c.evidence.clientEventsSource, failed)],
    fixes: [{ key: 'causes' }, { key: 'ato', run: slmgr('/ato', 'client') }],
  };
};

const dnsNoSrv: Rule = (c): FindingDraft | null => {
  if (!isClient(c) || kmsStake(c) === 'none') return null;
  const probes = c.evidence.probes;
  const err = c.client?.latestError;
  const host = knownKmsHost(c);
  const eventSaysNoSrv = err !== null && err !== undefined && noSrvCodes.includes(err.hresult);
  if (probes && probes.srv.length > 0) {
    if (probes.srv.some((r) => r.status === 'ok' && r.records.length > 0)) return null;
    if (!probes.srv.every((r) => r.status === 'nxdomain' || r.status === 'nodata')) return null;
    const names = [...new Set(probes.srv.map((r) => r.name))];
    const ov = override(c);
    const zone = valueOr(names[0]?.replace(/^_vlmcs\._tcp\./i, ''), placeholders.domain);
    return {
      id: 'client.dns-no-srv',
      severity: ov ? 'warning' : pathSeverity(c),
      explanation: ov ? 'explanationOverride' : 'explanation',
      vars: { names: list(names), domain: names[0]?.replace(/^_vlmcs\._tcp\./i, '') ?? '', override: ov ? `${ov.name}:${ov.port}` : '' },
      evidence: probes.srv.map((r) => ({ source: probesSource, excerpt: srvSummary(r) })),
      fixes: [
        { key: 'check', run: cmd(`nslookup -type=srv _vlmcs._tcp.${zone}`, 'client') },
        { key: 'publish' },
        { key: 'manual', run: powershell(`Add-DnsServerResourceRecord -Srv -ZoneName ${zone} -Name _vlmcs._tcp -DomainName ${hostValue(host?.name) ?? placeholders.kmsHost} -Priority 0 -Weight 0 -Port ${host?.port ?? defaultKmsPort}`, 'dns-server') },
        { key: 'skms', run: slmgr(`/skms ${hostPort(host?.name, host?.port)}`, 'client') },
      ],
      explains: [...noSrvCodes, ...unreachableCodes],
    };
  }
  // Without probes, the client's own word: an event, or an slmgr /ato that failed with a "no SRV" code.
  const attempt = noSrvCodes.map((code) => slmgrAttemptWith(c, code)).find((a) => a !== null) ?? null;
  if (!eventSaysNoSrv && attempt === null) return null;
  const hresult = eventSaysNoSrv ? err.hresult : canonicalHresult(attempt!.hresult!);
  return {
    id: 'client.dns-no-srv',
    severity: pathSeverity(c),
    explanation: 'explanationEvent',
    vars: { names: '_vlmcs._tcp', domain: '', hresult, override: '' },
    evidence: eventSaysNoSrv ? [eventEvidence(c.evidence.clientEventsSource, err.event)] : [slmgrLine(c, attempt!.hresult, 'Error')],
    fixes: [
      { key: 'check', run: cmd(`nslookup -type=srv _vlmcs._tcp.${valueOr(knownDomain(c), placeholders.domain)}`, 'client') },
      { key: 'publish' },
      { key: 'skms', run: slmgr(`/skms ${hostPort(host?.name, host?.port)}`, 'client') },
    ],
    explains: [...noSrvCodes, ...unreachableCodes],
  };
};

const srvTargetUnresolved: Rule = (c) => {
  if (!isClient(c) || !c.evidence.probes || kmsStake(c) === 'none') return null;
  const probes = c.evidence.probes;
  const bad = new Map<string, string[]>();
  for (const t of unresolvedTargets(probes)) {
    const lookup = probes.srv.find((r) => r.name === t.name && r.server === t.server);
    if (lookup) bad.set(normalizeHost(t.target), [...(bad.get(normalizeHost(t.target)) ?? []), srvSummary(lookup)]);
  }
  for (const h of probes.hosts) if (h.source === 'srv' && h.tcp.status === 'unresolved' && !bad.has(normalizeHost(h.host))) bad.set(normalizeHost(h.host), [hostSummary(h)]);
  return [...bad].map(([target, lines]): FindingDraft => ({
    id: 'client.dns-srv-target-unresolved',
    severity: pathSeverity(c),
    vars: { target },
    evidence: [...new Set(lines)].map((excerpt) => ({ source: probesSource, excerpt })),
    fixes: [{ key: 'check', run: powershell(`Resolve-DnsName -Name ${hostValue(target) ?? placeholders.kmsHost} -Type A`, 'client') }, { key: 'stale' }],
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
      fixes: [
        { key: 'replicate' },
        ...answered.map((r) => ({ key: 'check', run: powershell(`Resolve-DnsName -Name ${valueOr(disagreement.name, '_vlmcs._tcp.<dns-domain>')} -Type SRV -Server ${hostValue(r.server.replace(/:53$/, '')) ?? placeholders.dnsServer}`, 'client') })),
      ],
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
      ? [{ key: 'clear', run: slmgr('/ckms', 'client') }, { key: 'set', run: slmgr(`/skms ${hostPort(null, ov.port)}`, 'client') }]
      : [{ key: 'keep' }, { key: 'clear', run: slmgr('/ckms', 'client') }],
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
    fixes: [{ key: 'review', run: cmd(`nslookup -type=srv ${valueOr(probes.srv[0]?.name, '_vlmcs._tcp.<dns-domain>')}`, 'client') }, { key: 'remove' }],
  };
};

const portUnreachable: Rule = (c) => {
  if (!isClient(c) || !c.evidence.probes || kmsStake(c) === 'none') return null;
  const hosts = c.evidence.probes.hosts;
  const anyWorks = hosts.some((h) => h.tcp.status === 'connected' && h.rpc.status === 'kms');
  return hosts
    .filter((h) => h.tcp.status === 'refused' || h.tcp.status === 'timeout' || h.tcp.status === 'unreachable')
    .map((h): FindingDraft => ({
      id: 'client.port-unreachable',
      severity: anyWorks ? 'warning' : pathSeverity(c),
      explanation: h.tcp.status === 'refused' ? 'explanationRefused' : h.tcp.status === 'timeout' ? 'explanationFiltered' : 'explanationUnreachable',
      vars: { host: `${h.host}:${h.port}`, hostName: h.host, port: h.port },
      evidence: [{ source: probesSource, excerpt: hostSummary(h) }],
      fixes: [
        { key: 'test', run: powershell(`Test-NetConnection -ComputerName ${hostValue(h.host) ?? placeholders.kmsHost} -Port ${h.port}`, 'client') },
        ...(h.tcp.status === 'refused' ? [] : [firewallFix(h.port)]),
        { key: 'service', run: powershell('Start-Service -Name sppsvc', 'host') },
      ],
      explains: unreachableCodes,
    }));
};

const notKmsEndpoint: Rule = (c) => {
  if (!isClient(c) || !c.evidence.probes || kmsStake(c) === 'none') return null;
  return c.evidence.probes.hosts
    .filter((h) => h.tcp.status === 'connected' && ['nak', 'not-rpc', 'silent', 'closed', 'rejected'].includes(h.rpc.status))
    .map((h): FindingDraft => ({
      id: 'client.not-kms-endpoint',
      severity: pathSeverity(c),
      vars: { host: `${h.host}:${h.port}`, rpc: h.rpc.status },
      evidence: [{ source: probesSource, excerpt: hostSummary(h) }],
      fixes: [{ key: 'check', run: powershell(`Get-NetTCPConnection -LocalPort ${h.port} -State Listen`, 'host') }, { key: 'srv' }],
      explains: unreachableCodes,
    }));
};

const noResponse: Rule = (c) => {
  const a = c.client;
  if (!isClient(c) || !a || !a.latestUnanswered || !a.latestRequest || kmsStake(c) === 'none') return null;
  const req = a.latestRequest;
  return {
    id: 'client.no-response',
    severity: pathSeverity(c),
    vars: { host: req.kmsHost ? `${req.kmsHost}${req.kmsPort ? `:${req.kmsPort}` : ''}` : '?', time: req.timeCreated ?? '', unanswered: a.unanswered.length, requests: a.requests },
    evidence: [eventEvidence(c.evidence.clientEventsSource, req)],
    fixes: [{ key: 'test', run: powershell(`Test-NetConnection -ComputerName ${hostValue(req.kmsHost) ?? placeholders.kmsHost} -Port ${req.kmsPort ?? defaultKmsPort}`, 'client') }, { key: 'host' }],
    explains: unreachableCodes,
  };
};

function slmgrAttemptWith(c: RuleContext, code: string) {
  return c.evidence.slmgr?.activation.find((a) => !a.succeeded && a.hresult !== null && a.hresult.toUpperCase() === code.toUpperCase()) ?? null;
}

/**
 * The count is the cause only when the host said so (0xC004F038) or accepted the request with a count below
 * the minimum. A refusal with another code carries the count too (often 0): then that code is the cause,
 * not the count (issue #15: 0xC004F042 was reported as "count 0 of 25").
 */
const countInsufficient: Rule = (c) => {
  if (!isClient(c) || kmsStake(c) === 'none') return null;
  const a = c.client;
  const resp = a?.latestResponse ?? null;
  const needs = a?.minimumCount ?? null;
  const respCode = resp?.hresult === undefined ? null : canonicalHresult(resp.hresult);
  const accepted = respCode !== null && isSuccessHresult(respCode);
  const fromResponse = resp !== null && resp.activated !== true && resp.currentCount !== undefined && needs !== null && resp.currentCount < needs && (respCode === countCode || accepted);
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
    severity: pathSeverity(c),
    explanation: fromResponse ? 'explanation' : 'explanationCode',
    vars: { count: resp?.currentCount ?? '?', needs: needs ?? 25 },
    evidence,
    fixes: [{ key: 'host', run: slmgr('/dlv', 'host') }, { key: 'duplicates' }, { key: 'wait' }],
    explains: [countCode],
  };
};

const clockSkew: Rule = (c) => {
  if (!isClient(c) || kmsStake(c) === 'none') return null;
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
    severity: pathSeverity(c),
    explanation: latestSkew ? 'explanationSkew' : 'explanation',
    vars: { minutes: latestSkew?.skewMinutes ?? '', hours: latestSkew ? (latestSkew.skewMinutes / 60).toFixed(1) : '' },
    evidence,
    fixes: [
      { key: 'resync', run: cmd('w32tm /resync', 'client') },
      { key: 'compare', run: cmd(`w32tm /stripchart /computer:${hostValue(knownKmsHost(c)?.name) ?? placeholders.kmsHost} /samples:3 /dataonly`, 'client') },
    ],
    explains: [clockCode],
  };
};

/**
 * The error catalog's fixes for a known code (filled with the host and domain the evidence knows); for an
 * unknown one, Windows' own text. A retry only while a product waits for activation: a licensed one is
 * never re-activated.
 */
function errorFixes(c: RuleContext, code: string, known: boolean, runOn: 'client' | 'any' = 'client'): FindingDraft['fixes'] {
  // Microsoft's activation server refused the key itself (blocked, over its limit): the same /ato fails
  // again until the key is replaced or reset, so no retry is offered.
  const retry = kmsStake(c) === 'activation' && !isActivationServerAnswer(code) ? [{ key: 'retry', run: slmgr('/ato', runOn) }] : [];
  const host = knownKmsHost(c);
  const values = { kmsHost: hostValue(host?.name), port: host?.port ?? null, domain: knownDomain(c) };
  if (known) {
    // The catalog's checklist is generic; a step whose answer the evidence already has is left out (issue #15:
    // "check SRV, sync the clock" under 0xC004F074 when the path view proved both fine).
    const srvFound = c.evidence.probes?.srv.some((r) => r.status === 'ok' && r.records.length > 0) === true;
    const portTested = (c.evidence.probes?.hosts.length ?? 0) > 0;
    const clockFine = (c.client?.requests ?? 0) > 0 && (c.client?.clockSkew.length ?? 0) === 0 && code !== clockCode;
    const answered = (command: string): boolean =>
      (srvFound && /nslookup -type=srv/i.test(command)) || (portTested && /Test-NetConnection/i.test(command)) || (clockFine && /w32tm \/resync/i.test(command));
    const fixes = codeFixes(code, c.lang, { runOn, values, protect: kmsStake(c) === 'activation' ? [] : ['client'] });
    return [...fixes.filter((f) => f.run === undefined || !answered(f.run.command)), ...retry];
  }
  return [{ key: 'lookup', run: cmd(`slui.exe 0x2a ${valueOr(code, '0x00000000')}`, runOn) }, ...retry];
}

/**
 * Whether a later answer of the same output shows the attempt's product activated: a later /ato that
 * succeeded for the same product (or where either name is not printed). Then the failure is history, not
 * the machine's state.
 */
function laterSuccess(activation: readonly ActivationAttempt[], index: number): boolean {
  const product = activation[index]?.product ?? null;
  return activation.slice(index + 1).some((later) => later.succeeded && (product === null || later.product === null || later.product === product));
}

/** The Security-SPP event of a failed activation (8198) carries the code slmgr did not print. */
export const failedActivationEvents = `wevtutil qe Application /q:"*[System[Provider[@Name='Microsoft-Windows-Security-SPP'] and EventID=8198]]" /c:5 /rd:true /f:text`;

const activationError: Rule = (c) => {
  const attempts = c.evidence.slmgr?.activation ?? [];
  // With the role unknown (an /ato answered by Microsoft's activation server: a MAK or a KMS host key) the
  // failed attempt is still this machine's: it is judged, with commands for "any" machine.
  const unknownRole = c.role === 'unknown' && attempts.some((a) => !a.succeeded);
  if ((!isClient(c) && !unknownRole) || kmsStake(c) === 'none') return null;
  const runOn = unknownRole ? 'any' : 'client';
  const drafts: FindingDraft[] = [];
  const err = c.client?.latestError;
  if (err && err.hresult !== countCode && err.hresult !== clockCode) {
    const e = c.explainCode(err.hresult);
    drafts.push({
      id: 'client.activation-error',
      severity: pathSeverity(c),
      vars: { hresult: err.hresult, name: e.name, meaning: e.meaning || err.hresult },
      explanation: e.known ? 'explanation' : 'explanationUnknown',
      evidence: [eventEvidence(c.evidence.clientEventsSource, err.event)],
      fixes: errorFixes(c, err.hresult, e.known),
      about: err.hresult,
    });
  }
  for (const [index, attempt] of attempts.entries()) {
    if (attempt.succeeded || laterSuccess(attempts, index)) continue;
    if (!attempt.hresult) {
      // "Error: Product activation failed." (any language) names no code: the product is not activated by
      // this attempt, and the output cannot say why. Say so, and where the code is.
      if (drafts.some((d) => d.about === 'no-code')) continue;
      drafts.push({
        id: 'client.activation-error',
        severity: pathSeverity(c),
        title: 'titleNoCode',
        explanation: 'explanationNoCode',
        vars: { hresult: '', name: '', meaning: '', message: attempt.message ?? '' },
        evidence: [slmgrLine(c, attempt.message ?? attempt.product, 'Error')],
        fixes: [
          { key: 'events', run: cmd(failedActivationEvents, runOn) },
          ...(kmsStake(c) === 'activation' ? [{ key: 'retry', run: slmgr('/ato', runOn) }] : []),
        ],
        about: 'no-code',
      });
      continue;
    }
    const code = attempt.hresult.toUpperCase().replace(/^0X/, '0x');
    if (code === countCode || code === clockCode || drafts.some((d) => d.about === code)) continue;
    const e = c.explainCode(code);
    drafts.push({
      id: 'client.activation-error',
      severity: pathSeverity(c),
      vars: { hresult: code, name: e.name, meaning: e.meaning || code },
      explanation: e.known ? 'explanation' : 'explanationUnknown',
      evidence: [slmgrLine(c, attempt.hresult, 'Error')],
      fixes: errorFixes(c, code, e.known, runOn),
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

function firewallFix(port: number): DraftFix {
  return { key: port === defaultKmsPort ? 'firewall' : 'firewallPort', vars: { port }, run: firewallCommand(port) };
}

/** The client rules, in catalog order. */
export const clientRules: readonly Rule[] = [
  channelNotKms,
  editionNoVolume,
  notActivated,
  notActivatedByEvent,
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
