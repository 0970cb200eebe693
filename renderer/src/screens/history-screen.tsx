import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api-context.js';
import type { Navigate } from '../app.js';
import { SeverityBadge } from '../components/status-text.js';
import { formatDateTime } from '../format.js';
import { useLanguage } from '../use-language.js';
import { useAsync } from './use-async.js';

/** History: past runs with date, role, machine, worst severity; reopen, compare two, export again. */
export function HistoryScreen({ navigate }: { navigate: Navigate }) {
  const { t } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const history = useAsync(() => api['history.list']({}), [api]);
  const [selected, setSelected] = useState<readonly string[]>([]);

  const toggle = (runId: string) =>
    setSelected((current) => (current.includes(runId) ? current.filter((id) => id !== runId) : [...current, runId].slice(-2)));

  const compare = () => {
    if (history.status !== 'ready' || selected.length !== 2) return;
    const runs = history.value.runs.filter((run) => selected.includes(run.runId)).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const [older, newer] = runs;
    if (older !== undefined && newer !== undefined) navigate({ name: 'compare', olderRunId: older.runId, newerRunId: newer.runId });
  };

  return (
    <section aria-labelledby="history-heading" className="screen history-screen">
      <h2 id="history-heading" tabIndex={-1}>
        {t('history.heading')}
      </h2>
      {history.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {history.status === 'error' && (
        <p role="alert" className="notice notice-problem">
          {t('app.error', { message: history.message })}
        </p>
      )}
      {history.status === 'ready' && history.value.runs.length === 0 && <p>{t('history.none')}</p>}
      {history.status === 'ready' && history.value.runs.length > 0 && (
        <>
          <table className="history" data-testid="history-table">
            <caption>{t('history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.colSelect')}</th>
                <th scope="col">{t('history.colDate')}</th>
                <th scope="col">{t('history.colRole')}</th>
                <th scope="col">{t('history.colMachine')}</th>
                <th scope="col">{t('history.colWorst')}</th>
                <th scope="col">{t('history.colStatus')}</th>
                <th scope="col">{t('history.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {history.value.runs.map((run) => {
                const date = formatDateTime(run.startedAt, language);
                return (
                  <tr key={run.runId} data-testid={`history-${run.runId}`}>
                    <td>
                      <input type="checkbox" checked={selected.includes(run.runId)} onChange={() => toggle(run.runId)} aria-label={t('history.selectRun', { date })} />
                    </td>
                    <td>
                      <time dateTime={run.startedAt}>{date}</time>
                    </td>
                    <td>{t(`roles.${run.role}`)}</td>
                    <td>
                      {run.machine ?? t('history.unknownMachine')}
                      {run.sourceName !== undefined && run.sourceName !== null && <div className="muted">{t('results.source.bundle', { name: run.sourceName })}</div>}
                    </td>
                    <td>
                      <SeverityBadge severity={run.worstSeverity} />
                    </td>
                    <td>{t(`runStatus.${run.status}`)}</td>
                    <td className="row-actions">
                      <button type="button" className="button-small" onClick={() => navigate({ name: 'results', runId: run.runId, tab: 'findings' })}>
                        {t('history.reopen')}
                      </button>{' '}
                      <button type="button" className="button-small" onClick={() => navigate({ name: 'results', runId: run.runId, tab: 'export' })}>
                        {t('history.exportAgain')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="hint" id="compare-hint">
            {t('history.compareHint')}
          </p>
          <button type="button" onClick={compare} disabled={selected.length !== 2} aria-describedby="compare-hint">
            {t('history.compare')}
          </button>
        </>
      )}
    </section>
  );
}
