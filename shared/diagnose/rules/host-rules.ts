import { bundlePaths } from '../../bundle/manifest.js';
import { nameSaysKmsHost } from '../../kms/channels.js';
import { isActivationOutputReason } from '../../kms/role.js';
import { clientOsThreshold, defaultKmsPort, serverOfficeThreshold } from '../../kms/thresholds.js';
import { codeFixes } from '../explain-code.js';
import { kmsListeningPort } from '../firewall.js';
import { cmd, firewallCommand, hostValue, isPlainValue, powershell, slmgr, sysprepPath, valueOr } from '../fix-commands.js';
import type { FindingDraft, FindingEvidence, Rule, RuleContext } from '../types.js';
import { installedProducts, isHostProduct, isLicensed, list, normalizeHost, slmgrLine, slmgrStatusLine, statusId } from './helpers.js';
import { clockCode, countCode, failedActivationEvents } from './client-rules.js';

const isHost = (c: RuleContext): boolean => c.role === 'host' || c.role === 'both';
const hostEventsSource = (c: RuleContext): string => c.evidence.hostEventsSource ?? bundlePaths.eventsKmsHostXml;
const hostProducts = (c: RuleContext) => installedProducts(c).filter(isHostProduct);
const at = (iso: string): string => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z');

/** The host's own KMS licence works (so no fix may re-activate or replace it). */
function hostLicensed(c: RuleContext): boolean {
  const products = hostProducts(c);
  return products.length > 0 && products.every(isLicensed);
}

function listeningPort(c: RuleContext): { port: number; evidence: FindingEvidence } | null {
  const lp = kmsListeningPort(c.evidence);
  if (lp === null) return null;
  if (lp.from === 'host-config') return { port: lp.port, evidence: { source: bundlePaths.hostConfig, excerpt: `KeyManagementServiceListeningPort = ${lp.port}` } };
  return { port: lp.port, evidence: slmgrLine(c, `Port: ${lp.port}`, 'Listening on Port') };
}

/**
 * slmgr read licences but none in use ("This license is not in use.": no key installed), e.g. an Office KMS
 * host licence after its key was removed. The parsed report decides it from that line in any language; with
 * /ato answers beside such licences the report names the answers instead, the products having said nothing.
 */
const noProductInUse = (c: RuleContext): boolean => {
  const report = c.evidence.slmgr;
  if (!report) return false;
  return report.roleReason.code === 'no-volume-product' || (report.products.length > 0 && isActivationOutputReason(report.roleReason.code));
};

/** slmgr /ato answers for a product whose name says KMS host (the host's own key), e.g. on Windows Server 2003. */
const hostActivations = (c: RuleContext) => (c.evidence.slmgr?.activation ?? []).filter((a) => nameSaysKmsHost(a.product));

const notKmsHost: Rule = (c) => {
  if (!isHost(c) || !c.evidence.slmgr) return null;
  // The host key is there: slmgr activated (or tried to) the host's own KMS product.
  if (hostActivations(c).length > 0) return null;
  const keyless = noProductInUse(c) ? hostProducts(c)[0] ?? null : null;
  if (hostProducts(c).length > 0 && keyless === null) return null;
  const windows = installedProducts(c)[0] ?? null;
  const why = c.evidence.manifest?.role === 'host' || c.evidence.manifest?.role === 'both' ? 'manifest' : 'events';
  return {
    id: 'host.not-kms-host',
    // A KMS host licence without a key is no host either: say that, not "its channel is VOLUME_KMS".
    ...(keyless ? { explanation: 'explanationNoKey' } : {}),
    vars: { channel: windows?.channel ?? '?', why, product: keyless?.name ?? '' },
    evidence: [
      keyless
        ? slmgrStatusLine(c, keyless)
        : windows
          ? slmgrLine(c, windows.description ?? windows.channel, 'Description')
          : { source: c.evidence.slmgrSource ?? bundlePaths.slmgrDlv, excerpt: '(no product with a partial product key)' },
    ],
    fixes: [{ key: 'ipk', run: slmgr('/ipk <CSVLK>', 'host', 'ipk') }, { key: 'ato', run: slmgr('/ato', 'host') }],
  };
};

