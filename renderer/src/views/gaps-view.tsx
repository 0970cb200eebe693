import { useTranslation } from 'react-i18next';
import type { Gap } from '../../../shared/contract/operations.js';
import { FixStep } from '../components/fix-step.js';

/** Evidence that could not be collected, in its own section: by readable name, what it leaves unchecked, how to get it. */
export function GapsView({ gaps }: { gaps: readonly Gap[] }) {
  const { t, i18n } = useTranslation();
  if (gaps.length === 0) return null;
  // A collector that failed is named as its step is on the running screen, not by its internal id.
  const nameOf = (gap: Gap): string => (gap.id === 'collect.failed' && i18n.exists(`steps.${gap.evidence}`) ? t(`steps.${gap.evidence}`) : gap.name);
  return (
    <section aria-labelledby="gaps-heading" className="gaps card" data-testid="gaps">
      <h3 id="gaps-heading">{t('gaps.heading')}</h3>
      <ul className="gap-list">
        {gaps.map((gap, index) => (
          <li key={`${gap.evidence}-${index}`} data-gap={gap.evidence}>
            <strong>{nameOf(gap)}</strong>
            {gap.changesVerdict && <span className="badge badge-warning gap-tag">{t('gaps.changesVerdict')}</span>}
            <p>{gap.explanation}</p>
            {gap.fix !== null && (
              <div className="gap-fix">
                <span className="muted">{t('gaps.howToGet')}</span>
                <FixStep fix={gap.fix} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
