import { useTranslation } from 'react-i18next';
import type { AsyncState } from '../screens/use-async.js';
import { ErrorText } from './error-text.js';

/**
 * What a screen shows while its API call has not answered: "Loading…", or why it failed. A failure is an
 * alert where nothing else can show; a plain warning (`tone="warning"`) where the rest of the screen works.
 */
export function AsyncStatus({ state, tone = 'problem' }: { state: AsyncState<unknown>; tone?: 'problem' | 'warning' }) {
  const { t } = useTranslation();
  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'ready') return null;
  return (
    <p role={tone === 'problem' ? 'alert' : undefined} className={`notice notice-${tone}`}>
      <ErrorText error={state.error} />
    </p>
  );
}