const notLicensed: Rule = (c) => {
  // A licence without a key is not an unactivated host key: /ato has nothing to activate (host.not-kms-host
  // says what is missing where the machine is meant to be a host).
  if (!c.evidence.slmgr || noProductInUse(c)) return null;
  // The host's own /ato failed and no later answer activated it: its key is not activated.
  const failedAttempts = hostActivations(c).filter(
    (a, index, all) => !a.succeeded && !all.slice(index + 1).some((later) => later.succeeded) && !hostProducts(c).some((p) => p.name === a.product && isLicensed(p)),
  );
  const failedHostActivations = failedAttempts.filter((a) => a.hresult !== null);
  // Without a code ("Error: Product activation failed."): not activated either, but the output cannot say
  // why; the code is in the attempt's event 8198. Said only when no failure with a code says more.
  const failedWithoutCode = failedHostActivations.length === 0 ? failedAttempts.slice(0, 1) : [];
  return [
    ...hostProducts(c)
      .filter((p) => p.licenseStatus !== null && p.licenseStatus !== 'licensed')
      .map((p): FindingDraft => {
        const reason = p.notificationReason;
        return {
          id: 'host.not-licensed',
          vars: { product: p.name ?? '', status: statusId(p), reason: reason ?? '', meaning: reason ? c.explainCode(reason).meaning : '' },
          explanation: reason ? 'explanationReason' : 'explanation',
          evidence: [slmgrLine(c, p.name, 'Name'), slmgrStatusLine(c, p)],
          fixes: [
            { key: 'ato', run: slmgr(`/ato${p.activationId && isPlainValue(p.activationId) ? ` ${p.activationId}` : ''}`, 'host') },
            { key: 'phone', run: slmgr(`/dti${p.activationId && isPlainValue(p.activationId) ? ` ${p.activationId}` : ''}`, 'host') },
          ],
          explains: ['0xC004F041'],
        };
      }),
    ...failedHostActivations.slice(0, 1).map((a): FindingDraft => ({
      id: 'host.not-licensed',
      vars: { product: a.product ?? '', status: 'unknown', reason: a.hresult ?? '', meaning: a.hresult ? c.explainCode(a.hresult).meaning : '' },
      title: 'titleAttempt',
      explanation: 'explanationAttempt',
      evidence: [slmgrLine(c, a.product, 'Activating'), slmgrLine(c, a.hresult, 'Error')],
      fixes: [{ key: 'ato', run: slmgr('/ato', 'host') }, { key: 'phone', run: slmgr('/dti', 'host') }],
      explains: ['0xC004F041'],
    })),
    ...failedWithoutCode.map((a): FindingDraft => ({
      id: 'host.not-licensed',
      vars: { product: a.product ?? '', status: 'unknown', reason: '', meaning: '', message: a.message ?? '' },
      title: 'titleNoCode',
      explanation: 'explanationNoCode',
      evidence: [slmgrLine(c, a.product, 'Activating'), slmgrLine(c, a.message ?? a.product, 'Error')],
      // Read the code first: the right next step (online, by phone, another key) depends on it.
      fixes: [{ key: 'events', run: cmd(failedActivationEvents, 'host') }, { key: 'retry', run: slmgr('/ato', 'host') }],
      explains: ['0xC004F041'],
    })),
  ];
};

