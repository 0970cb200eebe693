import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { seriousViolations } from '../helpers/axe.js';
import { launchChromium } from '../helpers/chromium.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { builtRenderer, repo, startPreview, type RunningPreview } from './support/preview.js';

const artifacts = path.join(repo, 'test-artifacts', 'ui');
/** Each flow drives a real browser through several screens; the build machines are shared, so allow for load. */
const flowTimeoutMs = 180_000;
const docPage = '<!doctype html><title>doc</title><p>documentation stand-in</p>';

/** A browser context whose requests never leave loopback: documentation links get a local stand-in page. */
async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 900 } });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    return route.fulfill({ status: 200, contentType: 'text/html', body: docPage });
  });
  return context;
}

async function shot(page: Page, name: string, language: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.${language}.png`), fullPage: true });
}

/** Checks accessibility, then keeps a screenshot of the screen. */
async function screen(page: Page, name: string, language: string): Promise<void> {
  expect(await seriousViolations(page), `${name} (${language})`).toEqual([]);
  await shot(page, name, language);
}

async function diagnose(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toMatch(/Finished|終了|已結束/);
}

/**
 * The port-filtered sample opened as a folder named PC-port-filtered: its diagnosis given, its manifest read
 * at the top of the folder and the events in events/ by their kind, the folder named in the summary.
 */
async function expectPortFilteredFolderRead(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toMatch(/Finished/);
  await page.getByRole('button', { name: 'View findings' }).click();
  await expect.poll(() => page.getByTestId('verdict').getAttribute('data-state')).toBe('problem');
  expect(await page.locator('[data-finding-id="client.port-unreachable"]').count()).toBe(1);
  const opened = page.getByTestId('opened-files');
  expect(await opened.locator('tr[data-kind="manifest"]').count()).toBe(1);
  expect(await opened.locator('tr[data-kind="eventsApplicationSppEvtx"] th').textContent()).toBe('events/application-spp.evtx');
  expect(await page.getByTestId('run-summary').textContent()).toContain('PC-port-filtered');
}

describe('the guided UI in Chromium over the real services (replay)', () => {
  let browser: Browser;
  const previews: RunningPreview[] = [];
  const preview = async (machine: string) => {
    const started = await startPreview(machine);
    previews.push(started);
    return started;
  };
  /** The app over a sample's preview, in a fresh loopback-only context. */
  const openApp = async (machine: string): Promise<{ context: BrowserContext; page: Page }> => {
    const { url } = await preview(machine);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    return { context, page };
  };

  beforeAll(async () => {
    if (!existsSync(path.join(builtRenderer, 'index.html'))) throw new Error('renderer not built: run `npm run build` first (npm test does)');
    browser = await launchChromium();
    await mkdir(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    for (const item of previews) await item.close();
  });

  it('client flow on the no-SRV sample: start, running, findings with proof and fixes, doc link outside the app, client path', async () => {
    const { url } = await preview('client-no-srv');
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await expect.poll(() => page.getByTestId('machine-name').textContent()).toBe('PC102');
    expect(await page.getByTestId('detected-role').textContent()).toBe('KMS client — Description says VOLUME_KMSCLIENT');
    await screen(page, 'start', 'en');

    await diagnose(page, 'Diagnose this client');
    // The probes ran, but what they proved (no SRV record) is a problem: the tick says so.
    await expect.poll(() => page.getByTestId('step-probes').getAttribute('data-status'), { timeout: 20_000 }).toBe('problem');
    expect(await page.getByTestId('step-slmgrDlv').textContent()).toContain('slmgr.vbs /dlv');
    await page.getByTestId('step-slmgrDlv').getByRole('button', { name: 'Show output' }).click();
    await expect.poll(() => page.getByLabel(/^Raw output of/).textContent()).toContain('VOLUME_KMSCLIENT');
    await screen(page, 'running', 'en');

    await page.getByRole('button', { name: 'View findings' }).click();
    const first = page.locator('[data-finding-id]').first();
    expect(await first.getAttribute('data-finding-id')).toBe('client.dns-no-srv');
    expect(await first.locator('mark').first().textContent()).toContain('_vlmcs._tcp');
    expect(await first.getByRole('button', { name: /^Copy the command/ }).count()).toBeGreaterThan(0);
    await screen(page, 'findings', 'en');
    await page.screenshot({ path: path.join(artifacts, 'findings-viewport.en.png') });

    // The documentation link opens a new browser tab (the preview's system browser), never the app window.
    const popup = page.waitForEvent('popup');
    await first.getByRole('link').first().click();
    const opened = await popup;
    expect(opened.url()).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(page.url()).toBe(url);
    await opened.close();

    await page.getByRole('tab', { name: 'Client path' }).click();
    expect(await page.getByTestId('hop-srv').getAttribute('data-state')).toBe('problem');
    expect(await page.getByTestId('hop-suffixes').getAttribute('data-state')).toBe('ok');
    expect(await page.getByTestId('hop-srv').textContent()).toContain('_vlmcs._tcp.contoso.com asked of 10.0.0.10:53: no such name');
    await screen(page, 'client-path', 'en');
    expect(errors).toEqual([]);
    await context.close();
  }, flowTimeoutMs);

  it('host flow on the duplicate-CMID sample: duplicate CMIDs first, dashboard with counts, chart, CMID table, DNS and firewall', async () => {
    const { context, page } = await openApp('host-duplicate-cmid');
    await expect.poll(() => page.getByTestId('detected-role').textContent()).toMatch(/^KMS host — Description says VOLUME_KMS/);
    await diagnose(page, 'Diagnose this host');
    await page.getByRole('button', { name: 'View findings' }).click();
    expect(await page.locator('[data-finding-id]').first().getAttribute('data-finding-id')).toBe('host.duplicate-cmid');
    await page.getByRole('tab', { name: 'Host dashboard' }).click();
    const duplicates = page.getByTestId('duplicate-cmids');
    await expect.poll(() => duplicates.locator('tbody tr').count()).toBeGreaterThan(0);
    expect((await duplicates.locator('tbody tr').first().locator('td').first().textContent())?.split(', ').length).toBeGreaterThan(1);
    expect(await page.getByTestId('family-client').textContent()).toMatch(/of 25 needed \(cap 50\)/);
    expect(await page.getByTestId('requests-chart').locator('rect.bar-requests').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('firewall').textContent()).not.toBe('');
    await screen(page, 'host-dashboard', 'en');
    await context.close();
  }, flowTimeoutMs);

  it('exports a redacted bundle: the zip has a redacted manifest and no .evtx, and the download is offered', async () => {
    const { context, page } = await openApp('client-no-srv');
    await diagnose(page, 'Diagnose this client');
    await page.getByRole('button', { name: 'View findings' }).click();
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByRole('switch', { name: 'Redact identifiers' }).check();
    await expect.poll(() => page.getByTestId('export-files').textContent()).toContain('manifest.json');
    await page.getByRole('button', { name: 'Save the zip…' }).click();
    await expect.poll(() => page.getByTestId('export-path').textContent(), { timeout: 20_000 }).toMatch(/\.zip$/);
    const zipPath = (await page.getByTestId('export-path').textContent()) ?? '';
    await page.getByRole('button', { name: 'Show in folder' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the zip' }).click();
    expect((await download).suggestedFilename()).toMatch(/^kms-doctor-redacted-.*\.zip$/);
    await screen(page, 'export', 'en');

    const entries = await zipEntries(zipPath);
    const manifest = JSON.parse(entries.get('manifest.json') ?? '{}') as { redacted: boolean; machine: { name: string | null }; files: Array<{ path: string }> };
    expect(manifest.redacted).toBe(true);
    expect(manifest.machine.name).toBeNull();
    expect(manifest.files.some((file) => file.path.endsWith('.evtx'))).toBe(false);
    for (const [name, text] of entries) if (!name.endsWith('.evtx')) expect(text, name).not.toContain('PC102');
    await context.close();
  }, flowTimeoutMs);

  it('refuses a hostile bundle with a clear message on the screen', async () => {
    const { url } = await preview('client-no-srv');
    const dir = await makeTempDir('kmsd-hostile-');
    const bomb = path.join(dir, 'customer.zip');
    await writeZip(bomb, [['manifest.json', Buffer.from('{}')], ['events/kms-host.xml', Buffer.alloc(8 * 1024 * 1024)]]);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('bundle-file-input').setInputFiles(bomb);
    await expect.poll(() => page.getByTestId('bundle-error').textContent(), { timeout: 20_000 }).toMatch(/^This cannot be opened\. This was refused\. What the service said: customer\.zip: refused: /);
    expect(await page.getByTestId('bundle-error').textContent()).not.toContain('upload-');
    await shot(page, 'hostile-bundle', 'en');
    await context.close();
  }, flowTimeoutMs);

  it('opens a zip of loose files without a manifest: what each file is, the verdict, and what could not be checked', async () => {
    const { url } = await preview('client-no-srv');
    const dir = await makeTempDir('kmsd-loose-');
    const customer = path.join(dir, 'from-customer.zip');
    const sample = path.join(repo, 'samples', 'client-port-filtered');
    await writeZip(customer, [
      ['dlv.txt', await readFile(path.join(sample, 'slmgr', 'dlv.txt'))],
      ['application-spp.xml', await readFile(path.join(sample, 'events', 'application-spp.xml'))],
    ]);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('bundle-file-input').setInputFiles(customer);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toMatch(/Finished/);
    await page.getByRole('button', { name: 'View findings' }).click();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-state')).toBe('problem');
    expect(await page.getByTestId('opened-files').locator('tr[data-kind="eventsApplicationSppXml"]').count()).toBe(1);
    expect(await page.getByTestId('gaps').textContent()).toContain('DNS and network checks');
    expect(await page.getByTestId('run-summary').textContent()).toContain('from-customer.zip');
    await screen(page, 'opened-loose-zip', 'en');
    await page.getByRole('navigation').getByRole('button', { name: 'History' }).click();
    await expect.poll(() => page.getByTestId('history-table').textContent()).toContain('from-customer.zip');
    await context.close();
  }, flowTimeoutMs);

  it('opens a folder chosen in the browser: a bundle folder keeps its layout and gives the diagnosis', async () => {
    const { url } = await preview('client-no-srv');
    const dir = await makeTempDir('kmsd-folder-');
    const folder = path.join(dir, 'PC-port-filtered');
    await cp(path.join(repo, 'samples', 'client-port-filtered'), folder, { recursive: true });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    // The button opens the folder input (no native dialog in the browser); Playwright fills it with the folder.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a folder…' }).click();
    expect((await chooser).element()).toBeTruthy();
    await page.getByTestId('bundle-folder-input').setInputFiles(folder);
    await expectPortFilteredFolderRead(page);
    await screen(page, 'opened-folder', 'en');
    await context.close();
  }, flowTimeoutMs);

  it('opens a folder dropped on the drop zone: walked to every file, its layout kept, the diagnosis given', async () => {
    // Headless Chromium cannot drop a real folder: a CDP drop of a directory path gives a directory entry
    // whose reading fails (EncodingError), and getAsFileSystemHandle kills the page. So the page gets the
    // sample folder as FileSystemEntry stand-ins (same callbacks, batches of 100 as Chromium's) behind a
    // real DataTransfer's item; everything after webkitGetAsEntry is the app's own code and services.
    const { url } = await preview('client-no-srv');
    const folder = path.join(repo, 'samples', 'client-port-filtered');
    const files = await Promise.all(
      (await readdir(folder, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map(async (entry) => {
          const full = path.join(entry.parentPath, entry.name);
          return { path: path.relative(folder, full).split(path.sep).join('/'), base64: (await readFile(full)).toString('base64') };
        }),
    );
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    await expect.poll(() => page.getByTestId('machine-name').textContent()).toBe('PC102');
    const zone = await page.getByTestId('drop-zone').elementHandle();
    await page.evaluate(
      ({ zone, name, files }) => {
        type Tree = { [part: string]: Tree | File };
        const root: Tree = {};
        for (const file of files) {
          const parts = file.path.split('/');
          let at = root;
          for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Tree;
          const last = parts.at(-1) ?? file.path;
          at[last] = new File([Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0))], last);
        }
        const entryOf = (entryName: string, node: Tree | File): object =>
          node instanceof File
            ? { name: entryName, isFile: true, isDirectory: false, file: (ok: (file: File) => void) => setTimeout(() => ok(node), 0) }
            : {
                name: entryName,
                isFile: false,
                isDirectory: true,
                createReader: () => {
                  const children = Object.entries(node).map(([child, value]) => entryOf(child, value));
                  let offset = 0;
                  return {
                    readEntries: (ok: (entries: object[]) => void) => {
                      const handed = children.slice(offset, offset + 100);
                      offset += handed.length;
                      setTimeout(() => ok(handed), 0);
                    },
                  };
                },
              };
        const transfer = new DataTransfer();
        transfer.items.add(new File([], name));
        Object.defineProperty(DataTransferItem.prototype, 'webkitGetAsEntry', { configurable: true, value: () => entryOf(name, root) });
        for (const type of ['dragenter', 'dragover', 'drop']) zone?.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      },
      { zone, name: 'PC-port-filtered', files },
    );
    // The same reading as the folder picker's.
    await expectPortFilteredFolderRead(page);
    await context.close();
  }, flowTimeoutMs);

  it('a healthy client: the verdict says what works and the checks that passed, in green', async () => {
    // The recording holds every file a collection writes, the .evtx export included, so nothing is missing:
    // no finding at all, and the verdict is plain healthy.
    const { context, page } = await openApp('healthy-client');
    await diagnose(page, 'Diagnose this client');
    await page.getByRole('button', { name: 'View findings' }).click();
    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.getAttribute('data-state')).toBe('healthy');
    expect(await page.locator('[data-finding-id]').count()).toBe(0);
    expect(await verdict.locator('.verdict-works li').first().textContent()).toMatch(/activated by kms01\.contoso\.com:1688/);
    expect(await verdict.locator('.verdict-passed li.status-ok').count()).toBeGreaterThan(2);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.verdict-passed li')!).color)).toBe('rgb(30, 107, 52)');
    await screen(page, 'healthy-client', 'en');
    await context.close();
  }, flowTimeoutMs);

  it('is usable from the keyboard alone, with a visible focus', async () => {
    const { context, page } = await openApp('client-no-srv');
    await expect.poll(() => page.getByTestId('machine-name').textContent()).toBe('PC102');
    let reached = false;
    for (let press = 0; press < 20 && !reached; press++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Diagnose this client');
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBe('3px');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toMatch(/Finished/);
    // The finished run moves focus to "View findings": Enter opens them.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('View findings');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-finding-id]').count()).toBeGreaterThan(0);
    await context.close();
  }, flowTimeoutMs);

  it('history: past runs, reopen, compare two runs', async () => {
    const { context, page } = await openApp('client-no-srv');
    await diagnose(page, 'Diagnose this client');
    await page.getByRole('button', { name: 'Start' }).click();
    await diagnose(page, 'Diagnose this host');
    await page.getByRole('button', { name: 'History' }).click();
    await expect.poll(() => page.getByTestId('history-table').locator('tbody tr').count()).toBe(2);
    await screen(page, 'history', 'en');
    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: 'Compare the two selected runs' }).click();
    await expect.poll(() => page.getByTestId('compare-appeared').textContent()).not.toBe('');
    await screen(page, 'compare', 'en');
    await page.getByRole('button', { name: 'Back to history' }).click();
    await page.getByRole('button', { name: 'Reopen' }).first().click();
    await expect.poll(() => page.locator('[data-finding-id]').count()).toBeGreaterThan(0);
    await context.close();
  }, flowTimeoutMs);
});

function writeZip(file: string, entries: ReadonlyArray<readonly [string, Buffer]>): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, data] of entries) zip.addBuffer(data, name);
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => writeFile(file, Buffer.concat(chunks)).then(resolve, reject));
    zip.outputStream.on('error', reject);
  });
}

function zipEntries(file: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || zip === undefined) return reject(error ?? new Error('no zip'));
      const out = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || stream === undefined) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
