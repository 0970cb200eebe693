import type { BundleManifest } from '../bundle/manifest.js';
import type { RawSource } from '../diagnose/evidence.js';
import type { HostAnalysis } from '../diagnose/host-events.js';
import type { ClientAnalysisSummary, DiagnosisResult, Finding, FindingFix } from '../diagnose/types.js';
import { createTranslator, type Translator } from '../i18n/index.js';
import { severities } from '../kms/severity.js';

export interface HtmlReportInput {
  readonly result: DiagnosisResult;
  readonly manifest?: BundleManifest | null;
  /** Raw outputs, shown collapsed at the end. */
  readonly rawSources?: readonly RawSource[];
  readonly toolVersion: string;
}

const esc = (value: unknown): string =>
  String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// Inline only: the report must open offline and the CSP below forbids everything but inline style.
const css = `
:root{--problem:#b3261e;--warning:#8a5a00;--info:#1f5fa8;--ok:#1e7b34;--line:#d0d4da;--muted:#5b6470}
*{box-sizing:border-box}body{font:14px/1.5 "Segoe UI",system-ui,-apple-system,"Hiragino Sans","Microsoft JhengHei","Noto Sans CJK JP",sans-serif;margin:0;color:#1b1f24;background:#fff}
main{max-width:1000px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:0 0 6px}
.meta{color:var(--muted);margin:0 0 12px}.meta span{margin-right:16px}
.verdict{display:inline-block;padding:6px 12px;border-radius:6px;color:#fff;font-weight:600}
.verdict.problem{background:var(--problem)}.verdict.warning{background:var(--warning)}.verdict.ok,.verdict.healthy{background:var(--ok)}.verdict.unknown{background:var(--muted)}
#verdict{border:2px solid var(--line);border-radius:8px;padding:12px 16px;margin:12px 0}#verdict .summary{font-size:16px;margin:8px 0}
.where{font-size:12px;color:var(--muted);margin-top:4px}.caution{color:var(--warning);font-weight:600;margin:2px 0}
.explains{margin:8px 0 0}.gap.changes{color:var(--warning)}
.finding{border:1px solid var(--line);border-left:6px solid var(--info);border-radius:6px;padding:12px 16px;margin:12px 0;break-inside:avoid}
.finding.problem{border-left-color:var(--problem)}.finding.warning{border-left-color:var(--warning)}
.badge{font-size:12px;font-weight:600;text-transform:uppercase;margin-right:8px}.problem .badge{color:var(--problem)}.warning .badge{color:var(--warning)}.info .badge{color:var(--info)}
.id{font:12px ui-monospace,Consolas,monospace;color:var(--muted)}
.label{font-weight:600;margin:8px 0 2px}
pre,code{font:12.5px/1.45 ui-monospace,Consolas,"MS Gothic",monospace}
pre{background:#f5f6f8;border:1px solid var(--line);border-radius:4px;padding:6px 8px;margin:2px 0;white-space:pre-wrap;word-break:break-all}
.src{color:var(--muted);font-size:12px}
ul{margin:2px 0;padding-left:20px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:#f5f6f8}
td.num{text-align:right}
details{border:1px solid var(--line);border-radius:4px;margin:6px 0;padding:4px 8px}summary{cursor:pointer;font-weight:600}
svg text{font:11px system-ui,sans-serif;fill:#1b1f24}
footer{color:var(--muted);font-size:12px;margin-top:32px}
.nm{display:block}
@page{margin:15mm 12mm}
@media print{body{font-size:10pt}main{max-width:none;padding:0}a{color:inherit;text-decoration:none}h2,h3{break-after:avoid}.finding,tr{break-inside:avoid}th,td{padding:2px 4px}table{font-size:9pt}pre{background:#fff;max-height:none}details::details-content{content-visibility:visible}summary{list-style:none}.nm{display:inline}.nm+.nm::before{content:", "}}
`;

