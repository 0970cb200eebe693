import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../../shared/contract/operations.js';
import { useApi } from '../api-context.js';
import { ErrorText } from '../components/error-text.js';
import { FixStep } from '../components/fix-step.js';
import { SeverityBadge } from '../components/status-text.js';
import { severityCounts } from '../finding-text.js';
import { errorInfo, type ErrorInfo } from '../format.js';
import { useLanguage } from '../use-language.js';

/**
 * Findings in the engine's order (problems first): explanation, highlighted evidence, fixes, docs. Each
 * finding's title is a heading of `headingLevel` (3 on a run's tab; 4 under a case's own section).
 */
export function FindingsView({ findings, headingLevel = 3 }: { findings: readonly Finding[]; headingLevel?: 3 | 4 }) {
  const Title = headingLevel === 3 ? 'h3' : 'h4';
  const Part = headingLevel === 3 ? 'h4' : 'h5';
  const { t } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const [linkError, setLinkError] = useState<ErrorInfo | null>(null);
  const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;

  const openDoc = async (url: string) => {
    setLinkError(null);
    try {
      await api['docs.open']({ url });
    } catch (error) {
      setLinkError(errorInfo(error));
    }
  };

  if (findings.length === 0) return <p className="notice notice-ok">{t('findings.none')}</p>;
  return (
    <div className="findings">
      <p data-testid="findings-count">{severityCounts(t, language, { problem: count('problem'), warning: count('warning'), info: count('info') })}</p>
      {linkError !== null && (
        <p role="alert" className="notice notice-problem">
          <ErrorText error={linkError} lead={t('findings.docOpenFailed')} />
        </p>
      )}
      <ol className="finding-list">
        {findings.map((finding, index) => (
          <li key={`${finding.id}-${index}`} className={`finding finding-${finding.severity}`} data-finding-id={finding.id}>
            <article aria-labelledby={`finding-${index}`}>
              <Title id={`finding-${index}`}>
                <SeverityBadge severity={finding.severity} /> {finding.title}
              </Title>
              <p>{finding.explanation}</p>
              {finding.evidence.length > 0 && (
                <>
                  <Part id={`evidence-${index}`}>{t('findings.evidence')}</Part>
                  {/* One tab stop for the whole group (it scrolls as one), not one per excerpt. */}
                  <div className="evidence-group" role="group" tabIndex={0} aria-labelledby={`evidence-${index} finding-${index}`}>
                    {finding.evidence.map((evidence, i) => (
                      <figure key={i} className="evidence">
                        <figcaption>
                          {t('findings.evidenceFromLabel')} <code>{evidence.source}</code>
                        </figcaption>
                        <pre>
                          <mark>{evidence.excerpt}</mark>
                        </pre>
                      </figure>
                    ))}
                  </div>
                </>
              )}
              {finding.fixes.length > 0 && (
                <>
                  <Part>{t('findings.fixes')}</Part>
                  <ul className="fixes">
                    {finding.fixes.map((fix, i) => (
                      <li key={i}>
                        <FixStep fix={fix} />
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {finding.docs.length > 0 && (
                <>
                  <Part>{t('findings.docs')}</Part>
                  <ul className="docs">
                    {finding.docs.map((url) => (
                      <li key={url}>
                        <a
                          href={url}
                          rel="noreferrer"
                          title={t('findings.openDoc', { url })}
                          onClick={(event) => {
                            // Never navigate the app window: the main process (or the bridge) opens the system browser.
                            event.preventDefault();
                            void openDoc(url);
                          }}
                        >
                          {url}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </article>
          </li>
        ))}
      </ol>
    </div>
  );
}
