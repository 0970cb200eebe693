import { useTranslation } from 'react-i18next';
import type { Finding, RunDetail } from '../../../shared/contract/operations.js';
import { CopyButton } from '../components/copy-button.js';

/** The engine's finding for evidence the diagnosis needs and did not get (with how to get it). */
export const missingEvidenceId = 'collect.missing-evidence';

/**
 * For files that were opened (a bundle, a zip of loose files, several files): what each was recognised
 * as, and what is still missing with how to get it. "Missing" is the engine's own collect.missing-evidence
 * findings, so the UI never keeps a second list of what a diagnosis needs.
 */
export function OpenedFilesView({ opened, findings }: { opened: NonNullable<RunDetail['opened']>; findings: readonly Finding[] }) {
  const { t, i18n } = useTranslation();
  const missing = findings.filter((finding) => finding.id === missingEvidenceId);
  const kindName = (kind: string): string => (i18n.exists(`steps.${kind}`) ? t(`steps.${kind}`) : i18n.exists(`opened.kind.${kind}`) ? t(`opened.kind.${kind}`) : t('opened.kind.other'));

  return (
    <section aria-labelledby="opened-heading" className="opened card" data-testid="opened-files">
      <h3 id="opened-heading">{t('opened.heading')}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('opened.colFile')}</th>
              <th scope="col">{t('opened.colKind')}</th>
            </tr>
          </thead>
          <tbody>
            {opened.map((file) => (
              <tr key={file.path} data-kind={file.kind}>
                <th scope="row">
                  <code>{file.path}</code>
                </th>
                <td>
                  {kindName(file.kind)}
                  {file.kind === 'other' && file.note !== '' && (
                    <div className="muted">
                      <code>{file.note}</code>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>{t('opened.missingHeading')}</h4>
      {missing.length === 0 ? (
        <p className="notice notice-ok" data-testid="opened-missing-none">
          {t('opened.missingNone')}
        </p>
      ) : (
        <ul className="opened-missing" data-testid="opened-missing">
          {missing.map((finding, index) => (
            <li key={`${finding.title}-${index}`}>
              <strong>{finding.title}</strong>
              {finding.fixes.map((fix, i) => (
                <div key={i} className="command">
                  {fix.text}{' '}
                  {fix.command !== undefined && fix.command !== null && fix.command !== '' && (
                    <>
                      <code>{fix.command}</code> <CopyButton text={fix.command} />
                    </>
                  )}
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