/** A fix step: the text, then where the command runs and in which shell, the command, and any caution. */
function fixHtml(x: FindingFix, t: Translator): string {
  const where = [x.runOn ? t(`report:runOn.${x.runOn}`) : null, x.shell ? t(`report:shell.${x.shell}`) : null].filter((w) => w !== null).join(' · ');
  return `<li>${esc(x.text)}${x.command ? `${where ? `<div class="where">${esc(where)}</div>` : ''}<pre><code>${esc(x.command)}</code></pre>` : ''}${x.caution ? `<p class="caution">${esc(t('report:caution'))}: ${esc(x.caution)}</p>` : ''}</li>`;
}

/** The verdict block: state, summary, what works, checks passed, and the evidence that could not be collected. */
function verdictHtml(result: DiagnosisResult, t: Translator): string {
  const v = result.verdict;
  const gaps = result.gaps.length === 0 ? '' : `<div class="label">${esc(t('report:gaps'))}</div><ul>${result.gaps
    .map((g) => `<li class="gap${g.changesVerdict ? ' changes' : ''}"><strong>${esc(g.name)}</strong> (${esc(t(g.changesVerdict ? 'report:gapChanges' : 'report:gapNoChange'))}): ${esc(g.explanation)}${g.fix ? `<ul>${fixHtml(g.fix, t)}</ul>` : ''}</li>`)
    .join('')}</ul>`;
  return `<section id="verdict" class="${esc(v.state)}"><h2>${esc(t('report:verdictLabel'))}</h2>
<p><span class="verdict ${esc(v.state)}">${esc(t(`report:verdictState.${v.state}`))}</span></p>
<p class="summary">${esc(v.summary)}</p>
${v.passed.length ? `<div class="label">${esc(t('report:checksPassed'))}</div><ul>${v.passed.map((p) => `<li>${esc(p.name)}</li>`).join('')}</ul>` : ''}
${gaps}</section>`;
}

function finding(f: Finding, t: Translator): string {
  return `<article class="finding ${f.severity}" id="${esc(f.id)}">
<h3><span class="badge">${esc(t(`report:severityOne.${f.severity}`))}</span>${esc(f.title)}</h3>
<div class="id">${esc(f.id)}</div>
<p>${esc(f.explanation)}</p>
${f.evidence.length ? `<div class="label">${esc(t('report:evidence'))}</div>${f.evidence.map((e) => `<div class="src">${esc(e.source)}</div><pre>${esc(e.excerpt)}</pre>`).join('')}` : ''}
${f.fixes.length ? `<div class="label">${esc(t('report:fix'))}</div><ul>${f.fixes.map((x) => fixHtml(x, t)).join('')}</ul>` : ''}
${f.docs.length ? `<div class="label">${esc(t('report:docs'))}</div><ul>${f.docs.map((d) => `<li><a href="${esc(d)}">${esc(d)}</a></li>`).join('')}</ul>` : ''}
</article>`;
}

