// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { uiEn } from '../../shared/i18n/ui-en.js';
import { uiJa } from '../../shared/i18n/ui-ja.js';
import { uiZhTw } from '../../shared/i18n/ui-zh-tw.js';
import { initialLanguage, languageFor } from '../../renderer/src/i18n.js';
import { appInfo, machineInfo } from './support/runs.js';
import { contractApi } from './support/contract-api.js';
import { renderApp } from './support/render-app.js';

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof child === 'string') out.set(path, child);
    else for (const [k, v] of flatten(child, path)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the app shell and its languages', () => {
  it('says there is no back end when the page runs without one', () => {
    renderApp(null);
    expect(screen.getByRole('status').textContent).toBe('No connection to the KMS Doctor service: this page runs without its back end.');
  });

  it('says so when the service does not answer', async () => {
    renderApp(contractApi({ 'app.info': () => { throw { code: 'failed', message: 'connection refused' }; } }));
    expect((await screen.findByRole('alert')).textContent).toBe('No connection to the KMS Doctor service: this page runs without its back end. Something went wrong. What the service said: connection refused');
  });

  it('picks the OS language: ja, zh-TW for Traditional Chinese locales, English otherwise', () => {
    expect(languageFor(['ja-JP', 'en-US'])).toBe('ja');
    expect(languageFor(['zh-TW'])).toBe('zh-TW');
    expect(languageFor(['zh-HK'])).toBe('zh-TW');
    expect(languageFor(['zh-Hant-TW'])).toBe('zh-TW');
    expect(languageFor(['zh-CN', 'ja'])).toBe('ja');
    expect(languageFor(['fr-FR', 'de'])).toBe('en');
    expect(languageFor([])).toBe('en');
  });

  it('switches language from the header, re-renders every text and remembers the choice', async () => {
    renderApp(contractApi({ 'app.info': () => appInfo, 'machine.info': () => machineInfo, 'history.list': () => ({ runs: [] }) }));
    await screen.findByTestId('machine-name');
    const switcher = screen.getByRole('combobox', { name: 'Language' });
    fireEvent.change(switcher, { target: { value: 'ja' } });
    expect(await screen.findByRole('heading', { level: 2, name: 'KMS ライセンス認証の診断' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'このクライアントを診断' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');
    expect(window.localStorage.getItem('kmsd.language')).toBe('ja');
    expect(initialLanguage()).toBe('ja');
    fireEvent.change(screen.getByRole('combobox', { name: '言語' }), { target: { value: 'zh-TW' } });
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('診斷 KMS 啟用'));
    expect(screen.getByTestId('detected-role').textContent).toBe('KMS 用戶端 — 描述顯示 VOLUME_KMSCLIENT');
  });

  it('has the same keys and placeholders in all three catalogs, none empty, ja and zh-TW translated', () => {
    const en = flatten(uiEn);
    for (const other of [flatten(uiJa), flatten(uiZhTw)]) {
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      let translated = 0;
      for (const [key, text] of other) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(en.get(key)!));
        if (text !== en.get(key)) translated++;
      }
      // Only names (KMS Doctor, CMID, OK, language names, units) may stay as in English.
      expect(translated / other.size).toBeGreaterThan(0.9);
    }
  });
});
