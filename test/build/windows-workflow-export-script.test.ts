import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, it } from 'vitest';

type Step = { name?: string; run?: string; 'timeout-minutes'?: number };

it('.github/workflows/windows.yml runs the exported collection script\'s Windows test after the whole suite', () => {
  const workflow = parse(readFileSync('.github/workflows/windows.yml', 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs)[0]?.steps ?? [];
  const runs = steps.map((step) => step.run ?? '');
  const test = runs.findIndex((run) => /^npm test$/m.test(run));
  const script = runs.findIndex((run) => run.trim() === 'npx vitest run test/electron/export/collect-script.win.test.ts');
  expect(script).toBeGreaterThan(test);
  expect(test).toBeGreaterThan(-1);
  expect(steps[script]?.['timeout-minutes']).toBeGreaterThan(0);
  expect(existsSync('test/electron/export/collect-script.win.test.ts')).toBe(true);
});