/** Requests per day as a static SVG bar chart (total bars, failed part in red); no script, no fonts to fetch. */
export function requestsChartSvg(days: HostAnalysis['requestsPerDay'], label: { title: string; failed: string }): string {
  const width = 900;
  const height = 220;
  const left = 44;
  const bottom = 40;
  const plotH = height - bottom - 16;
  const max = Math.max(1, ...days.map((d) => d.total));
  const slot = days.length === 0 ? 0 : (width - left - 8) / days.length;
  const bar = Math.max(1, slot * 0.8);
  const y = (v: number): number => 16 + plotH - (v / max) * plotH;
  const bars = days.map((d, i) => {
    const x = left + i * slot + (slot - bar) / 2;
    const tip = `${d.day}: ${d.total} (${label.failed} ${d.failed})`;
    return `<g><title>${esc(tip)}</title><rect x="${x.toFixed(1)}" y="${y(d.total).toFixed(1)}" width="${bar.toFixed(1)}" height="${(16 + plotH - y(d.total)).toFixed(1)}" fill="#1f5fa8"/>` +
      (d.failed > 0 ? `<rect x="${x.toFixed(1)}" y="${y(d.failed).toFixed(1)}" width="${bar.toFixed(1)}" height="${(16 + plotH - y(d.failed)).toFixed(1)}" fill="#b3261e"/>` : '') + '</g>';
  });
  const every = Math.max(1, Math.ceil(days.length / 10));
  const ticks = days.map((d, i) => (i % every === 0 ? `<text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${height - bottom + 14}" text-anchor="middle">${esc(d.day.slice(5))}</text>` : '')).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(label.title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">
<line x1="${left}" y1="${16 + plotH}" x2="${width - 4}" y2="${16 + plotH}" stroke="#5b6470"/>
<text x="${left - 6}" y="${y(max) + 4}" text-anchor="end">${max}</text><text x="${left - 6}" y="${16 + plotH + 4}" text-anchor="end">0</text>
${bars.join('')}${ticks}</svg>`;
}

function hostSection(h: HostAnalysis, t: Translator): string {
  const when = (iso: string): string => esc(iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
  const families = h.families.length === 0 ? '' : `<h3>${esc(t('report:families'))}</h3><table><tr><th></th><th>${esc(t('report:clients'))}</th><th>${esc(t('report:has'))}</th><th>${esc(t('report:needs'))}</th><th></th></tr>${h.families
    .map((f) => `<tr><td>${esc(t(`report:family.${f.family}`))}</td><td class="num">${f.clients}</td><td class="num">${f.has}</td><td class="num">${f.needs}</td><td>${esc(f.met ? t('report:met') : t('report:notMet'))}</td></tr>`)
    .join('')}</table>`;
  const dups = h.duplicateCmids.length === 0 ? '' : `<h3>${esc(t('report:duplicates'))} (${h.duplicateCmids.length})</h3><table><tr><th>CMID</th><th>${esc(t('report:names'))}</th><th>${esc(t('report:firstSeen'))}</th><th>${esc(t('report:lastSeen'))}</th></tr>${h.duplicateCmids
    .slice(0, 200)
    .map((d) => `<tr><td><code>${esc(d.cmid)}</code></td><td>${d.names.map((n) => `<span class="nm">${esc(n.name)} (${n.requests})</span>`).join('')}</td><td>${when(d.first)}</td><td>${when(d.last)}</td></tr>`)
    .join('')}</table>`;
  const failures = h.failures.length === 0 ? '' : `<h3>${esc(t('report:failures'))}</h3><table><tr><th>HRESULT</th><th>${esc(t('report:requests'))}</th><th>${esc(t('report:machines'))}</th><th>${esc(t('report:firstSeen'))}</th><th>${esc(t('report:lastSeen'))}</th></tr>${h.failures
    .map((f) => `<tr><td><code>${esc(f.hresult)}</code></td><td class="num">${f.requests}</td><td>${esc(f.machines.slice(0, 30).join(', '))}${f.machines.length > 30 ? ` (+${f.machines.length - 30})` : ''}</td><td>${when(f.first)}</td><td>${when(f.last)}</td></tr>`)
    .join('')}</table>`;
  const expiring = h.expiringSoon.length === 0 ? '' : `<h3>${esc(t('report:expiring'))} (${h.expiringSoon.length})</h3><table><tr><th>${esc(t('report:names'))}</th><th>CMID</th><th></th></tr>${h.expiringSoon
    .slice(0, 100)
    .map((e) => `<tr><td>${esc(e.clientName)}</td><td><code>${esc(e.cmid)}</code></td><td>${when(e.expiresAt)}</td></tr>`)
    .join('')}</table>`;
  return `<section id="host-analysis"><h2>${esc(t('report:hostAnalysis'))}</h2>
<p class="meta">${esc(t('report:window', { start: h.windowStart === null ? '?' : when(h.windowStart), end: h.windowEnd === null ? '?' : when(h.windowEnd), source: t(`report:windowSource.${h.windowEndSource}`) }))}</p>
<p class="meta">${esc(t('report:vmShare', { vm: h.vm.vmClients, total: h.vm.clients }))}</p>
<h3>${esc(t('report:requestsPerDay'))}</h3>${requestsChartSvg(h.requestsPerDay, { title: t('report:requestsPerDay'), failed: t('report:failedRequests') })}
${families}${dups}${failures}${expiring}</section>`;
}

function clientSection(c: ClientAnalysisSummary, t: Translator): string {
  if (c.timeline.length === 0) return '';
  return `<section id="client-analysis"><h2>${esc(t('report:clientAnalysis'))}</h2><table><tr><th></th><th>KMS</th><th>HRESULT</th><th></th><th>${esc(t('report:has'))}</th></tr>${c.timeline
    .slice(-100)
    .map((r) => `<tr><td>${esc(r.time ?? '')}</td><td>${esc(r.host ?? '')}</td><td><code>${esc(r.hresult ?? '')}</code></td><td>${esc(r.answered ? t('report:answered') : t('report:unanswered'))}</td><td class="num">${r.count ?? ''}</td></tr>`)
    .join('')}</table></section>`;
}

/**
 * The report's document up to <main>: offline and inert (the CSP allows no script and no network, only its
 * inline styles and data: images), in the report's language. Every report page starts with it.
 */
function documentStart(lang: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${css}</style>
</head>
<body><main>`;
}

/**
 * The self-contained HTML report (issue #5 §6): one file, inline CSS, no script, no network (a CSP that
 * forbids every fetch), static SVG charts, raw outputs collapsed, in the diagnosis's language.
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { result } = input;
  const lang = result.summary.lang;
  const t = createTranslator(lang);
  const m = input.manifest ?? null;
  const s = result.summary;
  const root = result.verdict.rootCause === null ? null : (result.findings.find((f) => f.id === result.verdict.rootCause && f.explainedBy === undefined) ?? null);
  const explained = result.findings.filter((f) => f.explainedBy !== undefined);
  const rootSection = root
    ? `<section id="root-cause" class="group ${root.severity}"><h2>${esc(t('report:rootCause'))}</h2>${finding(root, t)}${explained.length ? `<div class="explains"><div class="label">${esc(t('report:explains'))}</div><ul>${explained.map((f) => `<li><a href="#${esc(f.id)}">${esc(f.title)}</a> <span class="id">${esc(f.id)}</span></li>`).join('')}</ul></div>` : ''}</section>`
    : '';
  const explainedSection = explained.length ? `<section class="group explained"><h2>${esc(t('report:explainedSection'))} (${explained.length})</h2>${explained.map((f) => finding(f, t)).join('\n')}</section>` : '';
  const groups = severities
    .map((sev) => {
      const list = result.findings.filter((f) => f.severity === sev && f !== root && f.explainedBy === undefined);
      return list.length === 0 ? '' : `<section class="group ${sev}"><h2>${esc(t(`report:severity.${sev}`))} (${list.length})</h2>${list.map((f) => finding(f, t)).join('\n')}</section>`;
    })
    .join('\n');
  const raws = (input.rawSources ?? []).map((r) => `<details><summary>${esc(r.path)}${r.truncated ? ` ${esc(t('report:truncated'))}` : ''}</summary><pre>${esc(r.text)}</pre></details>`).join('\n');
  return `${documentStart(lang, `${t('report:heading')}${m?.machine.name ? ` — ${m.machine.name}` : ''}`)}
<h1>${esc(t('report:heading'))}</h1>
<p class="meta">${m?.machine.name ? `<span>${esc(t('report:machine'))}: ${esc(m.machine.name)}</span>` : ''}${m?.machine.os ? `<span>${esc(m.machine.os)}${m.machine.build ? ` (${esc(m.machine.build)})` : ''}</span>` : ''}${m?.created ? `<span>${esc(t('report:collected'))}: ${esc(m.created)}</span>` : ''}<span>${esc(t('report:analysed'))}: ${esc(t(`report:role.${result.role}`))}</span></p>
${verdictHtml(result, t)}
<p class="meta">${esc(t('report:summaryLine', { problems: s.problems, warnings: s.warnings, info: s.info }))}</p>
${rootSection}
${groups}${explainedSection}${result.findings.length === 0 ? `<p>${esc(t('report:noFindings'))}</p>` : ''}
${result.hostAnalysis ? hostSection(result.hostAnalysis, t) : ''}
${result.clientAnalysis ? clientSection(result.clientAnalysis, t) : ''}
${raws ? `<section id="raw"><h2>${esc(t('report:rawOutputs'))}</h2>${raws}</section>` : ''}
<footer>${esc(t('report:generatedBy', { version: input.toolVersion }))}</footer>
</main></body></html>
`;
}

// The case report (shared/case/render-case-html.ts) shows the same findings with the same style.
export { documentStart as reportDocumentStart, esc as escapeHtml, finding as findingHtml };
