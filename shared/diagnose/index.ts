import { docLinks, findingCatalog, type Severity } from '../kms/findings.js';
import { createTranslator, type Translator } from '../i18n/index.js';
import { decideRole, type RoleDecision } from '../kms/role.js';
import { verdictLevelOf, worstSeverity } from '../kms/severity.js';
import { analyzeClientEvents } from './client-events.js';
import type { EvidenceSet } from './evidence.js';
import { explainHresult } from './explain-code.js';
import { firewallCoverage, kmsListeningPort } from './firewall.js';
import { analyzeHostEvents } from './host-events.js';
import { rankDrafts } from './rank.js';
import { clientRules } from './rules/client-rules.js';
import { collectRules } from './rules/collect-rules.js';
import { hostRules } from './rules/host-rules.js';
import { decideVerdict, incompleteWindows, type IncompleteWindow } from './verdict.js';
import type {
  ClientAnalysis,
  ClientAnalysisSummary,
  DiagnosisResult,
  DraftFix,
  Finding,
  FindingDraft,
  FindingFix,
  FindingId,
  TextVars,
  Lang,
  RuleContext,
} from './types.js';

export type * from './types.js';
export type { CheckId, EvidenceNeed, Gap, PassedCheck, Verdict, VerdictState } from './verdict.js';
export { emptyEvidence, type EvidenceSet, type RawSource } from './evidence.js';
export { analyzeHostEvents, createHostEventAccumulator, digestHostEvents, type HostEventDigest } from './host-events.js';
export { analyzeClientEvents } from './client-events.js';
export { firewallCoverage, kmsListeningPort, type FirewallCoverage } from './firewall.js';

export interface DiagnoseOptions {
  /**
   * When the evidence was collected, if there is no manifest (a live run in the app). Never the clock of
   * the machine that analyses a bundle: the same bundle must give the same answer a month later.
   */
  readonly now?: string;
  readonly lang: Lang;
}

/** The role of the evidence's machine and why (shared/kms/role.ts decides; this only gathers its facts). */
export function detectRole(evidence: EvidenceSet): RoleDecision {
  const host = evidence.hostEvents;
  return decideRole({
    recorded: evidence.manifest?.role ?? null,
    licensing: evidence.slmgr,
    hostEventIds: [...((host?.requests12290 ?? 0) > 0 ? [12290] : []), ...(host?.publish ?? []).map((event) => event.eventId)],
    // 8198 is the client's own activation attempt failing (slui, with its HRESULT), 12308 its Active
    // Directory-based activation succeeding (SLMGR-AND-EVENTS.md): client events too.
    clientEventIds: (evidence.clientEvents ?? []).map((event) => event.eventId).filter((id) => id === 12288 || id === 12289 || id === 8198 || id === 12308),
    hostConfiguration: evidence.hostConfig !== null || evidence.firewall !== null,
    clientConfiguration: evidence.probes !== null || evidence.kmsClientRegistry !== null,
    // Only activation attempts: an error printed beside other output may answer any command (a /rearm
    // refusal says nothing about KMS); the parser already reads a lone error as the /ato answer.
    activations: evidence.slmgr?.activation ?? [],
  });
}

function summarizeClient(a: ClientAnalysis, explain: RuleContext['explainCode']): ClientAnalysisSummary {
  return {
    requests: a.requests,
    responses: a.responses,
    unanswered: a.unanswered.length,
    latestUnanswered: a.latestUnanswered,
    hostCount: a.hostCount,
    minimumCount: a.minimumCount,
    activated: a.activated,
    latestError: a.latestError === null ? null : { hresult: a.latestError.hresult, ...pick(explain(a.latestError.hresult)), time: a.latestError.event.timeCreated },
    clockSkew: a.clockSkew.map((s) => ({ time: s.event.timeCreated, skewMinutes: s.skewMinutes })),
    hostsContacted: a.hostsContacted,
    timeline: a.pairs.map((p) => ({
      time: p.request.timeCreated,
      host: p.request.kmsHost ?? null,
      hresult: p.response?.hresult ?? p.request.hresult ?? null,
      answered: p.response !== null,
      activated: p.response?.activated ?? null,
      count: p.response?.currentCount ?? null,
    })),
  };
}

function pick(e: { name: string; meaning: string }): { name: string; meaning: string } {
  return { name: e.name, meaning: e.meaning };
}

function renderFix(f: DraftFix, base: string, vars: TextVars, t: Translator): FindingFix {
  return {
    text: 'text' in f ? f.text : t(`${base}.fix.${f.key}`, { ...vars, ...(f.vars ?? {}) }),
    ...(f.run === undefined
      ? {}
      : { command: f.run.command, runOn: f.run.runOn, shell: f.run.shell, ...(f.run.caution === undefined ? {} : { caution: t(`common.caution.${f.run.caution}`) }) }),
  };
}

