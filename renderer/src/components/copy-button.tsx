import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies one command (or a text, named by `label`) to the clipboard and says whether it worked (in a live region). */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="copy">
      <button type="button" className="button-small" onClick={copy} aria-label={label ?? t('findings.copyCommand', { command: text })}>
        {t('findings.copy')}
      </button>
      <span role="status" className="copy-state">
        {state === 'copied' ? t('findings.copied') : state === 'failed' ? t('findings.copyFailed') : ''}
      </span>
    </span>
  );
}
