import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** One finding as Electronegativity reports it (the fields this project gates on). */
export type EngIssue = {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: { readonly name: string; readonly value: number };
  readonly confidence: { readonly name: string; readonly value: number };
  readonly manualReview: boolean;
  readonly description: string;
};

export type EngResult = {
  readonly globalChecks: number;
  readonly atomicChecks: number;
  readonly errors: ReadonlyArray<{ readonly file: string; readonly message: string; readonly tolerable: boolean }>;
  readonly issues: ReadonlyArray<EngIssue>;
};

// The one check that needs the internet (it downloads Electron's release list from GitHub).
export const onlineCheck = 'AvailableSecurityFixesGlobalCheck';

const runnerPath = require.resolve('@doyensec/electronegativity');
const translationsPath = path.join(path.dirname(runnerPath), 'locales', 'i18n.js');

/**
 * Makes Electronegativity's translation loader local-only.
 *
 * Its stock loader first downloads the locale file from S3 (1 s timeout) through the system resolver,
 * which tests must never touch; this one configures the same i18n library from the bundled en-US
 * catalog, which is what the stock loader falls back to offline anyway.
 */
function installOfflineTranslations(): void {
  if (require.cache[translationsPath] !== undefined) return;
  const engRequire = createRequire(runnerPath);
  const i18n = engRequire('i18n') as { configure: (options: object) => void; setLocale: (locale: string) => void };
  const offline = new Module(translationsPath);
  offline.filename = translationsPath;
  offline.loaded = true;
  offline.exports = async (): Promise<void> => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.dirname(translationsPath),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  require.cache[translationsPath] = offline;
}

/**
 * Copies the repository's files (tracked plus untracked-but-not-ignored, as a clean clone plus work in
 * progress would have them) into a temporary directory, so build output and node_modules stay out.
 */
export function snapshotRepo(repoRoot: string): { readonly dir: string; readonly files: number; readonly remove: () => void } {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kmsd-eng-'));
  let files = 0;
  for (const relative of listed.split('\0')) {
    if (relative === '') continue;
    const target = path.join(dir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    try {
      copyFileSync(path.join(repoRoot, relative), target);
      files += 1;
    } catch {
      // A file deleted in the working tree but still in the index: nothing to scan.
    }
  }
  return { dir, files, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs Electronegativity's own runner over a directory, offline, with the installed Electron version. */
export async function runElectronegativity(input: string): Promise<EngResult> {
  installOfflineTranslations();
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const engModule = require(runnerPath) as ((options: object) => Promise<EngResult>) | { default: (options: object) => Promise<EngResult> };
  const run = typeof engModule === 'function' ? engModule : engModule.default;
  return run({
    input,
    output: undefined,
    isSarif: false,
    isRelative: true,
    customScan: [],
    excludeFromScan: [onlineCheck],
    electronVersionOverride: electronVersion,
  });
}
