/**
 * How serious a finding is, and the worst of a run's findings, defined once: the ranking, the diagnosis
 * summary, the history store and the contract all use these.
 */

/** Most serious first: the ranking and `worstSeverity` follow this order. */
export const severities = ['problem', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];

/** A run's worst finding, `none` when it has none. */
export const worstSeverities = [...severities, 'none'] as const;
export type WorstSeverity = (typeof worstSeverities)[number];

/** How a run, a machine or a case reads at a glance: its worst finding, information counting as ok. */
export const verdictLevels = ['problem', 'warning', 'ok'] as const;
export type VerdictLevel = (typeof verdictLevels)[number];

/** The verdict level of a worst severity. */
export function verdictLevelOf(worst: WorstSeverity): VerdictLevel {
  return worst === 'problem' || worst === 'warning' ? worst : 'ok';
}

/** Negative when `a` is more serious than `b` (a sort comparator); unknown strings rank after every severity. */
export function compareSeverity(a: string, b: string): number {
  const rank = (s: string): number => {
    const index = (severities as readonly string[]).indexOf(s);
    return index === -1 ? severities.length : index;
  };
  return rank(a) - rank(b);
}

/** The most serious of the given severities, `none` for none (strings that are not a severity are ignored). */
export function worstSeverity(list: Iterable<string>): WorstSeverity {
  let worst: WorstSeverity = 'none';
  for (const severity of list) {
    if ((severities as readonly string[]).includes(severity) && compareSeverity(severity, worst) < 0) worst = severity as Severity;
  }
  return worst;
}
