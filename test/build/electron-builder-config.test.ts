import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// electron-builder cannot build Windows artifacts here, so its configuration is checked against the JSON
// schema electron-builder itself ships (app-builder-lib/scheme.json), then against our own requirements.
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const configText = readFileSync('electron-builder.yml', 'utf8');
type Target = { target: string; arch: string[] };
type BuilderConfig = {
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  files: string[];
  electronFuses: Record<string, boolean>;
  directories: { buildResources: string };
  win: { target: Target[]; requestedExecutionLevel: string; icon: string };
  nsis: { artifactName: string; perMachine: boolean };
  portable: { artifactName: string; requestExecutionLevel: string };
};
const config = parse(configText) as BuilderConfig;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The schema's own keyword for hook options that may be functions in JS configs; YAML has none.
  ajv.addKeyword({ keyword: 'typeof', validate: (expected: string, data: unknown) => typeof data === expected });
  return ajv.compile(schema);
}
const validate = validator();
const errorsOf = (value: unknown): string[] =>
  validate(value) ? [] : (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath} ${error.message ?? ''}`);

describe('electron-builder.yml', () => {
  it('is valid against electron-builder schema', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('is checked by a schema that does reject mistakes', () => {
    expect(errorsOf({ ...config, win: { ...config.win, requestedExecutionLevel: 'godMode' } }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, nsis: { ...config.nsis, perMachine: 'yes' } }).length).toBeGreaterThan(0);
  });

  it('builds an NSIS installer (per machine, elevating) and a portable exe, both requiring administrator', () => {
    const targets = config.win.target.map((entry) => entry.target);
    expect(targets.sort()).toEqual(['nsis', 'portable']);
    expect(config.win.requestedExecutionLevel).toBe('requireAdministrator');
    expect(config.portable.requestExecutionLevel).toBe('admin');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowElevation: true });
  });

  it('names artifacts with version and arch', () => {
    for (const artifactName of [config.nsis.artifactName, config.portable.artifactName]) {
      expect(artifactName).toContain('${version}');
      expect(artifactName).toContain('${arch}');
    }
    expect(config.nsis.artifactName).not.toBe(config.portable.artifactName);
  });

  it('rebuilds better-sqlite3 explicitly, unpacks it from the asar and prunes its sources', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    const files = config.files;
    expect(files.some((pattern) => pattern.startsWith('!') && pattern.includes('better-sqlite3/{src,deps'))).toBe(true);
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['dist:win']).toMatch(/electron-builder install-app-deps && electron-builder --win/);
  });

  it('sets every security fuse (checklist item 19)', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('keeps signing material out of the repository (environment variables only)', () => {
    const forbidden = ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'certificateSha1', 'certificateSubjectName'];
    const found: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (value === null || typeof value !== 'object') return;
      for (const [key, entry] of Object.entries(value)) {
        if (forbidden.includes(key)) found.push(`${where}.${key}`);
        walk(entry, `${where}.${key}`);
      }
    };
    walk(config, 'config');
    expect(found).toEqual([]);
    expect(configText).not.toMatch(/\.(pfx|p12)\b/i);
  });

  it('uses the icon in build/', () => {
    expect(config.directories.buildResources).toBe('build');
    expect(config.win.icon).toBe('build/icon.ico');
    expect(readFileSync(config.win.icon).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  });
});
