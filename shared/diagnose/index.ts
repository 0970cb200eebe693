import { docLinks, findingCatalog, type Severity } from '../kms/findings.js';
import { createTranslator, type Translator } from '../i18n/index.js';
import { analyzeClientEvents } from './client-events.js';
import type { EvidenceSet } from './evidence.js';
import { explainHresult } from './explain-code.js';
import { analyzeHostEvents } from './host-events.js';
import { rankDrafts } from './rank.js';
import { clientRules } from './rules/client-rules.js';
import { collectRules } from './rules/collect-rules.js';
import { installedProducts, isHostProduct, isKmsClientProduct } from './rules/helpers.js';
import { hostRules } from './rules/host-rules.js';
import { decideVerdict } from './verdict.js';
import type {
  ClientAnalysis,
  ClientAnalysisSummary,
  DetectedRole,
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

export interface DiagnoseOptions {
  /**
   * When the evidence was collected, if there is no manifest (a live run in the app). Never the clock of
   * the machine that analyses a bundle: the same bundle must give the same answer a month later.
   */
  readonly now?: string;
  readonly lang: Lang;
}

/** Works out the role: the manifest's when it knows, else slmgr's products, else the events. */
export function detectRole(evidence: EvidenceSet): DetectedRole {
  const manifestRole = evidence.manifest?.role;
  if (manifestRole && manifestRole !== 'unknown') return manifestRole;
  const products = evidence.slmgr ? installedProducts({ evidence } as RuleContext) : [];
  const slmgrHost = products.some(isHostProduct);
  const slmgrClient = products.some((p) => isKmsClientProduct(p) || (!isHostProduct(p) && p.channel !== null));
  const hostEvents = (evidence.hostEvents?.requests12290 ?? 0) > 0 || (evidence.hostEvents?.publish.length ?? 0) > 0;
  // 8198 is the client's own activation attempt failing (slui, with its HRESULT): a client event too.
  const clientEvents = (evidence.clientEvents ?? []).some((e) => e.eventId === 12288 || e.eventId === 12289 || e.eventId === 8198);
  const host = slmgrHost || hostEvents || evidence.hostConfig !== null || evidence.firewall !== null;
  const client = (slmgrClient && !slmgrHost) || clientEvents || evidence.probes !== null || evidence.kmsClientRegistry !== null;
  if (host && client) return slmgrHost || hostEvents ? (clientEvents && !slmgrHost ? 'both' : 'host') : 'client';
  if (host) return 'host';
  if (client) return 'client';
  return evidence.slmgr ? 'client' : 'unknown';
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

function render(draft: FindingDraft & { severity: Severity }, t: Translator, explainedBy?: FindingId): Finding {
  const base = draft.id;
  const vars = draft.vars ?? {};
  return {
    id: draft.id,
    severity: draft.severity,
    title: t(`${base}.${draft.title ?? 'title'}`, vars),
    explanation: t(`${base}.${draft.explanation ?? 'explanation'}`, vars),
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
  const role = detectRole(evidence);
  const client = evidence.clientEvents ? analyzeClientEvents(evidence.clientEvents) : null;
  const windowEnd = evidence.manifest?.created
    ? { time: evidence.manifest.created, source: 'manifest' as const }
    : options.now ? { time: options.now, source: 'given' as const } : null;
  const host = evidence.hostEvents ? analyzeHostEvents(evidence.hostEvents, windowEnd) : null;
  const context: RuleContext = { evidence, role, client, host, lang: options.lang, explainCode };
  const drafts = [...collectRules, ...hostRules, ...clientRules].flatMap((rule) => {
    const out = rule(context);
    return out === null ? [] : Array.isArray(out) ? (out as readonly FindingDraft[]) : [out as FindingDraft];
  });
  const ranked = rankDrafts(drafts.map((d) => ({ ...d, severity: d.severity ?? findingCatalog[d.id].severity })));
  const titles = new Map(ranked.map((d) => [d as FindingDraft, t(`${d.id}.${d.title ?? 'title'}`, d.vars ?? {})]));
  const decided = decideVerdict({
    context,
    drafts: ranked,
    titles,
    now: windowEnd?.time ?? null,
    t,
    renderFix: (f, base) => renderFix(f, base, {}, t),
  });
  const findings = ranked.map((d) => render(d, t, decided.consequences.get(d)));
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const present = (Object.entries({
    manifest: evidence.manifest, slmgr: evidence.slmgr, clientEvents: evidence.clientEvents, hostEvents: evidence.hostEvents,
    probes: evidence.probes, dnsClient: evidence.dnsClient, kmsClientRegistry: evidence.kmsClientRegistry, hostConfig: evidence.hostConfig,
    firewall: evidence.firewall, system: evidence.system, logHealth: evidence.logHealth,
  }) as Array<[string, unknown]>).filter(([, v]) => v !== null).map(([k]) => k);
  const problems = count('problem');
  const warnings = count('warning');
  return {
    role,
    verdict: decided.verdict,
    gaps: decided.gaps,
    findings,
    summary: {
      role,
      verdict: problems > 0 ? 'problem' : warnings > 0 ? 'warning' : 'ok',
      problems,
      warnings,
      info: count('info'),
      topFinding: findings[0]?.id ?? null,
      windowEnd: host?.windowEnd ?? windowEnd?.time ?? null,
      evidence: present,
      lang: options.lang,
    },
    ...(host ? { hostAnalysis: host } : {}),
    ...(client ? { clientAnalysis: summarizeClient(client, explainCode) } : {}),
  };
}

/** Ranks drafts and renders them in one language, as diagnose() does (the case findings use it too). */
export function renderDrafts(drafts: readonly FindingDraft[], lang: Lang): Finding[] {
  const t = createTranslator(lang);
  return rankDrafts(drafts.map((d) => ({ ...d, severity: d.severity ?? findingCatalog[d.id].severity }))).map((d) => render(d, t));
}

export { docLinks };
