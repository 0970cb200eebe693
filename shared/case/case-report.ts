/**
 * The case document (`analyze` with several machines): every machine with its verdict, sorted by
 * problem, the findings per finding id across machines, and the case findings, in one language; and its
 * terminal text. A fleet of thousands prints the table; a small case also each machine's findings.
 */
import type { DetectedRole, Finding, FindingId, Lang, Severity } from '../diagnose/types.js';
import { createTranslator } from '../i18n/index.js';
import { roles } from '../kms/role.js';
import { compareSeverity, verdictLevels, verdictLevelOf, worstSeverity } from '../kms/severity.js';
import { formatFinding } from '../report/format-text.js';
import type { CaseMachine } from './case-machine.js';
import { diagnoseCase } from './diagnose-case.js';

export interface CaseMachineRow {
  readonly name: string;
  readonly source: string;
  readonly role: DetectedRole;
  readonly cmids: readonly string[];
  readonly verdict: CaseMachine['verdict'];
  readonly findings: readonly Finding[];
}

export interface CaseSummary {
  readonly machines: number;
  readonly verdicts: Readonly<Record<CaseMachine['verdict'], number>>;
  /** Worst over the machines and the case findings. */
  readonly verdict: CaseMachine['verdict'];
  /** Each finding id with the machines that have it, most machines first (problems before warnings). */
  readonly byFinding: ReadonlyArray<{ readonly id: FindingId; readonly severity: Severity; readonly title: string; readonly machines: number }>;
  readonly lang: Lang;
}

/** The `analyze --json` document of a case: `{ machines: [{ name, role, verdict, findings }], caseFindings }`. */
export interface CaseResult {
  readonly machines: readonly CaseMachineRow[];
  readonly caseFindings: readonly Finding[];
  readonly summary: CaseSummary;
}

const verdictRank: Readonly<Record<CaseMachine['verdict'], number>> = { problem: 0, warning: 1, ok: 2 };
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Problem machines first, the same first finding together, then by name. */
function byProblem(a: CaseMachineRow, b: CaseMachineRow): number {
  return verdictRank[a.verdict] - verdictRank[b.verdict] || byText(a.findings[0]?.id ?? '', b.findings[0]?.id ?? '') || byText(a.name.toLowerCase(), b.name.toLowerCase()) || byText(a.source, b.source);
}

export function caseResultOf(machines: readonly CaseMachine[], lang: Lang): CaseResult {
  const caseFindings = diagnoseCase(machines, { lang });
  const rows = machines.map((m) => ({ name: m.name, source: m.source, role: m.role, cmids: m.cmids, verdict: m.verdict, findings: m.findings })).sort(byProblem);
  const verdicts = { problem: 0, warning: 0, ok: 0 };
  const byFinding = new Map<FindingId, { id: FindingId; severity: Severity; title: string; machines: number }>();
  for (const row of rows) {
    verdicts[row.verdict]++;
    for (const id of new Set(row.findings.map((f) => f.id))) {
      const f = row.findings.find((x) => x.id === id)!;
      const entry = byFinding.get(id);
      if (entry) entry.machines++;
      else byFinding.set(id, { id, severity: f.severity, title: f.title, machines: 1 });
    }
  }
  // The worst of its machines' verdicts and its case findings ('ok' is no severity and counts as none).
  const verdict = verdictLevelOf(worstSeverity([...rows.map((row) => row.verdict), ...caseFindings.map((finding) => finding.severity)]));
  return {
    machines: rows,
    caseFindings,
    summary: {
      machines: rows.length,
      verdicts,
      verdict,
      byFinding: [...byFinding.values()].sort((a, b) => compareSeverity(a.severity, b.severity) || b.machines - a.machines || byText(a.id, b.id)),
      lang,
    },
  };
}

/** Machines whose findings are printed one by one under the table; a fleet prints the table only. */
const maxDetailedMachines = 20;

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The terminal text of a case: summary, case findings, findings per id, the machine table, details of a small case. */
export function formatCaseText(result: CaseResult, ignored: readonly string[] = []): string {
  const t = createTranslator(result.summary.lang);
  const s = result.summary;
  const lines: string[] = [];
  lines.push(`${t('report:case.heading')}: ${t(`report:verdict.${s.verdict}`)}`);
  lines.push(t('report:case.summary', { machines: s.machines, ...s.verdicts }));
  if (ignored.length > 0) lines.push(t('report:case.ignored', { files: ignored.join(', ') }));
  lines.push('', `== ${t('report:case.caseFindings')} (${result.caseFindings.length}) ==`);
  if (result.caseFindings.length === 0) lines.push('', t('report:case.noCaseFindings'));
  for (const f of result.caseFindings) lines.push(...formatFinding(f, t));
  if (s.byFinding.length > 0) {
    lines.push('', `== ${t('report:case.problemsByFinding')} ==`);
    for (const f of s.byFinding) lines.push(`  ${String(f.machines).padStart(6)}  [${t(`report:severityOne.${f.severity}`)}] ${f.title}  (${f.id})`);
  }
  lines.push('', `== ${t('report:case.machines')} (${result.machines.length}) ==`);
  const nameWidth = Math.min(32, Math.max(t('report:case.name').length, ...result.machines.map((m) => m.name.length)));
  const roleWidth = Math.max(...roles.map((r) => t(`report:role.${r}`).length));
  const verdictWidth = Math.max(t('report:case.verdict').length, ...verdictLevels.map((v) => t(`report:verdict.${v}`).length));
  lines.push(`  ${pad(t('report:case.name'), nameWidth)}  ${pad(t('report:case.role'), roleWidth)}  ${pad(t('report:case.verdict'), verdictWidth)}  ${t('report:case.top')}`);
  for (const m of result.machines) {
    lines.push(`  ${pad(m.name, nameWidth)}  ${pad(t(`report:role.${m.role}`), roleWidth)}  ${pad(t(`report:verdict.${m.verdict}`), verdictWidth)}  ${m.findings[0]?.id ?? '-'}  ${m.source}`);
  }
  if (result.machines.length <= maxDetailedMachines) {
    lines.push('', `== ${t('report:case.machineFindings')} ==`);
    for (const m of result.machines) {
      lines.push('', `-- ${m.name} (${t(`report:role.${m.role}`)}): ${t(`report:verdict.${m.verdict}`)} — ${m.source}`);
      if (m.findings.length === 0) lines.push(`  ${t('report:noFindings')}`);
      for (const f of m.findings) lines.push(...formatFinding(f, t).map((l) => (l === '' ? l : `  ${l}`)));
    }
  }
  return `${lines.join('\n')}\n`;
}
