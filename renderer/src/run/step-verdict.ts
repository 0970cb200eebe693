import { bundlePaths } from '../../../shared/bundle/manifest.js';
import type { Finding, RunStepStatus } from '../../../shared/contract/operations.js';

export interface StepVerdict {
  readonly status: RunStepStatus;
  /** The findings (problems and warnings) whose evidence comes from this step's output. */
  readonly findings: readonly Finding[];
}

const rank: Record<RunStepStatus, number> = { waiting: 0, running: 0, ok: 1, 'could-not-check': 2, warning: 3, problem: 4 };

/**
 * What a finished step's tick should say: not only that it ran, but what its output proved. A step
 * takes the worst severity of the findings whose evidence cites the file the step wrote (the evidence
 * source is the bundle path), so "Network checks" shows a problem on a client whose port is filtered.
 */
export function stepVerdict(stepId: string, ran: RunStepStatus, findings: readonly Finding[]): StepVerdict {
  if (ran === 'waiting' || ran === 'running' || !(stepId in bundlePaths)) return { status: ran, findings: [] };
  const file = bundlePaths[stepId as keyof typeof bundlePaths];
  const related = findings.filter((finding) => finding.severity !== 'info' && finding.evidence.some((item) => item.source === file));
  let status = ran;
  for (const finding of related) {
    const severity: RunStepStatus = finding.severity === 'problem' ? 'problem' : 'warning';
    if (rank[severity] > rank[status]) status = severity;
  }
  return { status, findings: related };
}
