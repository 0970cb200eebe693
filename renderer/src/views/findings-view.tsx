import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../../shared/contract/operations.js';
import { useApi } from '../api-context.js';
import { CopyButton } from '../components/copy-button.js';
import { SeverityBadge } from '../components/status-text.js';
import { errorMessage } from '../format.js';

/** Findings in the engine's order (problems first): explanation, highlighted evidence, fixes, docs. */
export function FindingsView({ findings }: { findings: readonly Finding[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const [linkError, setLinkError] = useState<string | null>(null);
  const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;

  const openDoc = async (url: string) => {
    setLinkError(null);
    try {
      await api['docs.open']({ url });
    } catch (error) {
      setLinkError(t('findings.docOpenFailed', { message: errorMessage(error) }));
    }
  };

  if (findings.length === 0) return <p className="notice notice-ok">{t('findings.none')}</p>;
  return (
    <div className="findings">
      <p data-testid="findings-count">{t('findings.countBySeverity', { problem: count('problem'), warning: count('warning'), info: count('info') })}</p>
      {linkError !== null && (
        <p role="alert" className="notice notice-problem">
          {linkError}
        </p>
      )}
      <ol className="finding-list">
        {findings.map((finding, index) => (
          <li key={`${finding.id}-${index}`} className={`finding finding-${finding.severity}`} data-finding-id={finding.id}>
            <article aria-labelledby={`finding-${index}`}>
              <h3 id={`finding-${index}`}>
                <SeverityBadge severity={finding.severity} /> {finding.title}
              </h3>
              <p className="finding-id muted">{t('findings.findingId', { id: finding.id })}</p>
              <p>{finding.explanation}</p>
              {finding.evidence.length > 0 && (
                <>
                  <h4>{t('findings.evidence')}</h4>
                  {finding.evidence.map((evidence, i) => (
                    <figure key={i} className="evidence">
                      <figcaption>{t('findings.evidenceFrom', { source: evidence.source })}</figcaption>
                      <pre tabIndex={0}>
                        <mark>{evidence.excerpt}</mark>
                      </pre>
                    </figure>
                  ))}
                </>
              )}
              {finding.fixes.length > 0 && (
                <>
                  <h4>{t('findings.fixes')}</h4>
                  <ul className="fixes">
                    {finding.fixes.map((fix, i) => (
                      <li key={i}>
                        <p>{fix.text}</p>
                        {fix.command !== undefined && fix.command !== null && fix.command !== '' && (
                          <>
                            {(fix.runOn !== undefined || fix.shell !== undefined) && (
                              <p className="command-where muted">
                                {[fix.runOn === undefined ? null : t(`findings.runOn.${fix.runOn}`), fix.shell === undefined ? null : t(`findings.shell.${fix.shell}`)].filter((part) => part !== null).join(' · ')}
                              </p>
                            )}
                            <div className="command">
                              <code>{fix.command}</code> <CopyButton text={fix.command} />
                            </div>
                          </>
                        )}
                        {fix.caution !== undefined && <p className="notice notice-warning caution">{t('findings.caution', { text: fix.caution })}</p>}
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