const countBelowThreshold: Rule = (c) => {
  if (!isHost(c)) return null;
  const h = c.host;
  if (h && h.requestsTotal > 0) {
    return h.families.filter((f) => !f.met).map((f): FindingDraft => ({
      id: 'host.count-below-threshold',
      vars: { family: f.family, has: f.has, needs: f.needs, clients: f.clients, start: h.windowStart ? at(h.windowStart) : '', end: h.windowEnd ? at(h.windowEnd) : '' },
      explanation: f.family === 'client-os' ? 'explanationClient' : 'explanationServer',
      evidence: [
        { source: hostEventsSource(c), excerpt: `12290 ${h.windowStart ? at(h.windowStart) : ''} – ${h.windowEnd ? at(h.windowEnd) : ''}: ${h.distinctCmids} distinct CMIDs (${f.clients} asking for ${f.needs}), ${h.requestsInWindow} requests` },
        ...hostProducts(c).filter((p) => p.kmsHost?.currentCount != null).slice(0, 1).map((p) => slmgrLine(c, `Current count: ${p.kmsHost!.currentCount}`, 'Current count')),
      ],
      fixes: [{ key: 'more' }, { key: 'duplicates' }, { key: 'consolidate' }],
      explains: [countCode],
    }));
  }
  const withCount = hostProducts(c).find((p) => p.kmsHost?.currentCount != null);
  const count = withCount?.kmsHost?.currentCount;
  if (count === undefined || count === null || count >= clientOsThreshold) return null;
  return {
    id: 'host.count-below-threshold',
    severity: count < serverOfficeThreshold ? 'problem' : 'warning',
    explanation: 'explanationSlmgr',
    vars: { has: count, needs: count < serverOfficeThreshold ? serverOfficeThreshold : clientOsThreshold, family: count < serverOfficeThreshold ? 'server-office' : 'client-os', clients: '', start: '', end: '' },
    evidence: [slmgrLine(c, `Current count: ${count}`, 'Current count')],
    fixes: [{ key: 'more' }, { key: 'duplicates' }, { key: 'consolidate' }],
    explains: [countCode],
  };
};

const duplicateCmid: Rule = (c) => {
  const dups = c.host?.duplicateCmids ?? [];
  if (dups.length === 0) return null;
  const machines = [...new Set(dups.flatMap((d) => d.names.map((n) => n.name)))];
  return {
    id: 'host.duplicate-cmid',
    vars: { cmids: dups.length, machines: list(machines), machineCount: machines.length },
    evidence: dups.slice(0, 20).map((d) => ({
      source: hostEventsSource(c),
      excerpt: `CMID ${d.cmid}: ${d.names.map((n) => `${n.name} (${n.requests}×, ${at(n.first)} – ${at(n.last)})`).join('; ')}`,
    })),
    // sysprep belongs on the reference image the clones came from, never on this host or a machine in use.
    fixes: [{ key: 'sysprep', run: cmd(`${sysprepPath} /generalize /oobe /shutdown`, 'client', 'sysprep') }, { key: 'rearm', run: slmgr('/rearm', 'client', 'rearm') }],
    explains: [countCode],
  };
};

const requestFailures: Rule = (c) => {
  const failures = c.host?.failures ?? [];
  return failures.map((f): FindingDraft => {
    const e = c.explainCode(f.hresult);
    return {
      id: 'host.request-failures',
      vars: { hresult: f.hresult, name: e.name, meaning: e.meaning || f.hresult, requests: f.requests, machineCount: f.machines.length, machines: list(f.machines), first: at(f.first), last: at(f.last) },
      evidence: [{ source: hostEventsSource(c), excerpt: `Event 12290: ${f.sample}` }, { source: hostEventsSource(c), excerpt: `${f.requests} × ${f.hresult} ${at(f.first)} – ${at(f.last)}: ${list(f.machines)}` }],
      fixes: [
        ...(f.hresult === clockCode ? [{ key: 'clock', run: cmd('w32tm /resync', 'client') }] : []),
        ...(f.hresult === '0xC004F042' ? [{ key: 'csvlk', run: slmgr('/dlv all', 'host') }] : []),
        // The catalog speaks to the refused client; the host's own licence, when it works, is not touched.
        ...(e.known ? codeFixes(f.hresult, c.lang, { runOn: 'client', values: { kmsHost: hostValue(hostNames(c).at(-1)) }, protect: hostLicensed(c) ? ['host'] : [] }) : [{ key: 'lookup', run: cmd(`slui.exe 0x2a ${valueOr(f.hresult, '0x00000000')}`, 'host') }]),
      ],
      about: f.hresult,
    };
  });
};

const dnsPublishingDisabled: Rule = (c) => {
  if (!isHost(c)) return null;
  const cfg = c.evidence.hostConfig?.disableDnsPublishing;
  const fromSlmgr = hostProducts(c).find((p) => p.kmsHost?.dnsPublishing === false);
  if (cfg !== true && !fromSlmgr) return null;
  return {
    id: 'host.dns-publishing-disabled',
    evidence: [cfg === true ? { source: bundlePaths.hostConfig, excerpt: 'DisableDnsPublishing = 1' } : slmgrLine(c, 'DNS publishing disabled', 'DNS publishing')],
    fixes: [{ key: 'enable', run: slmgr('/sdns', 'host') }, { key: 'restart', run: powershell('Restart-Service -Name sppsvc', 'host') }, { key: 'manual' }],
  };
};

