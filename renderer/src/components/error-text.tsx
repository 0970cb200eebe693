import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../format.js';

/**
 * An API failure in the UI language (by its contract code), with what the service said shown verbatim
 * beside it: that line names files and OS errors, which are evidence and stay as written.
 */
export function ErrorText({ error, lead }: { error: ErrorInfo; lead?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {lead !== undefined && `${lead} `}
      {t(`apiError.${error.code}`)}{' '}
      {error.message !== '' && (
        <span className="error-detail">
          {t('apiError.detail')} <code>{error.message}</code>
        </span>
      )}
    </>
  );
}
