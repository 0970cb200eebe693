import { homedir } from 'node:os';
import path from 'node:path';
import { resolveDataFolder } from '../main/data-folder.js';

/** The environment variable that moves the history database (tests, portable installs). */
export const historyDbEnv = 'KMS_DOCTOR_HISTORY_DB';

/**
 * Where the history database lives: the flag, else $KMS_DOCTOR_HISTORY_DB, else the app's data folder.
 *
 * On Windows that is the desktop app's own folder (`%ProgramData%\KMS Doctor`, or $KMSD_DATA_DIR; see
 * electron/main/data-folder.ts for why it is machine-wide), so the CLI and the app share one history;
 * elsewhere the per-user data folder (~/Library/Application Support on macOS, XDG data on Linux).
 */
export function historyDbPath(options: { flag?: string | undefined; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; home?: string } = {}): string {
  const env = options.env ?? process.env;
  if (options.flag !== undefined && options.flag !== '') return path.resolve(options.flag);
  const fromEnv = env[historyDbEnv];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  if (platform === 'win32') return path.win32.join(resolveDataFolder({ platform, env, userData: '' }).path, 'history.sqlite');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'KMS Doctor', 'history.sqlite');
  return path.posix.join(env.XDG_DATA_HOME ?? path.posix.join(home, '.local', 'share'), 'kms-doctor', 'history.sqlite');
}
