import { useTranslation } from 'react-i18next';
import type { Finding } from '../../../shared/contract/operations.js';
import { useApi } from '../api-context.js';
import type { Navigate } from '../app.js';
import { SeverityBadge } from '../components/status-text.js';
import { formatDateTime } from '../format.js';
import { compareRuns } from '../history/compare-runs.js';
import { useLanguage } from '../use-language.js';
import { useAsync } from './use-async.js';

/** Compares two runs: which findings appeared, disappeared, or are still present. */
export function CompareScreen({ olderRunId, newerRunId, navigate }: { olderRunId: string; newerRunId: string; navigate: Navigate }) {
  const { t } = useTranslation();
  const api = useApi();
  const language = useLanguage();
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
          {findings.map((finding) => (
            <li key={finding.id}>
              <SeverityBadge severity={finding.severity} /> {finding.title} <code className="muted">{finding.id}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <section aria-labelledby="compare-heading" className="screen compare-screen">
      <h2 id="compare-heading" tabIndex={-1}>
        {t('compare.heading')}
      </h2>
      {runs.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {runs.status === 'error' && (
        <p role="alert" className="notice notice-problem">
          {t('app.error', { message: runs.message })}
        </p>
      )}
      {runs.status === 'ready' &&
        (() => {
          const [older, newer] = runs.value;
          const diff = compareRuns(older.findings, newer.findings);
          return (
            <>
              <p>{t('compare.older', { date: formatDateTime(older.summary.startedAt, language) })}</p>
              <p>{t('compare.newer', { date: formatDateTime(newer.summary.startedAt, language) })}</p>
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
