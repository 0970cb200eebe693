import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFolderAclTemplates } from '../../../../electron/collect/windows/commands.js';
import { secureDataFolder } from '../../../../electron/collect/windows/data-folder-acl.js';
import type { ProcessRunner } from '../../../../electron/collect/windows/process-runner.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';

const env = { systemRoot: 'C:\\Windows' };

function recorder(exitCode = 0): ProcessRunner & { calls: Array<{ file: string; args: readonly string[] }> } {
  const calls: Array<{ file: string; args: readonly string[] }> = [];
  return {
    calls,
    run: async (file, args) => {
      calls.push({ file, args });
      return { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exitCode, durationMs: 1, timedOut: false, spawnError: null };
    },
  };
}

describe('the machine-wide data folder', () => {
  it('icacls by absolute path: Administrators own it; only SYSTEM and Administrators have access; nothing inherited', () => {
    expect(dataFolderAclTemplates.owner.build({ folder: 'C:\\ProgramData\\KMS Doctor' }, env)).toEqual({
      file: 'C:\\Windows\\System32\\icacls.exe',
      args: ['C:\\ProgramData\\KMS Doctor', '/setowner', '*S-1-5-32-544', '/T', '/C', '/L', '/Q'],
    });
    const grants = dataFolderAclTemplates.grants.build({ folder: 'C:\\ProgramData\\KMS Doctor' }, env).args;
    expect(grants).toContain('/inheritance:r');
    expect(grants.filter((arg) => /^\*S-/.test(arg))).toEqual(['*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F']);
    expect(dataFolderAclTemplates.grants.params.safeParse({ folder: 'C:\\x" /grant Everyone:F' }).success).toBe(false);
  });

  it('a link planted where the folder should be is refused before any permission is changed', async () => {
    const dir = await makeTempDir();
    await mkdir(path.join(dir, 'elsewhere'));
    const planted = path.join(dir, 'KMS Doctor');
    await symlink(path.join(dir, 'elsewhere'), planted);
    const runner = recorder();
    const result = await secureDataFolder(planted, { runner, env });
    expect(result).toEqual({ ok: false, reason: `${planted} is a link (junction or symbolic link), not a folder: someone created it before KMS Doctor; remove it and start again` });
    expect(runner.calls).toHaveLength(0);
  });

  // On Windows every temporary folder is a drive path, so this refusal can only be shown elsewhere.
  it.skipIf(process.platform === 'win32')('a folder that is not an absolute Windows drive path never reaches icacls', async () => {
    const dir = await makeTempDir();
    const runner = recorder();
    expect(await secureDataFolder(path.join(dir, 'KMS Doctor'), { runner, env })).toEqual({ ok: false, reason: `${path.join(dir, 'KMS Doctor')} is not an absolute local folder` });
    expect(runner.calls).toHaveLength(0);
  });
});
