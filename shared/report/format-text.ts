import { createTranslator } from '../i18n/index.js';
import type { DiagnosisResult, Finding, Severity } from '../diagnose/types.js';
import { severities } from '../kms/severity.js';

const order: readonly Severity[] = severities;
/** Evidence longer than this (e.g. thirty machines sharing one CMID) is cut in the terminal; JSON and HTML keep it whole. */
const maxExcerptChars = 400;

/**
 * The human output of `kms-doctor analyze`: a verdict line, then findings grouped by severity, each with
 * its explanation, the evidence that proves it and the fixes (commands on their own lines to copy).
 */
export function formatDiagnosisText(result: DiagnosisResult): string {
  const t = createTranslator(result.summary.lang);
  const lines: string[] = [];
  const s = result.summary;
  lines.push(`${t('report:heading')} — ${t(`report:role.${result.role}`)}: ${t(`report:verdict.${s.verdict}`)}`);
  lines.push(t('report:summaryLine', { problems: s.problems, warnings: s.warnings, info: s.info }));
  if (result.hostAnalysis?.windowEnd) {
    const h = result.hostAnalysis;
    lines.push(t('report:window', { start: h.windowStart ?? '', end: h.windowEnd ?? '', source: t(`report:windowSource.${h.windowEndSource}`) }));
  }
  for (const severity of order) {
    const group = result.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `== ${t(`report:severity.${severity}`)} (${group.length}) ==`);
    group.forEach((f) => lines.push(...formatFinding(f, t)));
  }
  if (result.findings.length === 0) lines.push('', t('report:noFindings'));
  return `${lines.join('\n')}\n`;
}

export function formatFinding(f: Finding, t: ReturnType<typeof createTranslator>): string[] {
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
    for (const fix of f.fixes) {
      out.push(`    - ${fix.text}`);
      if (fix.command) out.push(`        ${fix.command}`);
    }
  }
  if (f.docs.length > 0) out.push(`  ${t('report:docs')}: ${f.docs.join(' ')}`);
  return out;
}
