import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** What a file of each tier takes, in ms, when the cache has no figure for it (a fresh clone, a new file). */
const tierGuessMs: Record<string, number> = { ui: 30_000, integration: 2_000, unit: 500, windows: 0 };

/**
 * Longest file first, across the tiers (vitest's own order runs project by project): the long Chromium
 * files start at once beside the short ones, instead of one core working alone at the end. Files that
 * failed last time still go first.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const rank = (spec: TestSpecification): number => {
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${relative(root, spec.moduleId)}`);
      if (cached?.failed) return Number.POSITIVE_INFINITY;
      return cached?.duration ?? tierGuessMs[spec.project.name] ?? 1_000;
    };
    const sorted = [...files].sort((a, b) => rank(b) - rank(a));
    // A worker keeps its modules for the next file only when that file is also of a non-isolated project:
    // those files go as one block, where the first of them falls.
    const shared = sorted.filter((spec) => spec.project.config.isolate === false);
    const rest = sorted.filter((spec) => spec.project.config.isolate !== false);
    const at = sorted.findIndex((spec) => spec.project.config.isolate === false);
    return at < 0 ? sorted : [...rest.slice(0, at), ...shared, ...rest.slice(at)];
  }
}

// Test tiers by file suffix (tests mirror the source tree, so the tier cannot be a folder):
//   *.test.ts(x)      unit: pure or in-process, no external programs
//   *.int.test.ts     integration: real dnsmasq, TCP listeners, SQLite files, zip files, child processes
//   *.ui.test.ts      UI: the built renderer in Debian's Chromium through playwright-core
//   *.win.test.ts     Windows-only: real cscript / PowerShell / wevtutil; reported as skipped elsewhere
export default defineConfig({
  define: { __KMS_DOCTOR_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    reporters: process.env.CI ? ['verbose'] : ['default'],
    // Vitest's default is one worker per core less one: a single worker on these 2-core machines, idle
    // while a test waits on a child process, Chromium or a timeout. Every tier shares the same workers
    // (one group), so a UI file runs beside the others rather than after them.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/**/*.int.test.ts', 'test/**/*.ui.test.ts', 'test/**/*.win.test.ts', 'test/shared/**'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          // The pure shared/ code: its tests mock nothing, change no global and need no DOM, so a worker
          // runs them one after another in one module graph (each module imported once, not once a file).
          name: 'unit-shared',
          include: ['test/shared/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts', 'test/**/*.ui.test.ts', 'test/**/*.win.test.ts'],
          isolate: false,
          // Property tests run thousands of cases (host-record: 1,500 files, 4-8 s alone on these
          // 2-core machines); the 5 s default failed them whenever the machine was busy.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.int.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: 'ui', include: ['test/**/*.ui.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'windows', include: ['test/**/*.win.test.ts'], testTimeout: 120_000 },
      },
    ],
  },
});
