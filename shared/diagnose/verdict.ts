/**
 * The verdict (DESIGN.md §5 "Findings", issue #15): one root cause with the findings it explains folded
 * under it, or for a machine that works what works and the checks that passed; and the evidence that
 * could not be collected (gaps), kept apart from the findings, saying whether it could change the verdict.
 */
import { codeOfFailure } from '../bundle/collector-failure.js';
import type { BundleManifest, EventQueryFacts } from '../bundle/manifest.js';
import type { Lang } from '../i18n/index.js';
import type { Translator } from '../i18n/index.js';
import { channelKind } from '../kms/channels.js';
import type { FindingId, Severity } from '../kms/findings.js';
import { defaultRenewalIntervalMinutes } from '../kms/thresholds.js';
import { slmgr } from './fix-commands.js';
import { installedProducts, isHostProduct, isLicensed, osProduct } from './rules/helpers.js';
import type { DraftFix, FindingDraft, FindingFix, RuleContext } from './types.js';

export type VerdictState = 'healthy' | 'problem' | 'warning' | 'unknown';

export interface PassedCheck {
  readonly id: CheckId;
  /** The check in words, in the output language ("DNS SRV record found"). */
  readonly name: string;
}

export interface Verdict {
  readonly state: VerdictState;
  /** The finding that explains the others (the first problem, or the first warning when there is none). */
  readonly rootCause: FindingId | null;
  /** Ids of the findings the root cause explains, in report order (folded under it). */
  readonly consequences: readonly FindingId[];
  /** One sentence (or two) a technician reads first. */
  readonly summary: string;
  /** For a machine that works: what works, one sentence each ("Windows is activated by kms01…"). */
  readonly works: readonly string[];
  /** The checks whose evidence was there and that found nothing wrong. */
  readonly passed: readonly PassedCheck[];
}

export type EvidenceNeed = 'slmgr' | 'clientEvents' | 'probes' | 'hostEvents';

export interface Gap {
  readonly id: 'collect.missing-evidence' | 'collect.failed' | 'collect.event-window-incomplete';
  /** What is missing: an evidence kind, or the collector that failed. */
  readonly evidence: string;
  /** Its readable name ("Licensing state (slmgr /dlv or WMI)"). */
  readonly name: string;
  /** What could not be checked without it. */
  readonly explanation: string;
  /** True when that evidence could change the verdict (nothing wrong was found, or it decides the state). */
  readonly changesVerdict: boolean;
  readonly fix: FindingFix | null;
}

/** The findings that count the events of one event query, by the evidence kind of its file. */
const windowDependents: Readonly<Record<string, { readonly label: EvidenceNeed; readonly findings: readonly FindingId[] }>> = {
  eventsKmsHostXml: { label: 'hostEvents', findings: ['host.count-below-threshold', 'host.no-requests', 'host.duplicate-cmid', 'host.request-failures'] },
  eventsApplicationSppXml: { label: 'clientEvents', findings: ['client.no-response', 'client.count-insufficient', 'client.clock-skew'] },
};

/** An event query whose window is incomplete (capped, or stopped part-way), and the findings that count it. */
export interface IncompleteWindow {
  readonly query: EventQueryFacts;
  /** Its readable name ("Key Management Service log (12290)"). */
  readonly name: string;
  readonly findings: readonly FindingId[];
  /** The sentence those findings' explanations end with: the count read and the window. */
  readonly sentence: string;
}

/**
 * The sentence key of why a query's window is incomplete: the stop code (timeout, a failed program) when
 * there is one, the cap, or for a bundle made before stop codes existed the verbatim reason. Null when
 * it read its whole window (damaged records skipped are said apart).
 */
function stopSentenceKey(query: EventQueryFacts): string | null {
  if (query.stopCode === 'timeout') return 'common.windowIncomplete.timeout';
  if (query.stopCode === 'process-error' && query.exitCode !== undefined) return 'common.windowIncomplete.processError';
  if (query.incomplete !== null) return 'common.windowIncomplete.stopped';
  return query.capped ? 'common.windowIncomplete.capped' : null;
}

