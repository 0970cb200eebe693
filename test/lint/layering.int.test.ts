import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Lints one planted file against the repo's real config and returns the rule ids it broke. */
async function violations(relativePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repo });
  const [result] = await eslint.lintText(code, { filePath: path.join(repo, relativePath) });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('layering lint', () => {
  it.each([
    ['shared/parse/planted.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'Node built-in in shared'],
    ['shared/parse/planted.ts', "import path from 'path';\nexport const x = path;", 'bare Node built-in in shared'],
    ['shared/kms/planted.ts', "import { app } from 'electron';\nexport const x = app;", 'electron in shared'],
    ['shared/kms/planted.ts', "import { x } from '../../electron/probe/srv.js';\nexport const y = x;", 'electron/ folder in shared'],
    ['shared/kms/planted.ts', "import { x } from '../../renderer/src/app.js';\nexport const y = x;", 'renderer/ folder in shared'],
    ['shared/kms/planted.ts', 'export const title = () => document.title;', 'DOM global in shared'],
    ['shared/kms/planted.ts', 'export const env = () => process.env.HOME;', 'Node global in shared'],
    ['renderer/src/planted.ts', "import path from 'node:path';\nexport const x = path;", 'Node built-in in renderer'],
    ['renderer/src/planted.ts', "import { x } from '../../electron/service/run.js';\nexport const y = x;", 'electron/ folder in renderer'],
    ['electron/probe/planted.ts', "import { spawn } from 'node:child_process';\nexport const x = spawn;", 'spawn outside collect/windows'],
    ['electron/service/planted.ts', "import { PowerShell } from 'node-powershell';\nexport const x = PowerShell;", 'node-powershell outside collect/windows'],
    ['electron/service/planted.ts', "import Database from 'better-sqlite3';\nexport const x = Database;", 'better-sqlite3 outside store'],
    ['electron/collect/windows/planted.ts', "import Database from 'better-sqlite3';\nexport const x = Database;", 'better-sqlite3 in collectors'],
    ['electron/main/planted.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;", 'raw ipcMain outside the gate'],
    ['renderer/src/planted.ts', 'export const x = (globalThis as any).electron.ipcRenderer;', 'raw ipcRenderer in renderer'],
    ['electron/service/planted.ts', "import { createWindow } from '../main/window.js';\nexport const x = createWindow;", 'electron/main/ from outside the app entry'],
    ['electron/cli/commands/planted.ts', "import { x } from '../../main/index.js';\nexport const y = x;", 'electron/main/ from the CLI'],
    ['electron/store/planted.ts', "import { x } from '../main/index.js';\nexport const y = x;", 'electron/main/ from the store'],
    ['shared/parse/planted.ts', "import { diagnose } from '../diagnose/index.js';\nexport const x = diagnose;", 'shared/parse importing shared/diagnose'],
    ['shared/parse/events/planted.ts', "import { x } from '../../diagnose/host-events.js';\nexport const y = x;", 'shared/parse/events importing shared/diagnose'],
    ['shared/kms/planted.ts', "import { parseSlmgrText } from '../parse/slmgr.js';\nexport const x = parseSlmgrText;", 'shared/kms importing code from another shared folder'],
    ['shared/diagnose/planted.ts', "import { matchByteLayout } from '../parse/events/byte-layout.js';\nexport const x = matchByteLayout;", 'shared/diagnose reading bytes'],
    ['renderer/src/screens/planted.tsx', "import type { Navigate } from '../app.js';\nexport type X = Navigate;", 'a screen importing the app'],
    ['renderer/src/views/planted.tsx', "import { App } from '../app.js';\nexport const x = App;", 'a view importing the app'],
  ])('refuses %s (%s)', async (file, code, _what) => {
    const found = await violations(file, code);
    expect(found.some((message) => /no-restricted-(imports|globals|syntax)/.test(message)), found.join('\n')).toBe(true);
  });

  it.each([
    ['electron/collect/windows/planted.ts', "import { spawn } from 'node:child_process';\nexport const x = spawn;"],
    ['electron/store/planted.ts', "import Database from 'better-sqlite3';\nexport const x = Database;"],
    ['electron/main/ipc/ipc-gate.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;"],
    ['electron/probe/planted.ts', "import { Resolver } from 'node:dns/promises';\nexport const x = Resolver;"],
    ['shared/parse/planted.ts', "import { z } from 'zod';\nexport const x = z;"],
    ['shared/kms/planted.ts', "import type { SlmgrProduct } from '../parse/types.js';\nexport type X = SlmgrProduct;"],
    ['electron/main/planted.ts', "import { x } from './window.js';\nexport const y = x;"],
    ['renderer/src/main.tsx', "import { App } from './app.js';\nexport const x = App;"],
    ['renderer/src/screens/planted.tsx', "import type { Navigate } from '../navigation.js';\nexport type X = Navigate;"],
  ])('allows %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
