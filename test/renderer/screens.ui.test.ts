import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { launchChromium } from '../helpers/chromium.js';
import { builtRenderer, repo, startPreview, type RunningPreview } from './support/preview.js';

/**
 * Every screen in every UI language, light and dark, at the two window sizes a technician uses: the
 * screenshots are written as test artifacts (not committed), axe must find nothing serious in either
 * theme, and in Japanese and Traditional Chinese no run of English words may show outside what is
 * verbatim evidence (code, pre, translate="no") and the allow-list of names that are never translated.
 */
const artifacts = path.join(repo, 'test-artifacts', 'ui', 'screens');
const viewports = [
  { width: 1024, height: 768 },
  { width: 1600, height: 1000 },
] as const;
const schemes = ['light', 'dark'] as const;
const sweepTimeoutMs = 300_000;

/** Names that stay in English in every language (product, log and protocol names Microsoft does not translate). */
export const englishAllowList: readonly RegExp[] = [
  /KMS Doctor/g,
  /Key Management Service/g,
  /Microsoft Windows( Server)?( \d+)?( [A-Z][a-z]+)*/g,
  /Windows Server( \d+)?( [A-Z][a-z]+)*/g,
  /Windows \d+( [A-Z][a-z]+)*/g,
  /Security-SPP/g,
  /SoftwareLicensing(Product|Service)/g,
  /Get-WinEvent/g,
  /VOLUME_[A-Z_]+/g,
  /KMS RPC/g,
  /_vlmcs\._tcp( SRV)?/g,
  /Windows\(R\),? [A-Za-z]+ edition/g,
  /\/dlv( all)?/g,
  // Microsoft's Japanese and Chinese pages keep the name: "Active Directory ベースのライセンス認証", "Active Directory 型啟用".
  /Active Directory/g,
];

/** Runs of two or more English words in the page's text, outside code, pre and translate="no" elements. */
async function englishRuns(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent === null || parent.closest('code, pre, kbd, samp, script, style, [translate="no"], .visually-hidden, option') !== null) continue;
      if (parent.closest('[hidden], details:not([open]) > :not(summary)') !== null) continue;
      const text = node.textContent ?? '';
      if (text.trim() !== '') out.push(text);
    }
    // Accessible names the eye does not see but a screen reader reads, less the verbatim text they quote
    // (a copy button is named after the command it copies).
    const verbatim = [...document.querySelectorAll('code, pre')].map((element) => element.textContent ?? '').filter((text) => text.length > 0);
    for (const element of document.querySelectorAll('[aria-label]')) {
      let name = element.getAttribute('aria-label') ?? '';
      for (const quoted of verbatim) name = name.split(quoted).join(' ');
      out.push(name);
    }
    return out;
  });
  const runs: string[] = [];
  for (let text of texts) {
    for (const allowed of englishAllowList) text = text.replace(allowed, ' ');
    for (const match of text.matchAll(/[A-Za-z][A-Za-z'’]+(?:[ \u00a0]+[A-Za-z][A-Za-z'’]+)+/g)) runs.push(match[0]);
  }
  return [...new Set(runs)];
}

/**
 * Short values that must stay on one line at every width (a narrow CJK column used to stack 警/告, 0.0/秒
 * and dates one character per line): their box is at most one line high.
 */
async function wrappedShortValues(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('main time, main .badge, main .numeric, main thead th, main .status, main .tab, main .button-small')) {
      if (element.offsetParent === null || element.textContent?.trim() === '') continue;
      const style = getComputedStyle(element);
      const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.45;
      // The text's own box (a table cell stretches to its row; its text does not).
      const range = document.createRange();
      range.selectNodeContents(element);
      const height = range.getBoundingClientRect().height;
      if (height > line * 1.5) out.push(`${element.tagName.toLowerCase()}.${element.className}: "${element.textContent?.trim()}" is ${Math.round(height)}px high`);
    }
    return out;
  });
}