/** The manifest's event queries whose window is incomplete; none for evidence without a manifest. */
export function incompleteWindows(manifest: BundleManifest | null, t: Translator, lang: Lang = 'en'): IncompleteWindow[] {
  return (manifest?.eventQueries ?? [])
    .filter((query) => query.capped || query.incomplete !== null || (query.skippedRecords ?? 0) > 0)
    .map((query) => {
      const known = windowDependents[query.kind];
      const name = known ? t(`collect.missing-evidence.label.${known.label}`) : query.kind;
      const vars = { records: query.records, log: name, maxEvents: query.maxEvents, windowDays: query.windowDays, reason: query.incomplete ?? '', exitCode: query.exitCode ?? '' };
      const stop = stopSentenceKey(query);
      const skipped = query.skippedRecords ?? 0;
      const sentences = [...(stop !== null ? [t(stop, vars)] : []), ...(skipped > 0 ? [t('common.windowIncomplete.skipped', { ...vars, count: skipped })] : [])];
      return {
        query,
        name,
        findings: known?.findings ?? [],
        // English sentences are separated by a space; Japanese and Chinese ones end in 。 and need none.
        sentence: sentences.join(lang === 'en' ? ' ' : ''),
      };
    });
}

/** Evidence kinds the verdict needs per role. */
export function neededEvidence(role: RuleContext['role']): EvidenceNeed[] {
  switch (role) {
    case 'client':
      return ['slmgr', 'clientEvents', 'probes'];
    case 'host':
      return ['slmgr', 'hostEvents'];
    case 'both':
      return ['slmgr', 'clientEvents', 'probes', 'hostEvents'];
    default:
      return ['slmgr'];
  }
}

/** Which finding (cause) explains which others (consequences), besides the HRESULTs a cause `explains`. */
const explainsFindings: Partial<Record<FindingId, readonly FindingId[]>> = {
  'client.edition-no-volume': ['client.not-activated', 'client.activation-error', 'client.channel-not-kms'],
  'client.channel-not-kms': ['client.not-activated'],
  'client.dns-no-srv': ['client.no-response', 'client.not-activated'],
  'client.dns-srv-target-unresolved': ['client.no-response', 'client.not-activated'],
  'client.kms-override': ['client.no-response', 'client.not-activated', 'client.port-unreachable', 'client.not-kms-endpoint'],
  'client.port-unreachable': ['client.no-response', 'client.not-activated'],
  'client.not-kms-endpoint': ['client.no-response', 'client.not-activated'],
  'client.clock-skew': ['client.not-activated'],
  'client.count-insufficient': ['client.not-activated'],
  'client.no-response': ['client.not-activated'],
  'client.activation-error': ['client.not-activated'],
  'host.not-licensed': ['host.request-failures'],
  'host.duplicate-cmid': ['host.count-below-threshold', 'host.request-failures'],
  'host.firewall-closed': ['host.no-requests', 'host.count-below-threshold'],
  'host.dns-publishing-disabled': ['host.no-requests'],
  'host.dns-publish-failed': ['host.no-requests', 'host.dns-publishing-disabled'],
  'host.srv-mismatch': ['host.no-requests'],
  'host.log-full': ['host.no-requests'],
  'host.no-requests': ['host.count-below-threshold'],
};

/** The drafts the root cause explains: by the HRESULT they are about, or by the table above. */
export function consequencesOf(root: FindingDraft, drafts: readonly FindingDraft[]): FindingDraft[] {
  const codes = new Set((root.explains ?? []).map((c) => c.toUpperCase()));
  const ids = new Set(explainsFindings[root.id] ?? []);
  return drafts.filter((d) => d !== root && d.id !== root.id && ((d.about !== undefined && codes.has(d.about.toUpperCase())) || ids.has(d.id)));
}