const dnsPublishFailed: Rule = (c) => {
  const publish = c.host?.publish ?? [];
  const latest = new Map<string, (typeof publish)[number]>();
  for (const p of publish) {
    const key = (p.domain ?? '').toLowerCase();
    const prev = latest.get(key);
    if (!prev || prev.time <= p.time) latest.set(key, p);
  }
  return [...latest.values()].filter((p) => p.eventId === 12293).map((p): FindingDraft => {
    const code = p.hresult ?? '';
    const e = code ? c.explainCode(code) : { meaning: '', name: '' };
    return {
      id: 'host.dns-publish-failed',
      vars: { domain: p.domain ?? '?', hresult: code, meaning: e.meaning || code, name: e.name },
      explanation: code === '0x80072338' ? 'explanationPermission' : 'explanation',
      evidence: [{ source: p.source ?? hostEventsSource(c), excerpt: `Event 12293 ${p.time}: ${code}, ${p.domain ?? ''}` }],
      fixes: [
        ...(code === '0x80072338' ? [{ key: 'permission' }] : [{ key: 'dns', run: powershell('Get-DnsClientServerAddress', 'host') }]),
        { key: 'restart', run: powershell('Restart-Service -Name sppsvc', 'host') },
        ...(code ? [{ key: 'lookup', run: cmd(`slui.exe 0x2a ${valueOr(code, '0x00000000')}`, 'host') }] : []),
      ],
      about: code,
    };
  });
};

function hostNames(c: RuleContext): string[] {
  const names = new Set<string>();
  const sys = c.evidence.system;
  const dns = c.evidence.dnsClient;
  const short = sys?.computerName ?? dns?.computerName ?? c.evidence.manifest?.machine.name ?? null;
  const suffix = dns?.primaryDnsSuffix ?? sys?.domain ?? dns?.domain ?? null;
  if (short) names.add(normalizeHost(short));
  if (short && suffix && !short.includes('.')) names.add(normalizeHost(`${short}.${suffix}`));
  if (c.host?.hostComputer) names.add(normalizeHost(c.host.hostComputer));
  return [...names];
}

const srvMismatch: Rule = (c) => {
  if (!isHost(c) || !c.evidence.probes || hostProducts(c).length === 0) return null;
  const names = hostNames(c);
  if (names.length === 0) return null;
  const matches = (target: string): boolean => {
    const t = normalizeHost(target);
    return names.some((n) => n === t || (!n.includes('.') && t.split('.')[0] === n));
  };
  const drafts: FindingDraft[] = [];
  for (const r of c.evidence.probes.srv) {
    if (r.status !== 'ok') continue;
    const targets = [...new Set(r.records.map((rec) => normalizeHost(rec.target)))];
    const self = targets.filter(matches);
    const others = targets.filter((t) => !matches(t));
    if (self.length > 0 && others.length === 0) continue;
    drafts.push({
      id: 'host.srv-mismatch',
      severity: self.length > 0 ? 'warning' : 'problem',
      explanation: self.length > 0 ? 'explanationOthers' : 'explanationElsewhere',
      vars: { name: r.name, host: names[names.length - 1]!, targets: list(targets), others: list(others) },
      evidence: [{ source: bundlePaths.probes, excerpt: `${r.name} @ ${r.server} → ${r.records.map((rec) => `${rec.target}:${rec.port}`).join(', ')}` }],
      fixes: [{ key: 'check', run: cmd(`nslookup -type=srv ${valueOr(r.name, '_vlmcs._tcp.<dns-domain>')}`, 'host') }, { key: 'remove' }],
    });
  }
  return drafts;
};

const firewallClosed: Rule = (c) => {
  const fw = c.firewall;
  if (!isHost(c) || fw === null || fw.state !== 'closed') return null;
  const { port, portRules: covering } = fw;
  return {
    id: 'host.firewall-closed',
    vars: { port, profiles: fw.closedProfiles.join(', ') },
    evidence: [{ source: bundlePaths.firewall, excerpt: `active profiles with the firewall on: ${fw.checkedProfiles.join(', ')}; inbound allow rules for TCP ${port}: ${covering.length === 0 ? 'none' : covering.map((r) => `${r.displayName ?? r.name} (${r.profiles.join('/') || 'Any'})`).join(', ')}` }],
    fixes: [{ key: port === defaultKmsPort ? 'builtin' : 'rule', vars: { port }, run: firewallCommand(port) }],
  };
};

