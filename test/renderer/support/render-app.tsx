import { cleanup, configure, render, type RenderResult } from '@testing-library/react';
import { afterEach } from 'vitest';
import { App } from '../../../renderer/src/app.js';
import type { View } from '../../../renderer/src/navigation.js';
import { createI18n, type UiLanguageCode } from '../../../renderer/src/i18n.js';
import type { TestApi } from './contract-api.js';

// findBy*/waitFor give up after 1 s by default: under the full suite on two busy cores a screen that loads
// through the real services can take longer, and the test failed though the screen was right.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

/** Renders the whole app (header, language, the given screen) over a contract-checked API. */
export function renderApp(api: TestApi | null, view?: View, language: UiLanguageCode = 'en'): RenderResult {
  return render(<App api={api} i18n={createI18n(language)} initialView={view} />);
}
