import { useTranslation } from 'react-i18next';
import type { CaseSummary, RunStepStatus, RunSummary } from '../../../shared/contract/operations.js';

const symbols: Record<RunStepStatus, string> = {
  waiting: '○',
  running: '◔',
  ok: '✓',
  warning: '!',
  problem: '✕',
  'could-not-check': '?',
};

/** A step status as symbol + word (never colour alone). */
export function StepStatusText({ status }: { status: RunStepStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true" className="status-symbol">
        {symbols[status]}
      </span>{' '}
      {t(`stepStatus.${status}`)}
    </span>
  );
}

/** A severity badge as word and colour. */
export function SeverityBadge({ severity }: { severity: RunSummary['worstSeverity'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${severity}`}>{t(`severity.${severity}`)}</span>;
}

type CaseVerdict = CaseSummary['verdict'];
const caseVerdictBadges: Readonly<Record<CaseVerdict, 'problem' | 'warning' | 'none'>> = { problem: 'problem', warning: 'warning', ok: 'none' };

/** A case's or a machine's verdict as word and colour (a healthy one in the plain badge). */
export function CaseVerdictBadge({ verdict }: { verdict: CaseVerdict }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${caseVerdictBadges[verdict]}`}>{t(`case.verdict.${verdict}`)}</span>;
}
