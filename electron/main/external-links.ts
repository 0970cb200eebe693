import { shell } from 'electron';
import { isAllowedExternalUrl } from '../security/external-link-policy.js';

/**
 * Opens an allow-listed documentation link in the default browser; anything else is refused (false).
 *
 * The only call of shell.openExternal in the app (Electron checklist item 15), so a reviewer has one
 * place to check. The URL is re-serialised from the parsed form, so what opens is exactly what was checked.
 */
export async function openExternalSafe(url: unknown): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  const checked = new URL(url).href;
  // Reviewed call site, accepted in SECURITY.md: https plus an exact host allow-list, checked just above.
  await shell.openExternal(checked, { activate: true }); // eng-disable OPEN_EXTERNAL_JS_CHECK
  return true;
}
