import { Fragment, useEffect, useRef, useState } from 'react';
import { ColumnHeads } from '../components/table-parts.js';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../shared/contract/events.js';
import type { Finding, OperationResponse, RunDetail, RunStep, RunStepStatus } from '../../../shared/contract/operations.js';
import { useApi } from '../api-context.js';
import { ErrorText } from '../components/error-text.js';
import { useFocusHeading } from '../components/use-focus-heading.js';
import type { Navigate } from '../navigation.js';
import { StepStatusText } from '../components/status-text.js';
import { StepSummaryText } from '../components/step-summary-text.js';
import { errorInfo, formatSeconds, type ErrorInfo } from '../format.js';
import { stepVerdict } from '../run/step-verdict.js';
import { useLanguage } from '../use-language.js';

type Progress = EventPayload<'run.progress'>;
type StepOutput = OperationResponse<'run.step-output'>;

interface StepRow extends RunStep {
  /** Local clock (performance.now) when the running step's elapsed time was last reported. */
  readonly reportedAt: number | null;
  readonly elapsedMs: number | null;
}

const order: Record<RunStepStatus, number> = { waiting: 0, running: 1, ok: 2, warning: 2, problem: 2, 'could-not-check': 2 };
const pollMs = 1500;

/** Applies one progress event unless the row already shows a later state (events and polls can cross). */
export function applyProgress(rows: readonly StepRow[], event: Progress, now: number): StepRow[] {
  const index = rows.findIndex((row) => row.stepId === event.stepId);
  const finished = order[event.status] === 2;
  const updated = (base: StepRow): StepRow => ({
    ...base,
    status: event.status,
    summary: event.summary ?? base.summary,
    summaryCode: event.summaryCode ?? base.summaryCode ?? null,
    elapsedMs: event.elapsedMs,
    reportedAt: event.status === 'running' ? now : null,
    durationMs: finished ? (event.elapsedMs ?? base.durationMs) : base.durationMs,
    hasOutput: base.hasOutput || finished,
  });
  if (index === -1) {
    const fresh: StepRow = { stepId: event.stepId, title: event.title ?? event.stepId, status: 'waiting', durationMs: null, summary: null, hasOutput: false, reportedAt: null, elapsedMs: null };
    return [...rows, updated(fresh)];
  }
  const current = rows[index] as StepRow;
  if (order[event.status] < order[current.status]) return [...rows];
  return rows.map((row, i) => (i === index ? updated(row) : row));
}

function fromDetail(detail: RunDetail, previous: readonly StepRow[]): StepRow[] {
  return detail.steps.map((step) => {
    const known = previous.find((row) => row.stepId === step.stepId);
    if (known !== undefined && order[known.status] > order[step.status]) return known;
    return { ...step, reportedAt: step.status === 'running' ? (known?.reportedAt ?? performance.now()) : null, elapsedMs: known?.elapsedMs ?? null };
  });
}

