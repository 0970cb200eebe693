import { useTranslation } from 'react-i18next';
import { AsyncStatus } from '../components/async-status.js';
import type { CaseDetail } from '../../../shared/contract/operations.js';
import { useApi } from '../api-context.js';
import { CaseVerdictBadge, SeverityBadge } from '../components/status-text.js';
import { useFocusHeading } from '../components/use-focus-heading.js';
import type { Navigate } from '../navigation.js';
import { findingName, severityCounts } from '../finding-text.js';
import { formatDateTime, formatList } from '../format.js';
import { useLanguage } from '../use-language.js';
import { FindingsView } from '../views/findings-view.js';
import { useAsync } from './use-async.js';

type CaseVerdict = CaseDetail['summary']['verdict'];

/**
 * A case: several machines read together. What only they together show comes first (with proof and fix,
 * like any finding), then the machines side by side, each with its verdict, its first findings and a way
 * to its full result.
 */
export function CaseScreen({ caseId, navigate }: { caseId: string; navigate: Navigate }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const heading = useFocusHeading<HTMLHeadingElement>();
  const detail = useAsync(() => api['case.get']({ caseId, lang: language }), [api, caseId, language]);

  const verdictName = (verdict: CaseVerdict) => t(`case.verdict.${verdict}`);

  return (
    <section aria-labelledby="case-heading" className="screen case-screen">
      <h2 id="case-heading" tabIndex={-1} ref={heading}>
        {t('case.heading')}
      </h2>
      <AsyncStatus state={detail} />
      {detail.status === 'ready' && (
        <>
          <p className="run-summary" data-testid="case-summary">
            {t('case.summary', { name: detail.value.summary.name, date: formatDateTime(detail.value.summary.startedAt, language) })}
          </p>
          <section aria-labelledby="case-verdict-heading" className={`verdict notice notice-${detail.value.summary.verdict}`} data-testid="case-verdict" data-state={detail.value.summary.verdict}>
            <h3 id="case-verdict-heading">{verdictName(detail.value.summary.verdict)}</h3>
            <p>
              {t('case.machines', {
                count: detail.value.machines.length,
                problem: detail.value.machines.filter((m) => m.verdict === 'problem').length,
                warning: detail.value.machines.filter((m) => m.verdict === 'warning').length,
                ok: detail.value.machines.filter((m) => m.verdict === 'ok').length,
              })}
            </p>
          </section>

          <section aria-labelledby="case-findings-heading" className="case-findings" data-testid="case-findings">
            <h3 id="case-findings-heading">{t('case.caseFindingsHeading')}</h3>
            {detail.value.caseFindings.length === 0 ? <p className="notice notice-ok">{t('case.noCaseFindings')}</p> : <FindingsView findings={detail.value.caseFindings} headingLevel={4} />}
          </section>

          <section aria-labelledby="case-machines-heading" data-testid="case-machines">
            <h3 id="case-machines-heading">{t('case.machinesHeading')}</h3>
            <ul className="case-machines">
              {detail.value.machines.map((machine, index) => (
                <li key={`${machine.source}-${index}`} className={`card case-machine case-machine-${machine.verdict}`} data-machine={machine.name}>
                  <h4 id={`case-machine-${index}`}>{machine.name}</h4>
                  <p className="muted">
                    {t(`roles.${machine.role}`)} · <code>{machine.source}</code>
                  </p>
                  <p>
                    <CaseVerdictBadge verdict={machine.verdict} />
                  </p>
                  {machine.cmids.length > 0 && (
                    <p className="case-cmids">
                      {t('case.cmid')}: <code>{formatList(machine.cmids, language, 'narrow')}</code>
                    </p>
                  )}
                  <p>{severityCounts(t, language, machine.counts)}</p>
                  {machine.top.length === 0 ? (
                    <p className="muted">{t('case.noFindings')}</p>
                  ) : (
                    <ul className="case-machine-top">
                      {machine.top.map((finding, i) => (
                        <li key={`${finding.id}-${i}`}>
                          <SeverityBadge severity={finding.severity} /> {findingName(t, i18n, finding.id, finding.title)}
                        </li>
                      ))}
                    </ul>
                  )}
                  {machine.runId !== null ? (
                    <button
                      type="button"
                      className="button-small"
                      aria-label={t('case.openMachineOf', { name: machine.name })}
                      onClick={() => navigate({ name: 'results', runId: machine.runId!, tab: 'findings', caseId })}
                    >
                      {t('case.openMachine')}
                    </button>
                  ) : (
                    <p className="muted">{t('case.noRun')}</p>
                  )}
                </li>
              ))}
            </ul>
          </section>

          {detail.value.ignored.length > 0 && (
            <p className="notice notice-info" data-testid="case-ignored">
              {t('case.ignored', { files: '' })}
              <code>{formatList(detail.value.ignored, language, 'narrow')}</code>
            </p>
          )}
          <div className="actions no-print">
            <button type="button" onClick={() => navigate({ name: 'start' })}>
              {t('results.backToStart')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
