import type { EventName, EventPayload } from '../../shared/contract/events.js';
import type { OperationResponse, UiLanguage } from '../../shared/contract/operations.js';
import type { Collectors } from '../collect/collectors.js';
import type { HistoryStore } from '../store/history-store.js';
import type { ProbeRunner } from './run-collection.js';

/** Pushes one contract event to the renderer (webContents.send in the app, the event stream in the preview). */
export type EmitEvent = <K extends EventName>(event: K, payload: EventPayload<K>) => unknown;

/**
 * What the host process (Electron main or the preview server) gives the handlers. Everything past
 * `appInfo` and `emit` is optional: an operation whose service is not given answers "not available",
 * plainly, and the screen says so.
 */
export interface ApiHandlerContext {
  readonly appInfo: () => Promise<OperationResponse<'app.info'>>;
  readonly emit: EmitEvent;
  /** A private folder for uploads, run bundles and export drafts (created on first use). */
  readonly workDir?: string;
  /** The collectors of "this machine": Windows in the app, a recorded machine (replay) in the preview. */
  readonly openCollectors?: () => Promise<Collectors>;
  /** The network probes of a run (the real probes in the app; the recorded ones in the preview). */
  readonly probe?: ProbeRunner;
  /** The run history (SQLite). */
  readonly store?: HistoryStore;
  /** The native open dialog: files (a zip, or loose evidence files) or a folder, titled in `lang`; null when cancelled. */
  readonly chooseBundle?: (options: { readonly pick: 'files' | 'folder'; readonly lang: UiLanguage }) => Promise<readonly string[] | null>;
  /** The native save dialog, titled in `lang`; null when cancelled. The handlers write only where it says. */
  readonly chooseSavePath?: (suggestedName: string, lang?: UiLanguage) => Promise<string | null>;
  /** Shows a written file in its folder (the preview answers with a download URL instead). */
  readonly revealFile?: (exportId: string, file: string) => Promise<OperationResponse<'export.reveal'>>;
  /** Opens an allow-listed documentation URL outside the app; false: the caller (the preview bridge) opens it. */
  readonly openExternal?: (url: string) => Promise<boolean>;
  readonly now?: () => Date;
}
