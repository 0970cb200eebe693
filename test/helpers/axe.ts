import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  readonly violations: ReadonlyArray<{ id: string; impact: string | null; nodes: ReadonlyArray<{ target: unknown }> }>;
}

/**
 * axe-core's serious and critical violations on the page, as "rule: [targets]". axe runs in the page
 * through the DevTools protocol (so the app's CSP still applies to the page) and is evaluated once per
 * document: evaluating its half-megabyte source before every check cost more than the check itself.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((item) => item.impact === 'serious' || item.impact === 'critical').map((item) => `${item.id}: ${JSON.stringify(item.nodes.map((node) => node.target))}`);
}
