import { useRef, type KeyboardEvent } from 'react';
import { AsyncStatus } from '../components/async-status.js';
import { useTranslation } from 'react-i18next';
import type { RunDetail } from '../../../shared/contract/operations.js';
import { useApi } from '../api-context.js';
import type { Navigate, ResultsTab } from '../navigation.js';
import { useFocusHeading } from '../components/use-focus-heading.js';
import { formatDateTime } from '../format.js';
import { useLanguage } from '../use-language.js';
import { ClientPathView } from '../views/client-path-view.js';
import { ExportView } from '../views/export-view.js';
import { FindingsView } from '../views/findings-view.js';
import { HostDashboardView } from '../views/host-dashboard-view.js';
import { GapsView } from '../views/gaps-view.js';
import { OpenedFilesView } from '../views/opened-files-view.js';
import { VerdictView } from '../views/verdict-view.js';
import { useAsync } from './use-async.js';

const allTabs: readonly ResultsTab[] = ['findings', 'path', 'host', 'export'];

/** The tabs a run has: the client path only where there is client evidence, the host dashboard only for a host. */
export function tabsFor(detail: Pick<RunDetail, 'clientPath' | 'host' | 'summary'>): ResultsTab[] {
  const role = detail.summary.role;
  return allTabs.filter((tab) => {
    if (tab === 'path') return detail.clientPath !== null || role === 'client' || role === 'both';
    if (tab === 'host') return detail.host !== null || role === 'host' || role === 'both';
    return true;
  });
}

/** One run's results: findings, the client path, the host dashboard and the export, as tabs (arrow keys move between them). */
export function ResultsScreen({ runId, tab, navigate, caseId }: { runId: string; tab: ResultsTab; navigate: Navigate; caseId?: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const heading = useFocusHeading<HTMLHeadingElement>();
  const tabButtons = useRef(new Map<ResultsTab, HTMLButtonElement>());
  const detail = useAsync(() => api['run.get']({ runId, lang: language }), [api, runId, language]);

  const tabs = detail.status === 'ready' ? tabsFor(detail.value) : allTabs;
  const current = tabs.includes(tab) ? tab : 'findings';

  // WAI-ARIA tabs with automatic activation: arrows move and select, Home/End jump; one tab stop.
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.indexOf(current);
    const next =
      event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length] : event.key === 'Home' ? tabs[0] : event.key === 'End' ? tabs[tabs.length - 1] : undefined;
    if (next === undefined) return;
    event.preventDefault();
    navigate({ name: 'results', runId, tab: next, ...(caseId !== undefined ? { caseId } : {}) });
    tabButtons.current.get(next)?.focus();
  };

  return (
    <section aria-labelledby="results-heading" className="screen results-screen">
      <h2 id="results-heading" tabIndex={-1} ref={heading}>
        {t(`results.tabs.${current}`)}
      </h2>
      <AsyncStatus state={detail} />
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
          <div role="tablist" aria-label={t('results.tabs.label')} className="tabs" onKeyDown={onTabKey}>
            {tabs.map((name) => (
              <button
                key={name}
                ref={(element) => {
                  if (element === null) tabButtons.current.delete(name);
                  else tabButtons.current.set(name, element);
                }}
                type="button"
                role="tab"
                id={`tab-${name}`}
                aria-selected={name === current}
                aria-controls="results-panel"
                tabIndex={name === current ? 0 : -1}
                className={name === current ? 'tab active' : 'tab'}
                onClick={() => navigate({ name: 'results', runId, tab: name, ...(caseId !== undefined ? { caseId } : {}) })}
              >
                {t(`results.tabs.${name}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id="results-panel" aria-labelledby={`tab-${current}`} className="tab-panel">
            {current === 'findings' && (
              <>
                {detail.value.verdict !== undefined && detail.value.verdict !== null && <VerdictView verdict={detail.value.verdict} findings={detail.value.findings} />}
                {detail.value.opened !== undefined && <OpenedFilesView opened={detail.value.opened} />}
                <GapsView gaps={detail.value.gaps ?? []} />
                <FindingsView findings={detail.value.findings} />
              </>
            )}
            {current === 'path' && <ClientPathView path={detail.value.clientPath} />}
            {current === 'host' && <HostDashboardView host={detail.value.host} />}
            {current === 'export' && <ExportView runId={runId} detail={detail.value} />}
          </div>
          <div className="actions no-print">
            {caseId !== undefined && (
              <button type="button" onClick={() => navigate({ name: 'case', caseId })}>
                {t('case.backToCase')}
              </button>
            )}
            <button type="button" onClick={() => navigate({ name: 'start' })}>
              {t('results.backToStart')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
