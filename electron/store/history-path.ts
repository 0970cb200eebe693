import { homedir } from 'node:os';
import path from 'node:path';

/** The environment variable that moves the history database (tests, portable installs). */
export const historyDbEnv = 'KMS_DOCTOR_HISTORY_DB';

/**
 * Where the history database lives: the flag, else $KMS_DOCTOR_HISTORY_DB, else the per-user app data
 * folder (%APPDATA%\KMS Doctor on Windows, ~/Library/Application Support on macOS, XDG data elsewhere).
 */
export function historyDbPath(options: { flag?: string | undefined; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; home?: string } = {}): string {
  const env = options.env ?? process.env;
  if (options.flag !== undefined && options.flag !== '') return path.resolve(options.flag);
  const fromEnv = env[historyDbEnv];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), 'KMS Doctor', 'history.sqlite');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'KMS Doctor', 'history.sqlite');
  return path.posix.join(env.XDG_DATA_HOME ?? path.posix.join(home, '.local', 'share'), 'kms-doctor', 'history.sqlite');
}
