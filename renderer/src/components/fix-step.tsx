import { useTranslation } from 'react-i18next';
import type { FindingFix } from '../../../shared/contract/operations.js';
import { CopyButton } from './copy-button.js';

/** One step of a fix: its text, and a command with where it runs, in which shell, and its caution. */
export function FixStep({ fix }: { fix: FindingFix }) {
  const { t } = useTranslation();
  const command = fix.command ?? null;
  return (
    <>
      <p>{fix.text}</p>
      {command !== null && command !== '' && (
        <div className="command">
          {(fix.runOn !== undefined || fix.shell !== undefined) && (
            <p className="command-where muted">
              {[fix.runOn === undefined ? null : t(`findings.runOn.${fix.runOn}`), fix.shell === undefined ? null : t(`findings.shell.${fix.shell}`)].filter((part) => part !== null).join(' · ')}
            </p>
          )}
          <code>{command}</code> <CopyButton text={command} />
        </div>
      )}
      {fix.caution !== undefined && <p className="notice notice-warning caution">{t('findings.caution', { text: fix.caution })}</p>}
    </>
  );
}