export type CheckId = 'licence' | 'kmsHostKey' | 'dnsSrv' | 'port' | 'kmsRpc' | 'answers' | 'clock' | 'count' | 'publishing' | 'firewall' | 'requests' | 'eventLog';

/** Each check: the evidence it reads and the findings that mean it failed. */
const checks: ReadonlyArray<{ id: CheckId; role: 'client' | 'host'; has: (c: RuleContext) => boolean; failedBy: readonly FindingId[] }> = [
  { id: 'licence', role: 'client', has: (c) => osProduct(c) !== null, failedBy: ['client.edition-no-volume', 'client.channel-not-kms', 'client.not-activated'] },
  { id: 'dnsSrv', role: 'client', has: (c) => (c.evidence.probes?.srv.length ?? 0) > 0, failedBy: ['client.dns-no-srv', 'client.dns-srv-target-unresolved', 'client.dns-servers-disagree', 'client.dns-multiple-hosts'] },
  { id: 'port', role: 'client', has: (c) => (c.evidence.probes?.hosts.length ?? 0) > 0, failedBy: ['client.port-unreachable'] },
  { id: 'kmsRpc', role: 'client', has: (c) => (c.evidence.probes?.hosts.some((h) => h.tcp.status === 'connected') ?? false), failedBy: ['client.not-kms-endpoint'] },
  { id: 'answers', role: 'client', has: (c) => (c.client?.requests ?? 0) > 0, failedBy: ['client.no-response', 'client.activation-error', 'client.count-insufficient'] },
  { id: 'clock', role: 'client', has: (c) => (c.client?.requests ?? 0) > 0, failedBy: ['client.clock-skew'] },
  { id: 'kmsHostKey', role: 'host', has: (c) => installedProducts(c).some(isHostProduct), failedBy: ['host.not-kms-host', 'host.not-licensed'] },
  { id: 'count', role: 'host', has: (c) => (c.host?.requestsInWindow ?? 0) > 0 || installedProducts(c).some((p) => p.kmsHost?.currentCount != null), failedBy: ['host.count-below-threshold', 'host.duplicate-cmid'] },
  { id: 'publishing', role: 'host', has: (c) => (c.host?.publish.length ?? 0) > 0 || c.evidence.hostConfig !== null, failedBy: ['host.dns-publishing-disabled', 'host.dns-publish-failed', 'host.srv-mismatch'] },
  { id: 'firewall', role: 'host', has: (c) => c.evidence.firewall !== null, failedBy: ['host.firewall-closed'] },
  { id: 'requests', role: 'host', has: (c) => c.host !== null && c.host.windowEnd !== null, failedBy: ['host.no-requests', 'host.request-failures'] },
  { id: 'eventLog', role: 'host', has: (c) => (c.evidence.logHealth?.length ?? 0) > 0, failedBy: ['host.log-full'] },
];

function passedChecks(c: RuleContext, drafts: ReadonlyArray<FindingDraft & { severity: Severity }>, t: Translator): PassedCheck[] {
  const roles = c.role === 'both' ? ['client', 'host'] : c.role === 'unknown' ? [] : [c.role];
  const failed = new Set(drafts.filter((d) => d.severity !== 'info').map((d) => d.id));
  return checks
    .filter((k) => roles.includes(k.role) && k.has(c) && !k.failedBy.some((id) => failed.has(id)))
    .map((k) => ({ id: k.id, name: t(`common.check.${k.id}`) }));
}

