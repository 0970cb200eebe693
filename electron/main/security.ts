import type { App, Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol.js';
import { isAllowedExternalUrl } from '../security/external-link-policy.js';

/**
 * The one permission the renderer may use: writing (sanitised) text to the clipboard, so "copy this
 * command" buttons work. Chromium already requires a user gesture for it; it reads nothing. Everything
 * else, camera to notifications to clipboard reads, is denied (Electron checklist item 5).
 */
export const grantedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Decides one permission request or check: only a granted permission, only from our app:// main frame. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, isMainFrame: boolean): boolean {
  return grantedPermissions.has(permission) && isMainFrame && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/**
 * URL patterns the renderer's session never fetches: the UI is local (app://), so any web, socket or file
 * request is either a bug or an injected page phoning out (Electron checklist item 1, defence in depth
 * behind the CSP).
 */
export const blockedRequestPatterns: readonly string[] = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file:///*'];

/**
 * Applies the session policy: no network or file requests from the renderer, permission request and
 * check handlers, device and display-media pickers.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onBeforeRequest({ urls: [...blockedRequestPatterns] }, (_details, callback) => callback({ cancel: true }));
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame));
  session.setDevicePermissionHandler(() => false);
  // No screen capture: answering with no streams refuses getDisplayMedia.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

/**
 * Locks down one webContents (Electron checklist items 11–15): navigation and redirects stay on app://,
 * new windows are never created (an allowed documentation link goes to the browser instead), and
 * <webview> can never attach.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => Promise<boolean>): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (details) => {
    if (!isAppUrl(details.url)) details.preventDefault();
  });
  contents.on('will-redirect', (details) => {
    if (!isAppUrl(details.url)) details.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url).catch(() => false);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event, webPreferences) => {
    // Belt and braces: the guest is destroyed by preventDefault, and its preferences are cleared anyway.
    webPreferences.nodeIntegration = false;
    delete webPreferences.preload;
    event.preventDefault();
  });
}

/** Hardens every webContents the app ever creates, including ones we did not create ourselves. */
export function installSecurityHandlers(app: App, openExternal: (url: string) => Promise<boolean>): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
}
