import { defineConfig } from 'vitest/config';

// Test tiers by file suffix (tests mirror the source tree, so the tier cannot be a folder):
//   *.test.ts(x)      unit: pure or in-process, no external programs
//   *.int.test.ts     integration: real dnsmasq, TCP listeners, SQLite files, zip files, child processes
//   *.ui.test.ts      UI: the built renderer in Debian's Chromium through playwright-core
//   *.win.test.ts     Windows-only: real cscript / PowerShell / wevtutil; reported as skipped elsewhere
export default defineConfig({
  define: { __KMS_DOCTOR_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    reporters: process.env.CI ? ['verbose'] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/**/*.int.test.ts', 'test/**/*.ui.test.ts', 'test/**/*.win.test.ts'],
          // Property tests run thousands of cases (host-events-raw: 1,500 files, 4-8 s alone on these
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
        test: { name: 'ui', include: ['test/**/*.ui.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
      },
      {
        extends: true,
        test: { name: 'windows', include: ['test/**/*.win.test.ts'], testTimeout: 120_000 },
      },
    ],
  },
});
