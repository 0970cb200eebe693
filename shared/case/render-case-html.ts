/**
 * The case report as one self-contained HTML page: the same summary first as the terminal (verdicts,
 * case findings, machines per finding), then the machine table sorted by problem, then each machine's
 * findings collapsed. Same style and CSP as the single-machine report.
 */
import { createTranslator } from '../i18n/index.js';
import { escapeHtml as esc, findingHtml, reportDocumentStart } from '../report/render-html.js';
import type { CaseResult } from './case-report.js';

/** Machines whose findings are written out in full; a larger fleet lists the first finding per machine only. */
const maxDetailedMachines = 500;

export function renderCaseHtml(result: CaseResult, toolVersion: string): string {
  const s = result.summary;
  const t = createTranslator(s.lang);
  const caseFindings = result.caseFindings.length > 0 ? result.caseFindings.map((f) => findingHtml(f, t)).join('\n') : `<p>${esc(t('report:case.noCaseFindings'))}</p>`;
  const byFinding = s.byFinding.length === 0 ? '' : `<h2>${esc(t('report:case.problemsByFinding'))}</h2>
<table><tr><th>${esc(t('report:machines'))}</th><th>${esc(t('report:case.top'))}</th></tr>
${s.byFinding.map((f) => `<tr><td class="num">${f.machines}</td><td><span class="badge ${f.severity}">${esc(t(`report:severityOne.${f.severity}`))}</span>${esc(f.title)} <span class="id">${esc(f.id)}</span></td></tr>`).join('\n')}</table>`;
  const rows = result.machines
    .map((m, i) => `<tr><td>${esc(m.name)}</td><td>${esc(t(`report:role.${m.role}`))}</td><td><span class="verdict ${m.verdict}">${esc(t(`report:verdict.${m.verdict}`))}</span></td><td>${m.findings[0] ? `${i < maxDetailedMachines ? `<a href="#m${i}">` : ''}${esc(m.findings[0].title)}${i < maxDetailedMachines ? '</a>' : ''} <span class="id">${esc(m.findings[0].id)}</span>` : ''}</td><td class="src">${esc(m.source)}</td></tr>`)
    .join('\n');
  const details = result.machines
    .slice(0, maxDetailedMachines)
    .map((m, i) => `<details id="m${i}"><summary>${esc(m.name)} — ${esc(t(`report:verdict.${m.verdict}`))} (${m.findings.length})</summary>${m.findings.map((f) => findingHtml(f, t)).join('\n') || `<p>${esc(t('report:noFindings'))}</p>`}</details>`)
    .join('\n');
  return `${reportDocumentStart(s.lang, t('report:case.heading'))}
<h1>${esc(t('report:case.heading'))}</h1>
<p><span class="verdict ${s.verdict}">${esc(t(`report:verdict.${s.verdict}`))}</span> <span class="meta">${esc(t('report:case.summary', { machines: s.machines, ...s.verdicts }))}</span></p>
<section id="case"><h2>${esc(t('report:case.caseFindings'))} (${result.caseFindings.length})</h2>
${caseFindings}</section>
${byFinding}
<section id="machines"><h2>${esc(t('report:case.machines'))} (${result.machines.length})</h2>
<table><tr><th>${esc(t('report:case.name'))}</th><th>${esc(t('report:case.role'))}</th><th>${esc(t('report:case.verdict'))}</th><th>${esc(t('report:case.top'))}</th><th>${esc(t('report:case.source'))}</th></tr>
${rows}</table></section>
<section id="details"><h2>${esc(t('report:case.machineFindings'))}</h2>
${details}</section>
<footer>${esc(t('report:generatedBy', { version: toolVersion }))}</footer>
</main></body></html>
`;
}
