import { causalOrder, type FindingId, type Severity } from '../kms/findings.js';
import { compareSeverity } from '../kms/severity.js';
import type { FindingDraft } from './types.js';


/**
 * Orders findings root cause first (issue #5 "Ranking"): problems, then warnings, then info; within a
 * severity by the catalog's causal order (a cause before its consequence, a specific diagnosis before
 * the generic one). Then a generic finding about an HRESULT that another finding of the same severity
 * explains is moved right after the last such explanation.
 */
export function rankDrafts(drafts: readonly (FindingDraft & { readonly severity: Severity })[]): Array<FindingDraft & { readonly severity: Severity }> {
  const order = (id: FindingId): number => {
    const i = causalOrder.indexOf(id);
    return i === -1 ? causalOrder.length : i;
  };
  const sorted = drafts
    .map((d, index) => ({ d, index }))
    .sort((a, b) => compareSeverity(a.d.severity, b.d.severity) || order(a.d.id) - order(b.d.id) || a.index - b.index)
    .map((x) => x.d);
  // Stable pass: a finding "about" a code goes after every same-severity finding that "explains" it.
  const result = [...sorted];
  for (const d of sorted) {
    if (!d.about) continue;
    const code = d.about.toUpperCase();
    const from = result.indexOf(d);
    let lastExplainer = -1;
    result.forEach((other, i) => {
      if (other !== d && other.severity === d.severity && other.explains?.some((e) => e.toUpperCase() === code)) lastExplainer = i;
    });
    if (lastExplainer > from) {
      result.splice(from, 1);
      result.splice(lastExplainer, 0, d);
    }
  }
  return result;
}