const day = (iso: string): string => iso.slice(0, 10);
const minute = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** What works on a client: the activation (by whom, when), the next renewal and how long it is valid. */
function clientWorks(c: RuleContext, now: string | null, t: Translator): string[] {
  const os = osProduct(c);
  if (os === null || !isLicensed(os)) return [];
  const kind = channelKind(os.channel);
  if (kind !== 'kmsClient') return [t('common.works.licensedOther', { channel: os.channel ?? '?' })];
  const out: string[] = [];
  const lastOk = [...(c.client?.pairs ?? [])].reverse().find((p) => p.response?.activated === true) ?? null;
  const hostName = lastOk?.request.kmsHost
    ? `${lastOk.request.kmsHost}${lastOk.request.kmsPort ? `:${lastOk.request.kmsPort}` : ''}`
    : (() => {
        const m = os.kmsClient?.registeredKmsMachine ?? os.kmsClient?.kmsMachineFromDns ?? null;
        return m ? `${m.name}${m.port ? `:${m.port}` : ''}` : null;
      })();
  const when = lastOk?.response?.timeCreated ?? null;
  if (hostName && when) out.push(t('common.works.activatedByOn', { host: hostName, time: minute(when) }));
  else if (hostName) out.push(t('common.works.activatedBy', { host: hostName }));
  else out.push(t('common.works.activated'));
  const renewal = lastOk?.response?.renewalIntervalMinutes ?? os.kmsClient?.renewalIntervalMinutes ?? defaultRenewalIntervalMinutes;
  if (when && now) {
    const due = Date.parse(when) + renewal * 60_000;
    const days = Math.max(0, Math.ceil((due - Date.parse(now)) / 86_400_000));
    out.push(t('common.works.renews', { days, count: days }));
  }
  if (os.remainingMinutes !== null) {
    const days = Math.floor(os.remainingMinutes / 1440);
    out.push(now ? t('common.works.validUntil', { date: day(new Date(Date.parse(now) + os.remainingMinutes * 60_000).toISOString()), days, count: days }) : t('common.works.validFor', { days, count: days }));
  }
  return out;
}

function hostWorks(c: RuleContext, t: Translator): string[] {
  const products = installedProducts(c).filter(isHostProduct);
  if (products.length === 0 || !products.every(isLicensed)) return [];
  const out = [t('common.works.hostLicensed', { channel: products.map((p) => p.channel ?? '?').join(', ') })];
  const h = c.host;
  if (h && h.requestsInWindow > 0) {
    const refused = h.failures.reduce((sum, f) => sum + f.requests, 0);
    out.push(t('common.works.hostRequests', { requests: h.requestsInWindow, clients: h.distinctCmids, refused, end: h.windowEnd ? day(h.windowEnd) : '?' }));
    for (const f of h.families) out.push(t(`common.works.family.${f.family}`, { has: f.has, needs: f.needs, clients: f.clients }));
  } else {
    const count = products.map((p) => p.kmsHost?.currentCount).find((n) => n !== null && n !== undefined);
    if (count !== undefined && count !== null) out.push(t('common.works.hostCount', { count }));
  }
  const published = [...(h?.publish ?? [])].filter((p) => p.eventId === 12294).sort((a, b) => (a.time < b.time ? 1 : -1))[0];
  if (published) out.push(t('common.works.published', { domain: published.domain ?? '?', time: minute(published.time) }));
  return out;
}

/** How to add the missing evidence; slmgr runs on the machine diagnosed. */
const gapFix = (need: EvidenceNeed, role: RuleContext['role']): DraftFix =>
  need === 'slmgr' ? { key: 'slmgr', run: slmgr('/dlv all', role === 'host' ? 'host' : role === 'client' ? 'client' : 'any') } : { key: need };

export interface VerdictInput {
  readonly context: RuleContext;
  /** Ranked, severity set. */
  readonly drafts: ReadonlyArray<FindingDraft & { severity: Severity }>;
  readonly titles: ReadonlyMap<FindingDraft, string>;
  readonly now: string | null;
  readonly t: Translator;
  readonly renderFix: (fix: DraftFix, base: string) => FindingFix;
  /** Event queries whose window is incomplete (incompleteWindows). */
  readonly windows?: readonly IncompleteWindow[];
}

