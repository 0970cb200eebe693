import { useTranslation } from 'react-i18next';
import type { StepSummary } from '../../../shared/contract/operations.js';

/**
 * A step's summary in the UI language. What the machine itself said (an OS error, a file path) is shown
 * verbatim as code: it is evidence, not our text, so it is never translated or reworded.
 */
export function StepSummaryText({ summary, fallback }: { summary: StepSummary | null | undefined; fallback: string | null }) {
  const { t } = useTranslation();
  if (summary === null || summary === undefined) return fallback === null ? null : <code className="step-summary">{fallback}</code>;
  switch (summary.code) {
    case 'ok':
    case 'exported':
      return <span className="step-summary">{t(`stepSummary.${summary.code}`)}</span>;
    case 'events':
      return (
        <span className="step-summary">
          {t('stepSummary.events', { count: summary.count })}
          {summary.cap !== null && summary.cap !== undefined && ` ${t('stepSummary.capReached', { cap: summary.cap })}`}
          {summary.skipped !== undefined && ` ${t('stepSummary.skipped', { count: summary.skipped })}`}
          {summary.stopCode === 'timeout' && ` ${t('stepSummary.stoppedTimeout')}`}
          {summary.stopCode === 'process-error' && ` ${t('stepSummary.stoppedProcessError', { exitCode: summary.exitCode ?? '' })}`}
          {summary.stopCode === undefined && summary.incomplete !== null && summary.incomplete !== undefined && (
            <>
              {' '}
              {t('stepSummary.incomplete')} <code>{summary.incomplete}</code>
            </>
          )}
        </span>
      );
    case 'lines':
    case 'products':
      return <span className="step-summary">{t(`stepSummary.${summary.code}`, { count: summary.count })}</span>;
    case 'probes':
      return <span className="step-summary">{t('stepSummary.probes', { lookups: summary.lookups, hosts: summary.hosts })}</span>;
    case 'role':
      return <span className="step-summary">{t(summary.chosen ? 'stepSummary.roleChosen' : 'stepSummary.roleDetected', { role: t(`roles.${summary.role}`) })}</span>;
    case 'file':
      return (
        <span className="step-summary">
          {t('stepSummary.file')} <code>{summary.path}</code>
        </span>
      );
    case 'not-present':
    case 'failed':
      return (
        <span className="step-summary">
          {t(summary.code === 'failed' ? 'stepSummary.failed' : 'stepSummary.notPresent')} <code>{summary.detail}</code>
        </span>
      );
  }
}