function render(draft: FindingDraft & { severity: Severity }, t: Translator, explainedBy?: FindingId, windows: readonly IncompleteWindow[] = [], lang: Lang = 'en'): Finding {
  const base = draft.id;
  const vars = draft.vars ?? {};
  // English sentences are separated by a space; Japanese and Chinese ones end in 。 and need none.
  // A finding that counts events of a capped or stopped query says its window is incomplete.
  const remarks = windows.filter((w) => w.findings.includes(draft.id)).map((w) => w.sentence);
  return {
    id: draft.id,
    severity: draft.severity,
    title: t(`${base}.${draft.title ?? 'title'}`, vars),
    explanation: [t(`${base}.${draft.explanation ?? 'explanation'}`, vars), ...remarks].join(lang === 'en' ? ' ' : ''),
    evidence: draft.evidence,
    fixes: draft.fixes.map((f) => renderFix(f, base, vars, t)),
    docs: draft.docs ?? findingCatalog[draft.id].docs,
    ...(explainedBy === undefined ? {} : { explainedBy }),
  };
}

/**
 * The diagnosis: evidence in, ranked findings out, in one language. Pure: no clock, no I/O; the UI, the
 * CLI and the bundle writer all call this.
 */
export function diagnose(evidence: EvidenceSet, options: DiagnoseOptions): DiagnosisResult {
  const t = createTranslator(options.lang);
  const explainCode = (code: string) => explainHresult(code, options.lang);
  const role = detectRole(evidence).role;
  const client = evidence.clientEvents ? analyzeClientEvents(evidence.clientEvents) : null;
  const windowEnd = evidence.manifest?.created
    ? { time: evidence.manifest.created, source: 'manifest' as const }
    : options.now ? { time: options.now, source: 'given' as const } : null;
  const host = evidence.hostEvents ? analyzeHostEvents(evidence.hostEvents, windowEnd) : null;
  const firewall = evidence.firewall === null ? null : firewallCoverage(evidence.firewall, kmsListeningPort(evidence)?.port);
  const context: RuleContext = { evidence, role, client, host, firewall, lang: options.lang, explainCode };
  const drafts = [...collectRules, ...hostRules, ...clientRules].flatMap((rule) => {
    const out = rule(context);
    return out === null ? [] : Array.isArray(out) ? (out as readonly FindingDraft[]) : [out as FindingDraft];
  });
  const ranked = rankDrafts(drafts.map((d) => ({ ...d, severity: d.severity ?? findingCatalog[d.id].severity })));
  const windows = incompleteWindows(evidence.manifest, t, options.lang);
  const titles = new Map(ranked.map((d) => [d as FindingDraft, t(`${d.id}.${d.title ?? 'title'}`, d.vars ?? {})]));
  const decided = decideVerdict({
    context,
    drafts: ranked,
    titles,
    now: windowEnd?.time ?? null,
    t,
    renderFix: (f, base) => renderFix(f, base, {}, t),
    windows,
  });
  const findings = ranked.map((d) => render(d, t, decided.consequences.get(d), windows, options.lang));
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const present = (Object.entries({
    manifest: evidence.manifest, slmgr: evidence.slmgr, clientEvents: evidence.clientEvents, hostEvents: evidence.hostEvents,
    probes: evidence.probes, dnsClient: evidence.dnsClient, kmsClientRegistry: evidence.kmsClientRegistry, hostConfig: evidence.hostConfig,
    firewall: evidence.firewall, system: evidence.system, logHealth: evidence.logHealth,
  }) as Array<[string, unknown]>).filter(([, v]) => v !== null).map(([k]) => k);
  const problems = count('problem');
  const warnings = count('warning');
  const worst = worstSeverity(findings.map((finding) => finding.severity));
  return {
    role,
    verdict: decided.verdict,
    gaps: decided.gaps,
    findings,
    summary: {
      role,
      verdict: verdictLevelOf(worst),
      worstSeverity: worst,
      problems,
      warnings,
      info: count('info'),
      topFinding: findings[0]?.id ?? null,
      windowEnd: host?.windowEnd ?? windowEnd?.time ?? null,
      evidence: present,
      lang: options.lang,
    },
    ...(host ? { hostAnalysis: host } : {}),
    ...(firewall ? { firewall } : {}),
    ...(client ? { clientAnalysis: summarizeClient(client, explainCode) } : {}),
  };
}

/** Ranks drafts and renders them in one language, as diagnose() does (the case findings use it too). */
export function renderDrafts(drafts: readonly FindingDraft[], lang: Lang): Finding[] {
  const t = createTranslator(lang);
  return rankDrafts(drafts.map((d) => ({ ...d, severity: d.severity ?? findingCatalog[d.id].severity }))).map((d) => render(d, t));
}

export { docLinks };
