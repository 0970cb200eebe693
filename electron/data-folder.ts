import path from 'node:path';

/** Where the data folder came from, for the log and the docs. */
export type DataFolderSource = 'env' | 'program-data' | 'user-data';

export interface DataFolder {
  readonly path: string;
  readonly source: DataFolderSource;
}

export interface DataFolderInput {
  readonly platform: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Electron's per-user userData path, used off Windows. */
  readonly userData: string;
}

/** The folder name under %ProgramData%. */
export const dataFolderName = 'KMS Doctor';

/**
 * Chooses the folder for history, exports and logs (documented in SECURITY.md and README).
 *
 * On Windows it is `%ProgramData%\KMS Doctor`, one machine-wide place: the app runs elevated, and when a
 * standard user elevates with another administrator's credentials, per-user paths (userData, %TEMP%)
 * resolve into that administrator's profile, which would scatter the history over accounts.
 * `KMSD_DATA_DIR` (absolute) overrides it, e.g. for a per-test folder; elsewhere it is Electron's userData.
 */
export function resolveDataFolder(input: DataFolderInput): DataFolder {
  const flavour = input.platform === 'win32' ? path.win32 : path.posix;
  const override = input.env.KMSD_DATA_DIR;
  if (override !== undefined && override !== '' && flavour.isAbsolute(override)) return { path: flavour.normalize(override), source: 'env' };
  if (input.platform === 'win32') {
    const programData = input.env.ProgramData ?? input.env.PROGRAMDATA;
    const root = programData !== undefined && path.win32.isAbsolute(programData) ? programData : 'C:\\ProgramData';
    return { path: path.win32.join(root, dataFolderName), source: 'program-data' };
  }
  return { path: input.userData, source: 'user-data' };
}
