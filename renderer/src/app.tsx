import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { i18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { KmsDoctorApi } from '../../shared/contract/api.js';
import type { OperationResponse } from '../../shared/contract/operations.js';
import { ApiContext } from './api-context.js';
import { ErrorText } from './components/error-text.js';
import { errorInfo, type ErrorInfo } from './format.js';
import { rememberLanguage, uiLanguages, type UiLanguageCode } from './i18n.js';
import type { Navigate, View } from './navigation.js';
import { StartScreen } from './screens/start-screen.js';

// Only the start screen is in the first chunk: the others load while the technician reads it.
const RunningScreen = lazy(() => import('./screens/running-screen.js').then((module) => ({ default: module.RunningScreen })));
const ResultsScreen = lazy(() => import('./screens/results-screen.js').then((module) => ({ default: module.ResultsScreen })));
const HistoryScreen = lazy(() => import('./screens/history-screen.js').then((module) => ({ default: module.HistoryScreen })));
const CaseScreen = lazy(() => import('./screens/case-screen.js').then((module) => ({ default: module.CaseScreen })));
const CompareScreen = lazy(() => import('./screens/compare-screen.js').then((module) => ({ default: module.CompareScreen })));

type AppInfo = OperationResponse<'app.info'>;

/** The application: language provider, header with navigation and language switcher, one screen. */
export function App({ api, i18n, initialView }: { api: KmsDoctorApi | null; i18n: i18n; initialView?: View }) {
  return (
    <I18nextProvider i18n={i18n}>
      <ApiContext.Provider value={api}>
        <Shell api={api} initialView={initialView ?? { name: 'start' }} />
      </ApiContext.Provider>
    </I18nextProvider>
  );
}

function Shell({ api, initialView }: { api: KmsDoctorApi | null; initialView: View }) {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [view, setView] = useState<View>(initialView);

  useEffect(() => {
    if (api === null) return;
    api['app.info']({}).then(
      (value) => {
        setInfo(value);
        // Opens the event stream now, so the first events of a run are not missed.
        api.on('run.finished', () => undefined);
      },
      (reason: unknown) => setError(errorInfo(reason)),
    );
  }, [api]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  // Each screen moves focus to its own heading when it mounts (useFocusHeading): lazily loaded screens
  // mount after this call, and a tab change inside a screen must leave focus on the tab.
  const navigate = useCallback<Navigate>((next) => setView(next), []);

  const changeLanguage = (language: UiLanguageCode) => {
    rememberLanguage(language);
    void i18n.changeLanguage(language);
  };

  const screen = useMemo(() => {
    // Screens start their own requests at once, beside app.info: one round trip less before the start screen is usable.
    if (api === null || error !== null) return null;
    switch (view.name) {
      case 'start':
        return <StartScreen info={info} navigate={navigate} />;
      case 'running':
        return <RunningScreen runId={view.runId} navigate={navigate} />;
      case 'results':
        return <ResultsScreen runId={view.runId} tab={view.tab} navigate={navigate} {...(view.caseId !== undefined ? { caseId: view.caseId } : {})} />;
      case 'case':
        return <CaseScreen caseId={view.caseId} navigate={navigate} />;
      case 'history':
        return <HistoryScreen navigate={navigate} />;
      case 'compare':
        return <CompareScreen olderRunId={view.olderRunId} newerRunId={view.newerRunId} navigate={navigate} />;
    }
  }, [api, info, error, view, navigate]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        {info !== null && (
          <nav aria-label={t('app.nav.label')} className="app-nav">
            <button type="button" aria-current={view.name === 'start' ? 'page' : undefined} onClick={() => navigate({ name: 'start' })}>
              {t('app.nav.start')}
            </button>
            <button type="button" aria-current={view.name === 'history' ? 'page' : undefined} onClick={() => navigate({ name: 'history' })}>
              {t('app.nav.history')}
            </button>
          </nav>
        )}
        <label className="language-switcher">
          <span>{t('app.language')}</span>
          <select value={i18n.language} onChange={(event) => changeLanguage(event.target.value as UiLanguageCode)}>
            {uiLanguages.map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`languages.${language}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main id="main">
        {api === null && <p role="status">{t('app.noConnection')}</p>}
        {api !== null && error !== null && (
          <p role="alert" className="error">
            <ErrorText error={error} lead={t('app.noConnection')} />
          </p>
        )}
        {info !== null && (
          <p className="app-info" data-testid="app-info">
            KMS Doctor {info.version} · {info.platform}
          </p>
        )}
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>{screen}</Suspense>
      </main>
    </div>
  );
}
