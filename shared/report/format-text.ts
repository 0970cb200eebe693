import { createTranslator, type Translator } from '../i18n/index.js';
import type { DiagnosisResult, Finding, FindingFix, Severity } from '../diagnose/types.js';
import { severities } from '../kms/severity.js';

const order: readonly Severity[] = severities;
/** Evidence longer than this (e.g. thirty machines sharing one CMID) is cut in the terminal; JSON and HTML keep it whole. */
const maxExcerptChars = 400;

/**
 * The human output of `kms-doctor analyze` (issue #15): the verdict first (root cause, or what works and
 * the checks that passed), the evidence that could not be collected, then the root cause with its fix and
 * the findings it explains named under it, then the other findings by severity, then the explained
 * findings in full. Commands on their own lines to copy, each with where it runs and in which shell.
 */
export function formatDiagnosisText(result: DiagnosisResult): string {
  const t = createTranslator(result.summary.lang);
  const lines: string[] = [];
  const s = result.summary;
  const v = result.verdict;
  lines.push(`${t('report:heading')} — ${t(`report:role.${result.role}`)}`);
  lines.push(`${t('report:verdictLabel')}: ${t(`report:verdictState.${v.state}`)} — ${v.summary}`);
  if (v.passed.length > 0) lines.push(`${t('report:checksPassed')}: ${v.passed.map((p) => p.name).join(', ')}`);
  if (result.gaps.length > 0) {
    lines.push(`${t('report:gaps')}:`);
    for (const g of result.gaps) {
      lines.push(`  - ${g.name} (${t(g.changesVerdict ? 'report:gapChanges' : 'report:gapNoChange')}): ${g.explanation}`);
      if (g.fix) lines.push(...formatFix(g.fix, t, '    ', '      '));
    }
  }
  lines.push(t('report:summaryLine', { problems: s.problems, warnings: s.warnings, info: s.info }));
  if (result.hostAnalysis?.windowEnd) {
    const h = result.hostAnalysis;
    lines.push(t('report:window', { start: h.windowStart ?? '', end: h.windowEnd ?? '', source: t(`report:windowSource.${h.windowEndSource}`) }));
  }
  const root = v.rootCause === null ? null : (result.findings.find((f) => f.id === v.rootCause && f.explainedBy === undefined) ?? null);
  const explained = result.findings.filter((f) => f.explainedBy !== undefined);
  if (root) {
    lines.push('', `== ${t('report:rootCause')} ==`, ...formatFinding(root, t));
    if (explained.length > 0) {
      lines.push(`  ${t('report:explains')}:`);
      for (const f of explained) lines.push(`    - [${t(`report:severityOne.${f.severity}`)}] ${f.title}  (${f.id})`);
    }
  }
  const rest = result.findings.filter((f) => f !== root && f.explainedBy === undefined);
  for (const severity of order) {
    const group = rest.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `== ${t(`report:severity.${severity}`)} (${group.length}) ==`);
    group.forEach((f) => lines.push(...formatFinding(f, t)));
  }
  if (explained.length > 0) {
    lines.push('', `== ${t('report:explainedSection')} (${explained.length}) ==`);
    explained.forEach((f) => lines.push(...formatFinding(f, t)));
  }
  if (result.findings.length === 0) lines.push('', t('report:noFindings'));
  return `${lines.join('\n')}\n`;
}

function formatFix(fix: FindingFix, t: Translator, textIndent: string, indent: string): string[] {
  const out = [`${textIndent}- ${fix.text}`];
  if (fix.command) {
    const where = [fix.runOn ? t(`report:runOn.${fix.runOn}`) : null, fix.shell ? t(`report:shell.${fix.shell}`) : null].filter((x) => x !== null).join(', ');
    if (where) out.push(`${indent}[${where}]`);
    out.push(`${indent}${fix.command}`);
  }
  if (fix.caution) out.push(`${indent}${t('report:caution')}: ${fix.caution}`);
  return out;
}

/** One finding as text (also used by the case report). */
export function formatFinding(f: Finding, t: Translator): string[] {
  const out = ['', `[${t(`report:severityOne.${f.severity}`)}] ${f.title}  (${f.id})`, `  ${f.explanation}`];
  if (f.evidence.length > 0) {
    out.push(`  ${t('report:evidence')}:`);
    for (const e of f.evidence) {
      const excerpt = e.excerpt.length > maxExcerptChars ? `${e.excerpt.slice(0, maxExcerptChars)}${t('report:excerptCut', { count: e.excerpt.length - maxExcerptChars })}` : e.excerpt;
      out.push(`    ${e.source}: ${excerpt}`);
    }
  }
  if (f.fixes.length > 0) {
    out.push(`  ${t('report:fix')}:`);
    for (const fix of f.fixes) out.push(...formatFix(fix, t, '    ', '        '));
  }
  if (f.docs.length > 0) out.push(`  ${t('report:docs')}: ${f.docs.join(' ')}`);
  return out;
}
