import { dialog, shell, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { UiLanguage } from '../../shared/contract/operations.js';
import { uiCatalogs } from '../../shared/i18n/ui-catalogs.js';
import { createLiveWindowsCollectors } from '../collect/windows/windows-collectors.js';
import type { ApiHandlerContext, EmitEvent } from '../service/api-context.js';
import { machineProbeRunner } from '../service/machine-probes.js';
import { openHistory, type HistoryStore } from '../store/history-store.js';
import { toolVersion } from '../version.js';
import { openExternalSafe } from './external-links.js';

export interface DesktopServicesOptions {
  /** The explicit data folder (data-folder.ts): history, work files, default export location. */
  readonly dataFolder: string;
  readonly platform: string;
  readonly elevated: Promise<boolean | null>;
  readonly emit: EmitEvent;
  /** Parent for the native dialogs, so they are modal to our window. */
  readonly getWindow: () => BrowserWindow | null;
}

const zipFilters = (lang: UiLanguage) => [{ name: uiCatalogs[lang].dialogs.zipFilter, extensions: ['zip'] }];

/**
 * The real services behind the desktop app's handlers: Windows collectors and live network probes on
 * Windows, the SQLite history and work files in the data folder, native open/save dialogs (so every path
 * the handlers write to was chosen by the user in main, never sent by the renderer), Explorer for
 * "show in folder", and the one allow-listed link opener.
 */
export function createDesktopServices(options: DesktopServicesOptions): { readonly context: ApiHandlerContext; readonly store: HistoryStore } {
  mkdirSync(options.dataFolder, { recursive: true });
  const exportsDir = path.join(options.dataFolder, 'exports');
  const store = openHistory(path.join(options.dataFolder, 'history.sqlite'));
  const parent = (): BrowserWindow | undefined => {
    const window = options.getWindow();
    return window === null || window.isDestroyed() ? undefined : window;
  };
  const onWindows = options.platform === 'win32';

  const chooseBundle = async ({ pick, lang }: { pick: 'files' | 'folder'; lang: UiLanguage }): Promise<string[] | null> => {
    // One Windows dialog cannot pick files and a folder at once: the app offers both, titled in the UI language.
    const texts = uiCatalogs[lang].dialogs;
    const dialogOptions: OpenDialogOptions =
      pick === 'folder'
        ? { title: texts.openFolder, properties: ['openDirectory'] }
        : { title: texts.openFiles, properties: ['openFile', 'multiSelections'], filters: [{ name: texts.anyFile, extensions: ['*'] }, ...zipFilters(lang)] };
    const window = parent();
    const result = window === undefined ? await dialog.showOpenDialog(dialogOptions) : await dialog.showOpenDialog(window, dialogOptions);
    if (result.canceled || result.filePaths.length === 0) return null;
    return [...result.filePaths];
  };

  const chooseSavePath = async (suggestedName: string, lang: UiLanguage = 'en'): Promise<string | null> => {
    mkdirSync(exportsDir, { recursive: true });
    // Only the base name of the suggestion is used: the folder is ours until the user picks another.
    const dialogOptions: SaveDialogOptions = { title: uiCatalogs[lang].dialogs.save, defaultPath: path.join(exportsDir, path.basename(suggestedName)), filters: zipFilters(lang) };
    const window = parent();
    const result = window === undefined ? await dialog.showSaveDialog(dialogOptions) : await dialog.showSaveDialog(window, dialogOptions);
    return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
  };

  const context: ApiHandlerContext = {
    appInfo: async () => ({
      version: toolVersion,
      platform: options.platform,
      canCollect: onWindows,
      elevated: await options.elevated,
      mode: 'desktop',
      nativeDialogs: true,
    }),
    emit: options.emit,
    workDir: path.join(options.dataFolder, 'work'),
    ...(onWindows
      ? {
          openCollectors: async () => createLiveWindowsCollectors(),
          // Live DNS/TCP/RPC probes the way this machine's KMS client looks for a host.
          probe: machineProbeRunner(),
        }
      : {}),
    store,
    chooseBundle,
    chooseSavePath,
    revealFile: async (_exportId, file) => {
      shell.showItemInFolder(file);
      return { revealed: true };
    },
    openExternal: openExternalSafe,
    now: () => new Date(),
  };
  return { context, store };
}
