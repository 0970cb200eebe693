import { useTranslation } from 'react-i18next';
import { useApi } from '../api-context.js';
import type { Navigate } from '../app.js';
import { formatDateTime } from '../format.js';
import { useLanguage } from '../use-language.js';
import { ClientPathView } from '../views/client-path-view.js';
import { ExportView } from '../views/export-view.js';
import { FindingsView } from '../views/findings-view.js';
import { HostDashboardView } from '../views/host-dashboard-view.js';
import { useAsync } from './use-async.js';

export type ResultsTab = 'findings' | 'path' | 'host' | 'export';
const tabs: readonly ResultsTab[] = ['findings', 'path', 'host', 'export'];

/** One run's results: findings, the client path, the host dashboard and the export, as tabs. */
export function ResultsScreen({ runId, tab, navigate }: { runId: string; tab: ResultsTab; navigate: Navigate }) {
  const { t } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const detail = useAsync(() => api['run.get']({ runId, lang: language }), [api, runId, language]);

  return (
    <section aria-labelledby="results-heading" className="screen results-screen">
      <h2 id="results-heading" tabIndex={-1}>
        {t(`results.tabs.${tab}`)}
      </h2>
      {detail.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {detail.status === 'error' && (
        <p role="alert" className="notice notice-problem">
          {t('app.error', { message: detail.message })}
        </p>
      )}
      {detail.status === 'ready' && (
        <>
          <p className="run-summary" data-testid="run-summary">
            {t(`results.source.${detail.value.source.kind}`, { name: detail.value.source.name ?? '' })} —{' '}
            {t('results.summary', {
              role: t(`roles.${detail.value.summary.role}`),
              machine: detail.value.summary.machine ?? t('history.unknownMachine'),
              date: formatDateTime(detail.value.summary.startedAt, language),
              status: t(`runStatus.${detail.value.summary.status}`),
            })}
          </p>
          <div role="tablist" aria-label={t('results.tabs.label')} className="tabs">
            {tabs.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`tab-${name}`}
                aria-selected={name === tab}
                aria-controls="results-panel"
                className={name === tab ? 'tab active' : 'tab'}
                onClick={() => navigate({ name: 'results', runId, tab: name })}
              >
                {t(`results.tabs.${name}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id="results-panel" aria-labelledby={`tab-${tab}`} className="tab-panel">
            {tab === 'findings' && <FindingsView findings={detail.value.findings} />}
            {tab === 'path' && <ClientPathView path={detail.value.clientPath} />}
            {tab === 'host' && <HostDashboardView host={detail.value.host} />}
            {tab === 'export' && <ExportView runId={runId} detail={detail.value} />}
          </div>
          <div className="actions">
            <button type="button" onClick={() => navigate({ name: 'start' })}>
              {t('results.backToStart')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
