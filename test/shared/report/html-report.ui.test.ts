import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEvidence } from '../../../electron/evidence/load-evidence.js';
import { diagnose, type Lang } from '../../../shared/diagnose/index.js';
import { renderHtmlReport } from '../../../shared/report/render-html.js';
import { launchChromium } from '../../helpers/chromium.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const artifacts = `${repo}test-artifacts/report`;

async function reportFile(sample: string, lang: Lang): Promise<string> {
  const loaded = await loadEvidence(path.join(repo, 'samples', sample));
  const result = diagnose(loaded.evidence, { lang });
  const html = renderHtmlReport({ result, manifest: loaded.evidence.manifest, rawSources: loaded.evidence.rawSources, toolVersion: '0.1.0' });
  const file = path.join(await makeTempDir(), `${sample}.${lang}.html`);
  await writeFile(file, html, 'utf8');
  return file;
}

describe('the HTML report in Chromium, offline', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    await mkdir(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens from file:// with no other request, shows findings, chart and tables, raw outputs collapsed', async () => {
    const file = await reportFile('host-duplicate-cmid', 'en');
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    // Anything but the report itself is refused and recorded: the report must need nothing else.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      return url.startsWith('file:') ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(pathToFileURL(file).href);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);

    await expect.poll(() => page.locator('h1').textContent()).toBe('KMS Doctor report');
    // The verdict comes first, then the root cause with its fix, then the rest.
    const verdict = page.locator('#verdict');
    expect(await verdict.locator('.verdict').textContent()).toBe('Problem');
    expect(await verdict.locator('.summary').textContent()).toMatch(/^Root cause: Duplicate client machine IDs/);
    const sections = await page.locator('main > section').evaluateAll((all) => all.map((s) => s.id || s.className));
    expect(sections.indexOf('verdict')).toBeLessThan(sections.indexOf('root-cause'));
    const first = page.locator('#root-cause article.finding').first();
    expect(await first.getAttribute('id')).toBe('host.duplicate-cmid');
    expect(await first.locator('h3').textContent()).toContain('Duplicate client machine IDs');
    expect(await first.locator('pre code').first().textContent()).toBe('%SystemRoot%\\System32\\Sysprep\\sysprep.exe /generalize /oobe /shutdown');
    expect(await first.locator('.caution').first().textContent()).toMatch(/never on a machine in use/);
    expect(await first.locator('.where').first().textContent()).toBe('on the client · Command Prompt (cmd)');

    // The chart is static SVG with one bar group per day that had requests.
    const bars = await page.locator('#host-analysis svg g').count();
    expect(bars).toBeGreaterThan(5);
    const box = await page.locator('#host-analysis svg').boundingBox();
    expect(box!.width).toBeGreaterThan(500);
    expect(await page.locator('#host-analysis table').first().textContent()).toContain('Windows client OS');

    await page.screenshot({ path: `${artifacts}/report-host-duplicate-cmid.png`, fullPage: true });

    // Raw outputs are collapsed: their text is in the page but not shown until opened.
    const raw = page.locator('#raw details').first();
    expect(await raw.getAttribute('open')).toBeNull();
    expect(await raw.locator('pre').isVisible()).toBe(false);
    await raw.locator('summary').click();
    expect(await raw.locator('pre').isVisible()).toBe(true);
    await context.close();
  });

  it('prints: PDF output with the findings, each link spelled out once, collapsed raw outputs printed in full', async () => {
    const file = await reportFile('client-no-srv', 'en');
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.emulateMedia({ media: 'print' });
    // A documentation link's text is its URL: printing the href after it again wrote every link twice.
    const link = await page.evaluate(() => {
      const anchor = document.querySelector<HTMLAnchorElement>('article.finding a')!;
      return { text: anchor.textContent, after: getComputedStyle(anchor, '::after').content };
    });
    expect(link.text).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(link.after).toBe('none');
    // A closed <details> (the raw outputs) prints its content, not only its title.
    const visible = () => page.evaluate(() => document.querySelector('details:not([open]) > pre')?.checkVisibility() ?? null);
    expect(await visible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await visible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.close();
  });

  it('renders Japanese and Traditional Chinese reports in their language', async () => {
    for (const [lang, heading, word] of [['ja', 'KMS Doctor レポート', 'DNS に KMS の SRV レコードがありません'], ['zh-TW', 'KMS Doctor 報告', 'DNS 中沒有 KMS SRV 記錄']] as const) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(pathToFileURL(await reportFile('client-no-srv', lang)).href);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('h1').textContent()).toBe(heading);
      expect(await page.locator('article.finding h3').first().textContent()).toContain(word);
      await page.screenshot({ path: `${artifacts}/report-client-no-srv.${lang}.png`, fullPage: true });
      await page.close();
    }
  });
});