/** Shoots one screen in both themes and sizes, checks axe in both themes and, in ja/zh-TW, the English runs. */
async function sweep(page: Page, name: string, language: string): Promise<void> {
  if (language !== 'en') expect(await englishRuns(page), `${name} (${language}): English outside the allow-list`).toEqual([]);
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `${name} (${language}, ${scheme})`).toEqual([]);
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      expect(await wrappedShortValues(page), `${name} (${language}) at ${viewport.width} px`).toEqual([]);
      await page.screenshot({ path: path.join(artifacts, `${name}.${language}.${scheme}.${viewport.width}x${viewport.height}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(viewports[0]);
}

const label = {
  en: { client: 'Diagnose this client', host: 'Diagnose this host', done: /Finished/ },
  ja: { client: 'このクライアントを診断', host: 'このホストを診断', done: /終了/ },
  'zh-TW': { client: '診斷這台用戶端', host: '診斷這台主機', done: /已結束/ },
} as const;

async function runDiagnosis(page: Page, language: keyof typeof label, role: 'client' | 'host'): Promise<void> {
  await page.getByRole('navigation').getByRole('button').nth(0).click();
  await page.getByRole('button', { name: label[language][role], exact: true }).click();
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toMatch(label[language].done);
}

/** Every tab of the results screen, in order. */
async function sweepTabs(page: Page, prefix: string, language: string): Promise<void> {
  await page.locator('.actions .button-primary').click();
  await expect.poll(() => page.getByRole('tab').count()).toBeGreaterThan(1);
  const count = await page.getByRole('tab').count();
  for (let index = 0; index < count; index++) {
    const tab = page.getByRole('tab').nth(index);
    await tab.click();
    const id = ((await tab.getAttribute('id')) ?? `tab-${index}`).replace(/^tab-/, '');
    // The export tab loads its plan: wait for the file list (or its error) before judging the screen.
    if (id === 'export') await expect.poll(() => page.locator('[data-testid="export-files"], .export [role="alert"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    else await page.waitForTimeout(100);
    await sweep(page, `${prefix}-${id}`, language);
    if (id === 'findings') await printCheck(page, `${prefix}-${id}`, language);
  }
}

/** Printed, the page is its content: no header, tabs or buttons; evidence black on white; folded parts open; a PDF kept. */
async function printCheck(page: Page, name: string, language: string): Promise<void> {
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const printed = await page.evaluate(() => {
    const shown = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)].some((element) => getComputedStyle(element).display !== 'none');
    const pre = document.querySelector('.evidence pre');
    const details = document.querySelector('details:not([open]) > ul, details:not([open]) > table');
    return {
      header: shown('.app-header'),
      tabs: shown('.tabs'),
      buttons: shown('main button'),
      evidence: pre === null ? null : { background: getComputedStyle(pre).backgroundColor, color: getComputedStyle(pre).color },
      folded: details === null ? null : details.checkVisibility(),
    };
  });
  expect(printed, `${name} (${language}) printed`).toMatchObject({ header: false, tabs: false, buttons: false });
  if (printed.evidence !== null) expect(printed.evidence).toEqual({ background: 'rgb(255, 255, 255)', color: 'rgb(0, 0, 0)' });
  if (printed.folded !== null) expect(printed.folded, 'a folded part is printed').toBe(true);
  await page.pdf({ path: path.join(artifacts, `${name}.${language}.pdf`), format: 'A4' });
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
}

/** A case folder as a technician gathers one: a KMS host's bundle folder and a client's, side by side. */
async function caseFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kmsd-case-'));
  const folder = path.join(dir, 'site-a');
  await cp(path.join(repo, 'samples', 'host-duplicate-cmid'), path.join(folder, 'KMS01'), { recursive: true });
  await cp(path.join(repo, 'samples', 'client-clock-skew'), path.join(folder, 'PC404'), { recursive: true });
  return folder;
}

describe('every screen in en, ja and zh-TW, light and dark, at 1024×768 and 1600×1000', () => {
  let browser: Browser;
  const previews: RunningPreview[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(builtRenderer, 'index.html'))) throw new Error('renderer not built: run `npm run build` first (npm test does)');
    browser = await launchChromium();
    await mkdir(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    for (const item of previews) await item.close();
  });

  /** The start screen of a preview replaying `machine`, in the browser locale of `language`; page errors collected. */
  const openStart = async (machine: string, language: 'en' | 'ja' | 'zh-TW'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> => {
    const preview = await startPreview(machine);
    previews.push(preview);
    const context = await browser.newContext({ locale: language === 'en' ? 'en-US' : language === 'ja' ? 'ja-JP' : 'zh-TW', viewport: viewports[0] });
    // Nothing leaves loopback: anything else gets an empty page.
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.fulfill({ status: 204, body: '' })));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(preview.url);
    await expect.poll(() => page.getByTestId('detected-role').count(), { timeout: 30_000 }).toBe(1);
    return { context, page, errors };
  };

  for (const language of ['en', 'ja', 'zh-TW'] as const) {
    it(`client and host screens in ${language}`, async () => {
      for (const [machine, role] of [
        ['client-port-filtered', 'client'],
        ['host-duplicate-cmid', 'host'],
      ] as const) {
        const { context, page, errors } = await openStart(machine, language);
        // The app starts in the language of the browser's locale (the OS language in the desktop app).
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
        await sweep(page, `${machine}-start`, language);
        await runDiagnosis(page, language, role);
        await sweep(page, `${machine}-running`, language);
        await sweepTabs(page, machine, language);
        if (role === 'client') {
          // A second run so the history has two to compare.
          await runDiagnosis(page, language, 'client');
          await page.getByRole('navigation').getByRole('button').nth(1).click();
          await expect.poll(() => page.getByTestId('history-table').locator('tbody tr').count()).toBe(2);
          await sweep(page, `${machine}-history`, language);
          for (const box of await page.getByRole('checkbox').all()) await box.check();
          await page.locator('.history-screen > button').click();
          await expect.poll(() => page.getByTestId('compare-unchanged').count()).toBe(1);
          await sweep(page, `${machine}-compare`, language);
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    }, sweepTimeoutMs);

    it(`the case screen in ${language}: a host and a client opened together as a folder`, async () => {
      const { context, page, errors } = await openStart('client-port-filtered', language);
      await page.getByTestId('bundle-folder-input').setInputFiles(await caseFolder());
      await expect.poll(() => page.getByTestId('case-machines').locator('li.case-machine').count(), { timeout: 30_000 }).toBe(2);
      // Focus is on the case's heading; the case findings come first, then the machines.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-heading');
      expect(await page.locator('[data-testid="case-findings"] [data-finding-id="case.count-below-client-minimum"]').count()).toBe(1);
      await sweep(page, 'case', language);
      await printCheck(page, 'case', language);
      // A machine's full result, and back.
      await page.getByTestId('case-machines').locator('li.case-machine button').first().click();
      await expect.poll(() => page.locator('[data-finding-id]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.locator('.actions button').first().click();
      await expect.poll(() => page.getByTestId('case-machines').count()).toBe(1);
      // The history keeps the case with its machines.
      await page.getByRole('navigation').getByRole('button').nth(1).click();
      await expect.poll(() => page.getByTestId('history-cases').locator('tbody tr').count(), { timeout: 30_000 }).toBe(1);
      await sweep(page, 'case-history', language);
      expect(errors).toEqual([]);
      await context.close();
    }, sweepTimeoutMs);
  }
});