export function decideVerdict(input: VerdictInput): { verdict: Verdict; gaps: Gap[]; consequences: ReadonlyMap<FindingDraft, FindingId> } {
  const { context: c, drafts, t } = input;
  const e = c.evidence;
  const have: Record<EvidenceNeed, boolean> = { slmgr: e.slmgr !== null, clientEvents: e.clientEvents !== null, probes: e.probes !== null, hostEvents: e.hostEvents !== null };
  const missing = neededEvidence(c.role).filter((k) => !have[k]);
  const root = drafts.find((d) => d.severity === 'problem') ?? drafts.find((d) => d.severity === 'warning') ?? null;
  const folded = root ? consequencesOf(root, drafts) : [];
  const nothingToJudge = e.slmgr === null && e.clientEvents === null && e.hostEvents === null;
  // A product list whose licence status could not be read says nothing about whether Windows works.
  const os = osProduct(c);
  const licenceUnread = (c.role === 'client' || c.role === 'both') && os !== null && os.licenseStatus === null;
  const state: VerdictState =
    root?.severity === 'problem'
      ? 'problem'
      : c.role === 'unknown' || nothingToJudge || licenceUnread || (missing.includes('slmgr') && root === null)
        ? 'unknown'
        : root
          ? 'warning'
          : 'healthy';
  const gaps: Gap[] = [
    ...missing.map((need): Gap => ({
      id: 'collect.missing-evidence',
      evidence: need,
      name: t(`collect.missing-evidence.label.${need}`),
      explanation: t(`collect.missing-evidence.explanation.${need}`),
      changesVerdict: state !== 'problem',
      fix: input.renderFix(gapFix(need, c.role), 'collect.missing-evidence'),
    })),
    ...e.failedCollectors.map((f): Gap => ({
      id: 'collect.failed',
      evidence: f.collector,
      name: f.collector,
      explanation: f.missing.length > 0 ? t('collect.failed.explanation', { collector: f.collector, reason: codeOfFailure(f), missing: f.missing.join(', ') }) : t('collect.failed.explanationNothingMissing', { collector: f.collector, reason: codeOfFailure(f) }),
      changesVerdict: state !== 'problem' && f.missing.length > 0,
      fix: input.renderFix({ key: 'rerun' }, 'collect.failed'),
    })),
    ...(input.windows ?? []).map((w): Gap => ({
      id: 'collect.event-window-incomplete',
      evidence: w.query.kind,
      name: w.name,
      explanation: w.sentence,
      changesVerdict: drafts.some((d) => w.findings.includes(d.id)),
      fix: input.renderFix({ key: 'rerun' }, 'collect.event-window-incomplete'),
    })),
  ];
  const works = state === 'healthy' || state === 'warning' ? [...(c.role === 'client' || c.role === 'both' ? clientWorks(c, input.now, t) : []), ...(c.role === 'host' || c.role === 'both' ? hostWorks(c, t) : [])] : [];
  const rootTitle = root ? (input.titles.get(root) ?? root.id) : '';
  // English sentences are separated by a space; Japanese and Chinese ones end in 。 and need none.
  const join = (parts: readonly string[]): string => parts.join(c.lang === 'en' ? ' ' : '');
  const summary =
    state === 'problem'
      ? t('common.verdict.problem', { title: rootTitle, count: folded.length })
      : state === 'warning'
        ? join([t('common.verdict.warning', { title: rootTitle, count: drafts.filter((d) => d.severity === 'warning').length }), ...works])
        : state === 'healthy'
          ? works.length > 0
            ? join(works)
            : t('common.verdict.healthy')
          : t('common.verdict.unknown', {
              missing: [...new Set([...gaps.filter((g) => g.changesVerdict).map((g) => g.name), ...(licenceUnread ? [t('collect.missing-evidence.label.slmgr')] : [])])].join(', ') || '—',
            });
  const consequences = new Map<FindingDraft, FindingId>(root ? folded.map((d) => [d, root.id] as const) : []);
  return {
    verdict: {
      state,
      rootCause: root?.id ?? null,
      consequences: [...new Set(folded.map((d) => d.id))],
      summary,
      works,
      passed: passedChecks(c, drafts, t),
    },
    gaps,
    consequences,
  };
}

