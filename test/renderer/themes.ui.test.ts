import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { launchChromium } from '../helpers/chromium.js';
import { builtRenderer, startPreview, type RunningPreview } from './support/preview.js';

describe('themes that follow the OS, and the recommended path', () => {
  let browser: Browser;
  let preview: RunningPreview;
  beforeAll(async () => {
    if (!existsSync(path.join(builtRenderer, 'index.html'))) throw new Error('renderer not built: run `npm run build` first (npm test does)');
    browser = await launchChromium();
    preview = await startPreview('client-no-srv');
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  it('marks the recommended path with its own frame and tag, never like keyboard focus', async () => {
    const page = await browser.newPage();
    await page.goto(preview.url);
    const recommended = page.locator('.path-choice.recommended');
    await recommended.waitFor();
    const look = await recommended.evaluate((element) => {
      const frame = getComputedStyle(element);
      const button = getComputedStyle(element.querySelector('button')!);
      const focusColour = getComputedStyle(document.documentElement).getPropertyValue('--focus').trim();
      return { frame: frame.borderTopColor, frameWidth: frame.borderTopWidth, buttonShadow: button.boxShadow, buttonOutline: button.outlineStyle, focusColour };
    });
    expect(look.frameWidth).toBe('2px');
    expect(look.frame).toBe('rgb(30, 107, 52)');
    expect(look.buttonShadow).toBe('none');
    expect(look.buttonOutline).toBe('none');
    expect(look.focusColour).toBe('#ffbf47');
    expect(await recommended.locator('.recommended-tag').textContent()).toBe(' Recommended for the detected role');
    await page.close();
  }, 60_000);

  it('follows the OS: dark colours with prefers-color-scheme, system colours and frames with forced-colors, axe clean in both', async () => {
    const page = await browser.newPage({ colorScheme: 'dark' });
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Diagnose this client' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toMatch(/Finished/);
    await page.getByRole('button', { name: 'View findings' }).click();
    await page.locator('[data-finding-id]').first().waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(20, 23, 27)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ forcedColors: 'active' });
    const badge = await page.locator('.badge').first().evaluate((element) => ({ width: getComputedStyle(element).borderTopWidth, style: getComputedStyle(element).borderTopStyle }));
    expect(badge).toEqual({ width: '2px', style: 'solid' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 90_000);
});
