import { useTranslation } from 'react-i18next';
import { ColumnHeads } from '../components/table-parts.js';
import type { RunDetail } from '../../../shared/contract/operations.js';

/**
 * For files that were opened (a bundle, a zip of loose files, several files): what each was recognised
 * as. What is still missing, with how to get it, is the diagnosis's gaps, shown beside it (GapsView).
 */
export function OpenedFilesView({ opened }: { opened: NonNullable<RunDetail['opened']> }) {
  const { t, i18n } = useTranslation();
  const kindName = (kind: string): string => (i18n.exists(`steps.${kind}`) ? t(`steps.${kind}`) : i18n.exists(`opened.kind.${kind}`) ? t(`opened.kind.${kind}`) : t('opened.kind.other'));

  return (
    <section aria-labelledby="opened-heading" className="opened card" data-testid="opened-files">
      <h3 id="opened-heading">{t('opened.heading')}</h3>
      <div className="table-scroll">
        <table>
          <ColumnHeads labels={[t('opened.colFile'), t('opened.colKind')]} />
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
    </section>
  );
}
