import { useTranslation } from 'react-i18next';
import { AsyncStatus } from '../components/async-status.js';
import type { Finding, RunDetail } from '../../../shared/contract/operations.js';
import { useApi } from '../api-context.js';
import type { Navigate } from '../navigation.js';
import { SeverityBadge } from '../components/status-text.js';
import { useFocusHeading } from '../components/use-focus-heading.js';
import { formatDateTime } from '../format.js';
import { compareRuns, differentMachines } from '../history/compare-runs.js';
import { useLanguage } from '../use-language.js';
import { useAsync } from './use-async.js';

/** Compares two runs: which findings appeared, disappeared, or are still present; warns across machines. */
export function CompareScreen({ olderRunId, newerRunId, navigate }: { olderRunId: string; newerRunId: string; navigate: Navigate }) {
  const { t } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const heading = useFocusHeading<HTMLHeadingElement>();
  const runs = useAsync(
    () => Promise.all([api['run.get']({ runId: olderRunId, lang: language }), api['run.get']({ runId: newerRunId, lang: language })]),
    [api, olderRunId, newerRunId, language],
  );

  const list = (id: string, heading: string, findings: readonly Finding[]) => (
    <section aria-labelledby={id} data-testid={id}>
      <h3 id={id}>{heading}</h3>
      {findings.length === 0 ? (
        <p>{t('compare.nothing')}</p>
      ) : (
        <ul>
          {findings.map((finding, index) => (
            <li key={`${finding.id}-${index}`}>
              <SeverityBadge severity={finding.severity} /> {finding.title}
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  const machineOf = (detail: RunDetail) => detail.summary.machine ?? t('history.unknownMachine');

  return (
    <section aria-labelledby="compare-heading" className="screen compare-screen">
      <h2 id="compare-heading" tabIndex={-1} ref={heading}>
        {t('compare.heading')}
      </h2>
      <AsyncStatus state={runs} />
      {runs.status === 'ready' &&
        (() => {
          const [older, newer] = runs.value;
          const diff = compareRuns(older.findings, newer.findings);
          const across = differentMachines(older.summary, newer.summary);
          return (
            <>
              <p data-testid="compare-older">{t('compare.olderOf', { date: formatDateTime(older.summary.startedAt, language), machine: machineOf(older) })}</p>
              <p data-testid="compare-newer">{t('compare.newerOf', { date: formatDateTime(newer.summary.startedAt, language), machine: machineOf(newer) })}</p>
              {across && (
                <p role="note" className="notice notice-warning" data-testid="compare-across">
                  {t('compare.acrossMachines', { older: machineOf(older), newer: machineOf(newer) })}
                </p>
              )}
              {list('compare-appeared', t('compare.appeared'), diff.appeared)}
              {list('compare-disappeared', t('compare.disappeared'), diff.disappeared)}
              {list('compare-unchanged', t('compare.unchanged'), diff.unchanged)}
            </>
          );
        })()}
      <div className="actions">
        <button type="button" onClick={() => navigate({ name: 'history' })}>
          {t('compare.back')}
        </button>
      </div>
    </section>
  );
}
