import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { serveDirectory } from '../helpers/static-server.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const built = `${repo}out/renderer`;
const artifacts = `${repo}test-artifacts/ui`;

describe('the built renderer in Chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveDirectory>>;

  beforeAll(async () => {
    if (!existsSync(`${built}/index.html`)) throw new Error('renderer not built: run `npm run build` first (npm test does)');
    site = await serveDirectory(built);
    browser = await launchChromium();
    await mkdir(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('renders the app shell over a server without the API, says there is no connection, and throws nothing', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      // The bridge's request to the missing API is answered 404: that one resource error is expected.
      if (message.type() === 'error' && !message.text().includes('404')) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(site.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('KMS Doctor');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No connection');
    await page.screenshot({ path: `${artifacts}/app-shell.png` });
    expect(errors).toEqual([]);
  });

  it('shows what the API reports when a bridge is present', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      (window as unknown as { kmsDoctor: unknown }).kmsDoctor = {
        'app.info': async () => ({ version: '9.9.9', platform: 'test-os', canCollect: false, elevated: null }),
        on: () => () => undefined,
      };
    });
    await page.goto(site.url);
    await expect.poll(() => page.getByTestId('app-info').textContent()).toContain('9.9.9 · test-os');
  });
});
