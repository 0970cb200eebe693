import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

type Step = { name?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown>; 'timeout-minutes'?: number; if?: string };
type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; 'timeout-minutes'?: number; env?: Record<string, string>; steps: Step[] }>;
};

const workflow = parse(readFileSync('.github/workflows/windows.yml', 'utf8')) as Workflow;
const [job] = Object.values(workflow.jobs);
const steps = job?.steps ?? [];
const runs = steps.map((step) => step.run ?? '');
const indexOfRun = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));

describe('.github/workflows/windows.yml', () => {
  it('runs on Windows for pushes to main and pull requests, read-only, with a job timeout', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(job?.['runs-on']).toBe('windows-latest');
    expect(job?.['timeout-minutes']).toBeGreaterThan(0);
  });

  it('fetches the Electron binary and runs the whole suite, Windows tier included, before packaging', () => {
    const electron = indexOfRun(/node node_modules\/electron\/install\.js/);
    const test = indexOfRun(/^npm test$/m);
    const dist = indexOfRun(/npm run dist:win/);
    const smoke = indexOfRun(/vitest run test\/build\/packaged-app\.win\.test\.ts/);
    expect(electron).toBeGreaterThan(-1);
    expect(test).toBeGreaterThan(electron);
    // Packaging rebuilds better-sqlite3 for Electron, so the Node-side tests must come first.
    expect(dist).toBeGreaterThan(test);
    expect(smoke).toBeGreaterThan(dist);
    expect(steps[smoke]?.env?.KMSD_SMOKE).toBe('1');
    expect(existsSync('test/build/packaged-app.win.test.ts')).toBe(true);
  });

  it('measures the event-query readers on the runner after the tests, from the bench that compares them', () => {
    const measure = indexOfRun(/^npm run bench -- event-readers$/m);
    expect(measure).toBeGreaterThan(indexOfRun(/^npm test$/m));
    expect(measure).toBeLessThan(indexOfRun(/npm run dist:win/));
    const bench = readFileSync('bench/event-readers.bench.ts', 'utf8');
    // The three readers of the issue, on the Application log.
    for (const reader of ["'qe', log", 'EventLogReader', "'epl', log", 'writeEvtxAsXml']) expect(bench).toContain(reader);
    expect(bench).toContain("log: 'Application'");
  });

  it('builds and packages on Node 22 (the electron package declares Node >= 22.12)', () => {
    const setup = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(String(setup?.with?.['node-version'])).toBe('22');
  });

  it('gives every command a timeout', () => {
    for (const step of steps.filter((candidate) => candidate.run !== undefined)) {
      expect(step['timeout-minutes'], step.name ?? step.run).toBeGreaterThan(0);
    }
  });

  it('signs only from secrets and never picks a certificate from the machine store', () => {
    const dist = steps[indexOfRun(/npm run dist:win/)];
    expect(dist?.env?.CSC_IDENTITY_AUTO_DISCOVERY).toBe('false');
    for (const value of Object.values(dist?.env ?? {}).filter((value) => value !== 'false')) expect(value).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
  });

  it('uploads the installer and the portable exe, and the test artifacts even on failure', () => {
    const uploads = steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@'));
    const paths = uploads.map((step) => String(step.with?.path ?? ''));
    expect(paths.some((value) => value.includes('dist/*.exe'))).toBe(true);
    const testArtifacts = uploads.find((step) => String(step.with?.path ?? '').includes('test-artifacts'));
    expect(testArtifacts?.if).toBe('always()');
  });

  it('checks samples and fixtures out byte for byte (the bundle reader checks their size and SHA-256)', () => {
    const attributes = readFileSync('.gitattributes', 'utf8').split(/\r?\n/);
    expect(attributes).toEqual(expect.arrayContaining(['samples/** -text', '**/fixtures/** -text', '* text=auto eol=lf']));
  });

  it('every suite that starts dnsmasq skips itself on Windows with the reason (the runner has no dnsmasq)', () => {
    const files = (readdirSync('test', { recursive: true }) as string[]).filter((file) => /\.test\.ts$/.test(file)).map((file) => path.join('test', file));
    const users = files.filter((file) => /import \{[^}]*\bstartDnsmasq\b[^}]*\} from/.test(readFileSync(file, 'utf8')));
    expect(users.length).toBeGreaterThan(0);
    for (const file of users) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).toMatch(/describeWithDnsmasq\(/);
    }
  });
});
