import { useTranslation } from 'react-i18next';
import type { RunStepStatus, RunSummary } from '../../../shared/contract/operations.js';

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
