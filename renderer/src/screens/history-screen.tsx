import { useState } from 'react';
import { ColumnHeads, DateCell } from '../components/table-parts.js';
import { AsyncStatus } from '../components/async-status.js';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, RunSummary } from '../../../shared/contract/operations.js';
import { useApi } from '../api-context.js';
import type { Navigate } from '../navigation.js';
import { CaseVerdictBadge, SeverityBadge } from '../components/status-text.js';
import { useFocusHeading } from '../components/use-focus-heading.js';
import { findingName, severityCounts } from '../finding-text.js';
import { formatDateTime } from '../format.js';
import { differentMachines } from '../history/compare-runs.js';
import { useLanguage } from '../use-language.js';
import { useAsync } from './use-async.js';

/** History: past runs with date, role, machine and what was found; reopen, compare two, export again. */
export function HistoryScreen({ navigate }: { navigate: Navigate }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const heading = useFocusHeading<HTMLHeadingElement>();
  const history = useAsync(() => api['history.list']({}), [api]);
  const [selected, setSelected] = useState<readonly string[]>([]);

  const toggle = (runId: string) =>
    setSelected((current) => (current.includes(runId) ? current.filter((id) => id !== runId) : [...current, runId].slice(-2)));

  const selectedRuns = (): RunSummary[] =>
    history.status === 'ready' ? history.value.runs.filter((run) => selected.includes(run.runId)).sort((a, b) => a.startedAt.localeCompare(b.startedAt)) : [];

  const compare = () => {
    const [older, newer] = selectedRuns();
    if (older !== undefined && newer !== undefined) navigate({ name: 'compare', olderRunId: older.runId, newerRunId: newer.runId });
  };
  const [olderSelected, newerSelected] = selectedRuns();
  const across = olderSelected !== undefined && newerSelected !== undefined && differentMachines(olderSelected, newerSelected);

  const found = (run: RunSummary) => {
    if (run.found === undefined) return <SeverityBadge severity={run.worstSeverity} />;
    return (
      <>
        <SeverityBadge severity={run.worstSeverity} /> <span className="found-counts">{severityCounts(t, language, run.found)}</span>
        {run.found.top.length > 0 && (
          <ul className="found-top">
            {run.found.top.map((finding, index) => (
              <li key={`${finding.id}-${index}`}>{findingName(t, i18n, finding.id, finding.title)}</li>
            ))}
          </ul>
        )}
      </>
    );
  };

  return (
    <section aria-labelledby="history-heading" className="screen history-screen">
      <h2 id="history-heading" tabIndex={-1} ref={heading}>
        {t('history.heading')}
      </h2>
      <AsyncStatus state={history} />
      {history.status === 'ready' && (history.value.cases ?? []).length > 0 && <CasesTable cases={history.value.cases ?? []} navigate={navigate} />}
      {history.status === 'ready' && (history.value.cases ?? []).length > 0 && <h3>{t('history.runsHeading')}</h3>}
      {history.status === 'ready' && history.value.runs.length === 0 && <p>{t('history.none')}</p>}
      {history.status === 'ready' && history.value.runs.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="history" data-testid="history-table">
              <caption>{t('history.caption')}</caption>
              <ColumnHeads labels={[t('history.colSelect'), t('history.colDate'), t('history.colMachine'), t('history.colFound'), t('history.colStatus'), t('history.colActions')]} />
              <tbody>
                {history.value.runs.map((run) => {
                  const date = formatDateTime(run.startedAt, language);
                  return (
                    <tr key={run.runId} data-testid={`history-${run.runId}`}>
                      <td>
                        <input type="checkbox" checked={selected.includes(run.runId)} onChange={() => toggle(run.runId)} aria-label={t('history.selectRun', { date })} />
                      </td>
                      <DateCell iso={run.startedAt} />
                      <td>
                        <div>{run.machine ?? t('history.unknownMachine')}</div>
                        <div className="muted">{t(`roles.${run.role}`)}</div>
                        {run.sourceName !== undefined && run.sourceName !== null && <div className="muted">{t('results.source.bundle', { name: run.sourceName })}</div>}
                      </td>
                      <td data-testid="history-found">{found(run)}</td>
                      <td className="nowrap">{t(`runStatus.${run.status}`)}</td>
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
          </div>
          <p className="hint" id="compare-hint">
            {t('history.compareHint')}
          </p>
          {across && (
            <p className="notice notice-warning" id="compare-across" data-testid="history-across">
              {t('history.acrossMachines', { older: olderSelected.machine ?? '', newer: newerSelected.machine ?? '' })}
            </p>
          )}
          <button type="button" onClick={compare} disabled={selected.length !== 2} aria-describedby={across ? 'compare-hint compare-across' : 'compare-hint'}>
            {t('history.compare')}
          </button>
        </>
      )}
    </section>
  );
}

/** The cases of the history: what was opened, its machines with their verdicts, what only they together showed; reopen. */
function CasesTable({ cases, navigate }: { cases: readonly CaseSummary[]; navigate: Navigate }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3>{t('history.casesHeading')}</h3>
      <div className="table-scroll">
        <table className="history history-cases" data-testid="history-cases">
          <caption>{t('history.casesCaption')}</caption>
          <ColumnHeads labels={[t('history.colDate'), t('history.colOpened'), t('history.colMachines'), t('history.colCaseFound'), t('history.colActions')]} />
          <tbody>
            {cases.map((item) => (
              <tr key={item.caseId} data-testid={`case-${item.caseId}`}>
                <DateCell iso={item.startedAt} />
                <td>
                  <code>{item.name}</code>
                  <div>
                    <CaseVerdictBadge verdict={item.verdict} />
                  </div>
                </td>
                <td>
                  <ul className="found-top">
                    {item.machines.map((machine, index) => (
                      <li key={`${machine.name}-${index}`}>
                        {machine.name} <span className="muted">({t(`roles.${machine.role}`)})</span> <CaseVerdictBadge verdict={machine.verdict} />
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {item.caseFindings.length === 0 ? (
                    <span className="muted">{t('counts.none')}</span>
                  ) : (
                    <ul className="found-top">
                      {item.caseFindings.map((finding, index) => (
                        <li key={`${finding.id}-${index}`}>
                          <SeverityBadge severity={finding.severity} /> {findingName(t, i18n, finding.id, finding.title)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="row-actions">
                  <button type="button" className="button-small" onClick={() => navigate({ name: 'case', caseId: item.caseId })}>
                    {t('history.reopenCase')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
