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

/** Findings in the engine's order (problems first): explanation, highlighted evidence, fixes, docs. */
export function FindingsView({ findings }: { findings: readonly Finding[] }) {
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
              <h3 id={`finding-${index}`}>
                <SeverityBadge severity={finding.severity} /> {finding.title}
              </h3>
              <p>{finding.explanation}</p>
              {finding.evidence.length > 0 && (
                <>
                  <h4 id={`evidence-${index}`}>{t('findings.evidence')}</h4>
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
                  <h4>{t('findings.fixes')}</h4>
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
                  <h4>{t('findings.docs')}</h4>
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
