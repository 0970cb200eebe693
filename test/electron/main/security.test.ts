import { EventEmitter } from 'node:events';
import type { App, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ protocol: {} }));
const { hardenSession, hardenWebContents, installSecurityHandlers, isPermissionAllowed } = await import('../../../electron/main/security.js');

type OpenHandler = (details: { url: string }) => { action: string };

/** A webContents stand-in: a real EventEmitter plus the window-open hook. */
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: OpenHandler) => {
      openHandler = handler;
    },
  });
  return { contents: contents as unknown as WebContents, emitter, open: (url: string) => openHandler?.({ url }) };
}

function navigationEvent(url: string) {
  let prevented = false;
  return { url, preventDefault: () => (prevented = true), get prevented() { return prevented; } };
}

describe('webContents hardening (checklist items 11-15)', () => {
  const opened: string[] = [];
  const setup = () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, async (url) => {
      opened.push(url);
      return true;
    });
    return fake;
  };

  it('refuses navigation, frame navigation and redirects that leave app://kms-doctor', () => {
    const { emitter } = setup();
    for (const url of ['https://evil.example/', 'http://127.0.0.1:5174/', 'file:///C:/Windows/', 'app://other/', 'javascript:alert(1)', 'about:blank']) {
      const navigate = navigationEvent(url);
      emitter.emit('will-navigate', navigate, url);
      expect(navigate.prevented, url).toBe(true);
      const frame = navigationEvent(url);
      emitter.emit('will-frame-navigate', frame);
      expect(frame.prevented, url).toBe(true);
      const redirect = navigationEvent(url);
      emitter.emit('will-redirect', redirect);
      expect(redirect.prevented, url).toBe(true);
    }
  });

  it('lets the app navigate within its own origin', () => {
    const { emitter } = setup();
    const navigate = navigationEvent('app://kms-doctor/index.html#/findings');
    emitter.emit('will-navigate', navigate, navigate.url);
    expect(navigate.prevented).toBe(false);
  });

  it('denies every new window and sends only allow-listed documentation links to the browser', async () => {
    const { open } = setup();
    opened.length = 0;
    for (const url of ['https://learn.microsoft.com/windows-server/get-started/kms-activation-planning', 'https://evil.example/', 'app://kms-doctor/', 'file:///C:/x']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(opened).toEqual(['https://learn.microsoft.com/windows-server/get-started/kms-activation-planning']);
  });

  it('prevents any <webview> from attaching and strips its preferences', () => {
    const { emitter } = setup();
    const attach = navigationEvent('');
    const preferences: Record<string, unknown> = { nodeIntegration: true, preload: 'C:/evil.js' };
    emitter.emit('will-attach-webview', attach, preferences, { src: 'https://evil.example/' });
    expect(attach.prevented).toBe(true);
    expect(preferences).toEqual({ nodeIntegration: false });
  });

  it('applies itself to every webContents the app creates', () => {
    const app = new EventEmitter();
    installSecurityHandlers(app as unknown as App, async () => false);
    const { contents, emitter } = fakeContents();
    app.emit('web-contents-created', {}, contents);
    const navigate = navigationEvent('https://evil.example/');
    emitter.emit('will-navigate', navigate, navigate.url);
    expect(navigate.prevented).toBe(true);
  });
});

describe('session permissions (checklist item 5)', () => {
  type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string; isMainFrame: boolean }) => void;
  type CheckHandler = (contents: unknown, permission: string, origin: string, details: { requestingUrl?: string; isMainFrame: boolean }) => boolean;
  function fakeSession() {
    const handlers: {
      request?: RequestHandler;
      check?: CheckHandler;
      device?: () => boolean;
      display?: (request: unknown, callback: (streams: object) => void) => void;
      filter?: { urls: string[] };
      beforeRequest?: (details: unknown, callback: (response: { cancel?: boolean }) => void) => void;
    } = {};
    const session = {
      webRequest: {
        onBeforeRequest: (filter: { urls: string[] }, listener: (details: unknown, callback: (response: { cancel?: boolean }) => void) => void) => {
          handlers.filter = filter;
          handlers.beforeRequest = listener;
        },
      },
      setPermissionRequestHandler: (handler: RequestHandler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => (handlers.check = handler),
      setDevicePermissionHandler: (handler: () => boolean) => (handlers.device = handler),
      setDisplayMediaRequestHandler: (handler: (request: unknown, callback: (streams: object) => void) => void) => (handlers.display = handler),
    };
    hardenSession(session as unknown as Session);
    return handlers;
  }
  const ours = { requestingUrl: 'app://kms-doctor/index.html', isMainFrame: true };

  it('denies every permission request except clipboard writes from our main frame', () => {
    const { request } = fakeSession();
    const ask = (permission: string, details: { requestingUrl?: string; isMainFrame: boolean }) => {
      let answer: boolean | null = null;
      request?.({}, permission, (granted) => (answer = granted), details);
      return answer;
    };
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'display-capture', 'unknown']) {
      expect(ask(permission, ours), permission).toBe(false);
    }
    expect(ask('clipboard-sanitized-write', ours)).toBe(true);
    expect(ask('clipboard-sanitized-write', { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(ask('clipboard-sanitized-write', { requestingUrl: 'app://kms-doctor/', isMainFrame: false })).toBe(false);
  });

  it('answers permission checks, device pickers and screen capture the same way', () => {
    const { check, device, display } = fakeSession();
    expect(check?.({}, 'media', 'app://kms-doctor', ours)).toBe(false);
    expect(check?.({}, 'clipboard-read', 'app://kms-doctor', ours)).toBe(false);
    expect(check?.({}, 'clipboard-sanitized-write', 'app://kms-doctor', ours)).toBe(true);
    expect(check?.({}, 'clipboard-sanitized-write', 'app://kms-doctor', { isMainFrame: true })).toBe(false);
    expect(device?.()).toBe(false);
    let streams: object | null = null;
    display?.({}, (given) => (streams = given));
    expect(streams).toEqual({});
  });

  it('cancels every web, socket and file request of the renderer session (checklist item 1)', () => {
    const { filter, beforeRequest } = fakeSession();
    expect(filter?.urls).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file:///*']);
    let answer: { cancel?: boolean } | null = null;
    beforeRequest?.({ url: 'https://evil.example/beacon' }, (response) => (answer = response));
    expect(answer).toEqual({ cancel: true });
  });

  it('decides from the parsed requesting URL', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://kms-doctor.evil/', true)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, true)).toBe(false);
  });
});
