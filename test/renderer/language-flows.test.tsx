// @vitest-environment happy-dom
import path from 'node:path';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { App } from '../../renderer/src/app.js';
import { createI18n, initialLanguage } from '../../renderer/src/i18n.js';
import { createPreviewHandlers } from '../../electron/preview/preview-services.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { contractApi, type TestApi } from './support/contract-api.js';
import './support/render-app.js';

/**
 * The language flows of the app over the real services, without a browser: the preview's own handlers
 * (replay collectors over a recorded machine, a real SQLite history, the diagnosis engine) in this
 * process, reached through the contract's dispatcher and checked against its schemas both ways. What
 * needs a real browser (axe, layout, screenshots, English left on screen in ja/zh-TW) stays in
 * screens.ui.test.ts.
 */
async function servicesApi(machine: string): Promise<TestApi> {
  const dataDir = await makeTempDir('kmsd-language-');
  const holder: { api?: TestApi } = {};
  const { handlers, store } = await createPreviewHandlers(
    { machineDir: path.join(repo, 'samples', machine), dataDir },
    {
      emit: (event, payload) => {
        act(() => holder.api?.emit(event, payload));
        return true;
      },
      offerDownload: (id) => `/download/${id}`,
    },
  );
  onTestFinished(() => store.close());
  holder.api = contractApi(handlers as Parameters<typeof contractApi>[0]);
  return holder.api;
}

/** The OS language list the page sees (Chromium takes it from the OS locale). */
function osLanguages(languages: readonly string[]): void {
  Object.defineProperty(window.navigator, 'languages', { value: languages, configurable: true });
}

// happy-dom's URL is not Node's, so the repo is found from this file's folder.
const repo = path.resolve(import.meta.dirname, '../..');
const waitLong = { timeout: 15_000 };
const cjk = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('the app starts in the OS language and switches in the header (real services, no browser)', () => {
  afterEach(() => osLanguages(['en-US', 'en']));

  for (const { language, locale, heading, findingsTab, host, client, finished, tabs } of [
    { language: 'ja', locale: 'ja-JP', heading: 'KMS ライセンス認証の診断', findingsTab: '検出事項', host: 'このホストを診断', client: 'このクライアントを診断', finished: /終了/, tabs: 3 },
    { language: 'zh-TW', locale: 'zh-TW', heading: '診斷 KMS 啟用', findingsTab: '檢查結果', host: '診斷這台主機', client: '診斷這台用戶端', finished: /已結束/, tabs: 3 },
  ] as const) {
    it(`starts in ${language} from the OS language, switches to English and back, runs, and shows findings, history and compare in ${language}`, async () => {
      const api = await servicesApi('host-duplicate-cmid');
      osLanguages([locale, 'en-US']);
      // As renderer/src/main.tsx starts the app.
      render(<App api={api} i18n={createI18n(initialLanguage())} />);
      expect((await screen.findByRole('heading', { level: 2 }, waitLong)).textContent).toBe(heading);
      expect(document.documentElement.lang).toBe(language);

      // Switch to English and back with the header switcher.
      fireEvent.change(screen.getByRole('combobox'), { target: { value: 'en' } });
      await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Diagnose KMS activation'));
      expect(document.documentElement.lang).toBe('en');
      fireEvent.change(screen.getByRole('combobox'), { target: { value: language } });
      await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(heading));
      expect(document.documentElement.lang).toBe(language);

      fireEvent.click(await screen.findByRole('button', { name: host }, waitLong));
      await waitFor(() => expect(screen.getByTestId('run-status').textContent).toMatch(finished), waitLong);
      fireEvent.click(document.querySelector<HTMLElement>('.actions .button-primary')!);
      await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(findingsTab), waitLong);
      // The findings themselves come from the engine in the same language.
      const first = await waitFor(() => {
        const title = document.querySelector('[data-finding-id] h3');
        expect(title).not.toBeNull();
        return title!;
      }, waitLong);
      expect(first.textContent).toMatch(cjk);
      // A host run has the findings, the host dashboard and the export (no client path), named in the language.
      const tabList = screen.getAllByRole('tab');
      expect(tabList).toHaveLength(tabs);
      for (const tab of tabList) expect(tab.textContent).toMatch(cjk);
      expect(tabList.map((tab) => tab.id)).toEqual(['tab-findings', 'tab-host', 'tab-export']);

      // A second run, so the history has two to compare: a client run finds other things than the host run.
      fireEvent.click(within(screen.getByRole('navigation')).getAllByRole('button')[0]!);
      fireEvent.click(await screen.findByRole('button', { name: client }, waitLong));
      await waitFor(() => expect(screen.getByTestId('run-status').textContent).toMatch(finished), waitLong);
      fireEvent.click(within(screen.getByRole('navigation')).getAllByRole('button')[1]!);
      await waitFor(() => expect(screen.getByTestId('history-table').querySelectorAll('tbody tr')).toHaveLength(2), waitLong);
      for (const box of screen.getAllByRole('checkbox')) fireEvent.click(box);
      fireEvent.click(document.querySelector<HTMLElement>('.history-screen > button')!);
      const appeared = await waitFor(() => {
        const items = screen.getByTestId('compare-appeared').querySelectorAll('li');
        expect(items.length).toBeGreaterThan(0);
        return [...items];
      }, waitLong);
      expect(appeared[0]!.textContent).toMatch(cjk);
    }, 60_000);
  }
});
