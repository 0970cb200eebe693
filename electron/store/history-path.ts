import { homedir } from 'node:os';
import path from 'node:path';
import { resolveDataFolder } from '../data-folder.js';

/** The environment variable that moves the history database (tests, portable installs). */
export const historyDbEnv = 'KMS_DOCTOR_HISTORY_DB';

/**
 * Where the history database lives: the flag, else $KMS_DOCTOR_HISTORY_DB, else the app's data folder.
 *
 * On Windows that is the desktop app's own folder (`%ProgramData%\KMS Doctor`, or $KMSD_DATA_DIR; see
 * electron/data-folder.ts for why it is machine-wide), so the CLI and the app share one history;
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

/**
 * The history files to try, in order. On Windows, when nothing chose the file, the shared one comes first
 * and the user's own (`%LOCALAPPDATA%\KMS Doctor`) second: once the elevated app created the shared file, a
 * standard prompt cannot write it, and the CLI must still keep its run somewhere.
 */
export function historyCandidates(options: { flag?: string | undefined; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; home?: string } = {}): string[] {
  const env = options.env ?? process.env;
  const primary = historyDbPath(options);
  const chosen = (options.flag !== undefined && options.flag !== '') || (env[historyDbEnv] ?? '') !== '' || (env.KMSD_DATA_DIR ?? '') !== '';
  if ((options.platform ?? process.platform) !== 'win32' || chosen) return [primary];
  const home = options.home ?? homedir();
  const localAppData = env.LOCALAPPDATA !== undefined && path.win32.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : path.win32.join(home, 'AppData', 'Local');
  return [primary, path.win32.join(localAppData, 'KMS Doctor', 'history.sqlite')];
}
