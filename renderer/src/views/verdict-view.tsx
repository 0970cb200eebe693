import { useTranslation } from 'react-i18next';
import type { Finding, Verdict } from '../../../shared/contract/operations.js';

/**
 * The verdict, read first: the root cause in one sentence with the findings it explains folded under it;
 * for a machine that works, what works and the checks that passed, in green.
 */
export function VerdictView({ verdict, findings }: { verdict: Verdict; findings: readonly Finding[] }) {
  const { t } = useTranslation();
  const root = verdict.rootCause === null ? undefined : findings.find((finding) => finding.id === verdict.rootCause);
  const consequences = verdict.consequences.map((id) => findings.find((finding) => finding.id === id)).filter((finding): finding is Finding => finding !== undefined);
  const tone = verdict.state === 'healthy' ? 'ok' : verdict.state === 'unknown' ? 'info' : verdict.state;
  return (
    <section aria-labelledby="verdict-heading" className={`verdict notice notice-${tone}`} data-testid="verdict" data-state={verdict.state}>
      <h3 id="verdict-heading">{t(`verdict.state.${verdict.state}`)}</h3>
      {/* The engine's one sentence: the root cause (or, for a machine that works, what works, listed below). */}
      {verdict.state !== 'healthy' && <p className={root === undefined ? 'verdict-summary' : 'verdict-summary verdict-root'}>{verdict.summary}</p>}
      {consequences.length > 0 && (
        <details className="verdict-consequences">
          <summary>{t('verdict.consequences', { count: consequences.length })}</summary>
          <ul>
            {consequences.map((finding, index) => (
              <li key={`${finding.id}-${index}`}>{finding.title}</li>
            ))}
          </ul>
        </details>
      )}
      {verdict.works.length > 0 && (
        <>
          <h4>{t('verdict.works')}</h4>
          <ul className="verdict-works">
            {verdict.works.map((sentence) => (
              <li key={sentence}>
                <span aria-hidden="true">✓ </span>
                {sentence}
              </li>
            ))}
          </ul>
        </>
      )}
      {verdict.passed.length > 0 && (
        <details className="verdict-passed" open={verdict.state === 'healthy'}>
          <summary>{t('verdict.passed', { count: verdict.passed.length })}</summary>
          <ul>
            {verdict.passed.map((check) => (
              <li key={check.id} className="status-ok">
                <span aria-hidden="true">✓ </span>
                {check.name}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