const noRequests: Rule = (c) => {
  if (!isHost(c)) return null;
  // Without the log, slmgr's cumulative counter says the same: not one request since the host started counting.
  if (c.evidence.hostEvents === null) {
    const silent = hostProducts(c).find((p) => p.kmsHost?.requests?.total === 0);
    if (!silent) return null;
    return {
      id: 'host.no-requests',
      explanation: 'explanationSlmgr',
      vars: { start: '?', end: '?', total: 0 },
      evidence: [slmgrLine(c, 'Total requests received: 0', 'Total requests received')],
      fixes: [
        { key: 'clients', run: slmgr('/dlv', 'client') },
        { key: 'reach', run: powershell(`Test-NetConnection -ComputerName ${hostValue(hostNames(c).at(-1)) ?? '<kms-host-fqdn>'} -Port ${listeningPort(c)?.port ?? defaultKmsPort}`, 'client') },
      ],
    };
  }
  if (!c.host) return null;
  if (c.evidence.slmgr && hostProducts(c).length === 0) return null;
  // Without any dated event there is no window to judge: that is missing evidence, not "no requests".
  if (c.host.requestsInWindow > 0 || c.host.windowEnd === null) return null;
  return {
    id: 'host.no-requests',
    vars: { start: c.host.windowStart ? at(c.host.windowStart) : '?', end: c.host.windowEnd ? at(c.host.windowEnd) : '?', total: c.host.requestsTotal },
    evidence: [{ source: hostEventsSource(c), excerpt: `12290 events in window: 0 (all: ${c.host.requestsTotal})` }],
    fixes: [
      { key: 'clients', run: slmgr('/dlv', 'client') },
      { key: 'reach', run: powershell(`Test-NetConnection -ComputerName ${hostValue(hostNames(c).at(-1)) ?? '<kms-host-fqdn>'} -Port ${listeningPort(c)?.port ?? defaultKmsPort}`, 'client') },
    ],
  };
};

const logFull: Rule = (c) => {
  const kmsLog = (c.evidence.logHealth ?? []).find((l) => /key management service/i.test(l.logName ?? '') && l.isLogFull === true);
  if (!kmsLog) return null;
  const noReq = c.host !== null && c.host.requestsInWindow === 0;
  return {
    id: 'host.log-full',
    severity: noReq ? 'problem' : 'warning',
    vars: { log: kmsLog.logName ?? '', records: kmsLog.recordCount ?? '?', mode: kmsLog.logMode ?? '?' },
    evidence: [{ source: bundlePaths.eventLogHealth, excerpt: `${kmsLog.logName}: IsLogFull=True, LogMode=${kmsLog.logMode ?? '?'}, RecordCount=${kmsLog.recordCount ?? '?'}` }],
    fixes: [
      { key: 'export', run: cmd('wevtutil epl "Key Management Service" %SystemDrive%\\kms-log-backup.evtx', 'host') },
      { key: 'circular', run: cmd('wevtutil sl "Key Management Service" /rt:false', 'host') },
    ],
  };
};

const nondefaultPort: Rule = (c) => {
  if (!isHost(c)) return null;
  const lp = listeningPort(c);
  if (!lp || lp.port === defaultKmsPort) return null;
  return {
    id: 'host.nondefault-port',
    vars: { port: lp.port },
    evidence: [lp.evidence],
    fixes: [{ key: 'srv' }, { key: 'reset', run: slmgr('/sprt 1688', 'host') }],
  };
};

/** The host rules, in catalog order. */
export const hostRules: readonly Rule[] = [
  notKmsHost,
  notLicensed,
  countBelowThreshold,
  duplicateCmid,
  requestFailures,
  dnsPublishingDisabled,
  dnsPublishFailed,
  srvMismatch,
  firewallClosed,
  noRequests,
  logFull,
  nondefaultPort,
];
