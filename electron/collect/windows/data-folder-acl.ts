import { lstat, mkdir } from 'node:fs/promises';
import { dataFolderAclTemplates, type WindowsEnvironment } from './commands.js';
import type { ProcessRunner } from './process-runner.js';

/** Whether the data folder can be used, and why not. */
export type SecuredFolder = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** True when the path is a link (Node reports NTFS junctions and symbolic links alike as symbolic links). */
async function isLink(folder: string): Promise<boolean> {
  return (await lstat(folder)).isSymbolicLink();
}

/**
 * Makes %ProgramData%\KMS Doctor safe before the elevated app writes there. A standard user can create it
 * first (the default %ProgramData% ACL allows that), as a folder they own or a junction to somewhere
 * else: a link is refused, and an existing folder gets Administrators as owner and an ACL where only
 * Administrators and SYSTEM can write (icacls, exit codes only: its messages are localized).
 */
export async function secureDataFolder(folder: string, deps: { readonly runner: ProcessRunner; readonly env: WindowsEnvironment }): Promise<SecuredFolder> {
  try {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    if (await isLink(folder)) return { ok: false, reason: `${folder} is a link (junction or symbolic link), not a folder: someone created it before KMS Doctor; remove it and start again` };
    for (const template of [dataFolderAclTemplates.owner, dataFolderAclTemplates.grants]) {
      const parsed = template.params.safeParse({ folder });
      if (!parsed.success) return { ok: false, reason: `${folder} is not an absolute local folder` };
      const { file, args } = template.build(parsed.data, deps.env);
      const result = await deps.runner.run(file, args, { timeoutMs: template.timeoutMs });
      if (result.spawnError !== null || result.exitCode !== 0) {
        return { ok: false, reason: `could not set the permissions of ${folder} (${result.spawnError ?? (result.timedOut ? 'timed out' : `icacls exit code ${result.exitCode}`)})` };
      }
    }
    // Checked again after: a link swapped in while icacls ran is still refused.
    if (await isLink(folder)) return { ok: false, reason: `${folder} became a link while its permissions were set` };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `could not prepare ${folder}: ${error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error)}` };
  }
}
