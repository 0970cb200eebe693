import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationChannels } from '../../../shared/contract/channels.js';

// The main process as it ships: bundled to CommonJS the way scripts/build-node.mjs does, then started by
// plain Node with `electron` answered by a recorder (the Electron binary is absent here). Catches what the
// unit tests cannot: bundling mistakes (import.meta in CJS, __dirname), load-time crashes, wrong paths.
const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');

const recorder = `
const Module = require('module');
const { EventEmitter } = require('events');
const log = (...parts) => process.stdout.write(JSON.stringify(parts) + '\\n');
const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  requestSingleInstanceLock: () => true,
  quit: () => log('quit'),
  enableSandbox: () => log('enableSandbox'),
  getPath: (name) => require('path').join(process.env.KMSD_DATA_DIR, 'user', name),
  setAppLogsPath: (dir) => log('logs', dir),
  whenReady: () => Promise.resolve(),
});
class BrowserWindow extends EventEmitter {
  constructor(options) { super(); log('window', options.webPreferences); this.webContents = { id: 1 }; }
  loadURL(url) { log('load', url); return Promise.resolve(); }
  isDestroyed() { return false; }
}
const session = { defaultSession: {
  webRequest: { onBeforeRequest: (filter) => log('block', filter.urls) },
  setPermissionRequestHandler: () => log('permissions'), setPermissionCheckHandler: () => undefined,
  setDevicePermissionHandler: () => undefined, setDisplayMediaRequestHandler: () => undefined } };
const electron = {
  app, BrowserWindow, session, shell: {}, dialog: {},
  Menu: { setApplicationMenu: (menu) => log('menu', menu) },
  protocol: { registerSchemesAsPrivileged: (schemes) => log('schemes', schemes), handle: (scheme) => log('handle', scheme) },
  ipcMain: { handle: (channel) => log('ipc', channel) },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
`;

let dir: string;
let records: unknown[][];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kmsd-main-bundle-'));
  await build({
    entryPoints: [path.join(repoRoot, 'electron/main/index.ts')],
    outfile: path.join(dir, 'out', 'main', 'index.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    nodePaths: [path.join(repoRoot, 'node_modules')],
    define: { __KMS_DOCTOR_VERSION__: JSON.stringify('0.0.0-test') },
    logLevel: 'silent',
  });
  writeFileSync(path.join(dir, 'recorder.cjs'), recorder);
  const { stdout } = await run(process.execPath, ['-r', path.join(dir, 'recorder.cjs'), path.join(dir, 'out', 'main', 'index.cjs')], {
    cwd: repoRoot,
    timeout: 20_000,
    env: { ...process.env, KMSD_DATA_DIR: path.join(dir, 'data'), NODE_PATH: path.join(repoRoot, 'node_modules') },
  });
  records = stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown[]);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the bundled main process', () => {
  it('starts: app:// privileged, sandbox on, permissions, protocol, gate, window, in that order', () => {
    const kinds = records.map((record) => record[0]).filter((kind) => kind !== 'ipc');
    expect(kinds).toEqual(['schemes', 'enableSandbox', 'logs', 'block', 'permissions', 'handle', 'menu', 'window', 'load']);
  });

  it('serves every contract channel and loads the app from app://', () => {
    const channels = records.filter((record) => record[0] === 'ipc').map((record) => record[1]);
    expect([...channels].sort()).toEqual(Object.values(operationChannels).sort());
    expect(records.find((record) => record[0] === 'load')?.[1]).toBe('app://kms-doctor/index.html');
  });

  it('points the window at the preload next to it, sandboxed and isolated', () => {
    const preferences = records.find((record) => record[0] === 'window')?.[1] as Record<string, unknown>;
    expect(preferences.preload).toBe(path.join(dir, 'out', 'preload', 'index.cjs'));
    expect(preferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
  });
});
