// @vitest-environment happy-dom
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { StepSummary } from '../../shared/contract/operations.js';
import { StepSummaryText } from '../../renderer/src/components/step-summary-text.js';
import { createI18n, type UiLanguageCode } from '../../renderer/src/i18n.js';

const shown = (summary: StepSummary, language: UiLanguageCode = 'en'): string =>
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StepSummaryText summary={summary} fallback={null} />
    </I18nextProvider>,
  ).container.textContent ?? '';

describe('an event step\'s summary says why its window is incomplete, from codes, in the UI language', () => {
  const english = 'stopped after 2 record(s): exit code 15005: Failed to render event.';

  it('damaged records skipped: the count', () => {
    expect(shown({ code: 'events', count: 335, cap: null, incomplete: null, skipped: 115 })).toBe('335 events (115 damaged records skipped)');
    expect(shown({ code: 'events', count: 335, cap: null, incomplete: null, skipped: 1 }, 'ja')).toBe('イベント 335 件 (破損したレコード 1 件をスキップ)');
  });

  it('a stop code is worded, never the collector\'s English text', () => {
    for (const language of ['en', 'ja', 'zh-TW'] as const) {
      const text = shown({ code: 'events', count: 2, cap: null, incomplete: english, stopCode: 'process-error', exitCode: 15005 }, language);
      expect(text).not.toContain('stopped after');
      expect(text).toContain('15005');
    }
    expect(shown({ code: 'events', count: 812, cap: null, incomplete: 'stopped after 812 record(s): timed out', stopCode: 'timeout' }, 'zh-TW')).toBe('812 個事件 (不完整：讀取逾時，因此期間中較舊的部分遺漏)');
  });

  it('a summary without a code (an older run in the history) still shows the verbatim reason', () => {
    expect(shown({ code: 'events', count: 2, cap: null, incomplete: english })).toBe(`2 events incomplete: ${english}`);
  });
});
