import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runElectronegativity, snapshotRepo, type EngIssue, type EngResult } from './electronegativity-runner.js';

// Electronegativity (Doyensec) over the repository, offline, failing on any HIGH or MEDIUM finding.
// A reviewed finding is accepted only through SECURITY.md's table (check, file, reason): preferably with
// an inline `eng-disable` at the reviewed line, which must then be listed there too.
const repoRoot = path.resolve(import.meta.dirname, '../..');
const gating = (issue: EngIssue) => issue.severity.name === 'HIGH' || issue.severity.name === 'MEDIUM';
const describeIssue = (issue: EngIssue) => `${issue.id} ${issue.severity.name}/${issue.confidence.name} ${issue.file}:${issue.location.line}`;

let snapshot: ReturnType<typeof snapshotRepo>;
let result: EngResult;

beforeAll(async () => {
  snapshot = snapshotRepo(repoRoot);
  result = await runElectronegativity(snapshot.dir);
}, 120_000);

afterAll(() => {
  snapshot.remove();
});

/** The "Accepted Electronegativity findings" table of SECURITY.md: check id and file per row. */
function acceptedFindings(): Array<{ check: string; file: string }> {
  const text = readFileSync(path.join(repoRoot, 'SECURITY.md'), 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith('Accepted Electronegativity findings'));
  if (section === undefined) throw new Error('SECURITY.md has no "Accepted Electronegativity findings" section');
  const rows: Array<{ check: string; file: string }> = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim().replace(/`/g, ''));
    if (cells.length >= 4 && /^[A-Z_]+_CHECK$/.test(cells[1] ?? '')) rows.push({ check: cells[1] ?? '', file: cells[2] ?? '' });
  }
  return rows;
}

describe('Electronegativity over the repository', () => {
  it('ran every offline check over the source tree and parsed every file', () => {
    expect(snapshot.files).toBeGreaterThan(50);
    // 6 global checks minus the online one (AvailableSecurityFixesGlobalCheck needs GitHub).
    expect(result.globalChecks).toBe(5);
    expect(result.atomicChecks).toBeGreaterThanOrEqual(36);
    expect(result.errors.filter((error) => !error.tolerable).map((error) => `${error.file}: ${error.message}`)).toEqual([]);
  });

  it('reports no HIGH or MEDIUM finding that SECURITY.md does not accept', () => {
    const accepted = acceptedFindings();
    const isAccepted = (issue: EngIssue) => accepted.some((row) => row.check === issue.id && row.file === issue.file.split(path.sep).join('/'));
    expect(result.issues.filter(gating).filter((issue) => !isAccepted(issue)).map(describeIssue)).toEqual([]);
  });

  it('sees the CSP meta and rates it no worse than the accepted LOW note', () => {
    const csp = result.issues.filter((issue) => issue.id.startsWith('CSP_'));
    expect(csp.every((issue) => issue.severity.name === 'LOW' || issue.severity.name === 'INFORMATIONAL')).toBe(true);
    // "No CSP at all" is reported against file N/A; ours must be found in renderer/index.html.
    expect(csp.map((issue) => issue.file)).not.toContain('N/A');
  });

  it('silences only findings that SECURITY.md accepts, each at its documented file', () => {
    const accepted = acceptedFindings();
    expect(accepted.length).toBeGreaterThan(0);
    const suppressions: Array<{ check: string; file: string }> = [];
    for (const file of ['electron', 'renderer', 'shared'].flatMap((dir) => listSources(path.join(snapshot.dir, dir)))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:\/\/|\/\*|<!--)[ \t]*eng-disable[ \t]+([\w \t]+)/g)) {
        for (const check of (match[1] ?? '').trim().split(/[\s,]+/)) {
          if (/_CHECK$/.test(check)) suppressions.push({ check, file: path.relative(snapshot.dir, file).split(path.sep).join('/') });
        }
      }
    }
    expect(suppressions.length).toBeGreaterThan(0);
    for (const suppression of suppressions) expect(accepted, `${suppression.check} in ${suppression.file}`).toContainEqual(suppression);
    // And every accepted row still matches a suppression or a live finding: no stale exceptions.
    const live = result.issues.map((issue) => ({ check: issue.id, file: issue.file.split(path.sep).join('/') }));
    for (const row of accepted) expect([...suppressions, ...live], `${row.check} in ${row.file}`).toContainEqual(row);
  });
});

describe('the Electronegativity gate itself', () => {
  it('does fail on an insecure app (so a clean run means something)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kmsd-eng-canary-'));
    try {
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'canary', devDependencies: { electron: '41.0.0' } }));
      writeFileSync(
        path.join(dir, 'src', 'main.js'),
        [
          "const { app, BrowserWindow, shell } = require('electron');",
          'app.whenReady().then(() => {',
          '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });',
          "  win.loadURL('http://example.com/');",
          '  win.webContents.on("did-finish-load", () => shell.openExternal(win.webContents.getURL()));',
          '});',
        ].join('\n'),
      );
      const canary = await runElectronegativity(dir);
      const ids = new Set(canary.issues.filter(gating).map((issue) => issue.id));
      for (const id of [
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'WEB_SECURITY_JS_CHECK',
        'AUXCLICK_JS_CHECK',
        'HTTP_RESOURCES_JS_CHECK',
        'OPEN_EXTERNAL_JS_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      ]) {
        expect(ids, id).toContain(id);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

function listSources(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSources(full);
    return /\.(ts|tsx|js|mjs|cjs|html)$/.test(entry.name) ? [full] : [];
  });
}