/** Running: every check as a row with live status and time, raw output on demand, Cancel. */
export function RunningScreen({ runId, navigate }: { runId: string; navigate: Navigate }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const [rows, setRows] = useState<StepRow[]>([]);
  const [status, setStatus] = useState<RunDetail['summary']['status']>('running');
  const [role, setRole] = useState<RunDetail['summary']['role'] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [open, setOpen] = useState<Record<string, StepOutput | 'loading' | { error: ErrorInfo }>>({});
  const [findings, setFindings] = useState<readonly Finding[]>([]);
  const [, setTick] = useState(0);
  const viewButton = useRef<HTMLButtonElement>(null);
  const heading = useFocusHeading<HTMLHeadingElement>();

  useEffect(() => {
    let alive = true;
    const offProgress = api.on('run.progress', (event) => {
      if (event.runId === runId) setRows((current) => applyProgress(current, event, performance.now()));
    });
    const offFinished = api.on('run.finished', (event) => {
      if (event.runId === runId) setStatus(event.status);
    });
    // Polling as well as events: the run may have progressed before this screen subscribed.
    const refresh = async () => {
      try {
        const detail = await api['run.get']({ runId, lang: language });
        if (!alive) return;
        setRows((current) => fromDetail(detail, current));
        setRole(detail.summary.role);
        if (detail.summary.status !== 'running') setStatus(detail.summary.status);
        return detail.summary.status;
      } catch (reason) {
        if (alive) setError(errorInfo(reason));
        return 'failed';
      }
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      const current = await refresh();
      if (alive && current === 'running') timer = setTimeout(() => void loop(), pollMs);
    };
    void loop();
    const ticker = setInterval(() => setTick((tick) => tick + 1), 250);
    return () => {
      alive = false;
      offProgress();
      offFinished();
      clearTimeout(timer);
      clearInterval(ticker);
    };
  }, [api, runId, language]);

  const finished = status !== 'running';
  useEffect(() => {
    if (finished) {
      // A last refresh so every row shows its final verdict, then offer the findings.
      api['run.get']({ runId, lang: language }).then(
        (detail) => {
          setRows((current) => fromDetail(detail, current));
          setFindings(detail.findings);
        },
        () => undefined,
      );
      viewButton.current?.focus();
    }
  }, [finished, api, runId, language]);

  const cancel = async () => {
    setCancelling(true);
    try {
      await api['diagnosis.cancel']({ runId });
    } catch (reason) {
      setError(errorInfo(reason));
      setCancelling(false);
    }
  };

  const toggleOutput = async (stepId: string) => {
    if (open[stepId] !== undefined) {
      const { [stepId]: _closed, ...rest } = open;
      setOpen(rest);
      return;
    }
    setOpen((current) => ({ ...current, [stepId]: 'loading' }));
    try {
      const output = await api['run.step-output']({ runId, stepId });
      setOpen((current) => ({ ...current, [stepId]: output }));
    } catch (reason) {
      setOpen((current) => ({ ...current, [stepId]: { error: errorInfo(reason) } }));
    }
  };

  const time = (row: StepRow): string => {
    if (row.status === 'running') {
      const elapsed = (row.elapsedMs ?? 0) + (row.reportedAt === null ? 0 : performance.now() - row.reportedAt);
      return t('running.elapsed', { seconds: formatSeconds(elapsed, language) });
    }
    if (row.durationMs !== null) return t('running.elapsed', { seconds: formatSeconds(row.durationMs, language) });
    return '';
  };

  // A known check by its name in the UI language; anything else by what ran.
  const label = (row: StepRow): string => (i18n.exists(`steps.${row.stepId}`) ? t(`steps.${row.stepId}`) : row.title);

  const done = rows.filter((row) => order[row.status] === 2).length;

  return (
    <section aria-labelledby="running-heading" className="screen running-screen">
      <h2 id="running-heading" tabIndex={-1} ref={heading}>
        {finished
          ? role === null || role === 'unknown'
            ? t('running.headingDone')
            : t('running.headingDoneFor', { role: t(`roles.${role}`) })
          : role === null
            ? t('running.heading')
            : t('running.headingFor', { role: t(`roles.${role}`) })}
      </h2>
      <p role="status" aria-live="polite" data-testid="run-status">
        {finished ? t('running.finished', { status: t(`runStatus.${status}`) }) : t('running.progress', { done, total: rows.length })}
      </p>
      {error !== null && (
        <p role="alert" className="notice notice-problem">
          <ErrorText error={error} />
        </p>
      )}
      <table className="steps">
        <caption>{t('running.stepsCaption')}</caption>
        <ColumnHeads labels={[t('running.colCheck'), t('running.colStatus'), t('running.colTime'), t('running.colOutput')]} />
        <tbody>
          {rows.map((row) => {
            const output = open[row.stepId];
            const verdict = finished ? stepVerdict(row.stepId, row.status, findings) : { status: row.status, findings: [] };
            return (
              <Fragment key={row.stepId}>
                <tr data-testid={`step-${row.stepId}`} data-status={verdict.status}>
                  <th scope="row">
                    {label(row) !== row.title && <div>{label(row)}</div>}
                    {row.title !== row.stepId && <code>{row.title}</code>}
                    {(row.summary !== null || (row.summaryCode ?? null) !== null) && (
                      <div>
                        <StepSummaryText summary={row.summaryCode} fallback={row.summary} />
                      </div>
                    )}
                  </th>
                  <td>
                    <StepStatusText status={verdict.status} />
                    {verdict.findings.length > 0 && (
                      <ul className="step-findings">
                        {verdict.findings.map((finding, index) => (
                          <li key={`${finding.id}-${index}`}>{finding.title}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="numeric">{time(row)}</td>
                  <td>
                    {row.hasOutput ? (
                      <button type="button" className="button-small" aria-expanded={output !== undefined} aria-controls={`output-${row.stepId}`} onClick={() => void toggleOutput(row.stepId)}>
                        {output === undefined ? t('running.showOutput') : t('running.hideOutput')}
                      </button>
                    ) : (
                      <span className="muted">{t('running.noOutput')}</span>
                    )}
                  </td>
                </tr>
                {output !== undefined && (
                  <tr id={`output-${row.stepId}`}>
                    <td colSpan={4}>
                      {output === 'loading' && <p role="status">{t('app.loading')}</p>}
                      {typeof output === 'object' && 'error' in output && <p className="notice notice-warning"><ErrorText error={output.error} /></p>}
                      {typeof output === 'object' && 'text' in output && (
                        <div>
                          {output.command !== null && <p className="muted">{t('running.command', { command: output.command })}</p>}
                          <pre className="raw-output" tabIndex={0} aria-label={t('running.outputOf', { step: label(row) })}>
                            {output.text}
                          </pre>
                          {output.truncated && <p className="muted">{t('running.outputTruncated')}</p>}
                        </div>
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <div className="actions">
        {!finished && (
          <button type="button" onClick={() => void cancel()} disabled={cancelling}>
            {cancelling ? t('running.cancelling') : t('running.cancel')}
          </button>
        )}
        {finished && (
          <button ref={viewButton} type="button" className="button-primary" onClick={() => navigate({ name: 'results', runId, tab: 'findings' })}>
            {t('running.viewFindings')}
          </button>
        )}
      </div>
    </section>
  );
}
