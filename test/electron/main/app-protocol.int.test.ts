import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const handled = new Map<string, (request: Request) => Promise<Response>>();
const privileged: unknown[] = [];
vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => handled.set(scheme, handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
  },
}));
const { createAppRequestHandler, registerAppProtocol, registerAppScheme } = await import('../../../electron/main/app-protocol.js');
const { contentSecurityPolicy } = await import('../../../electron/security/csp.js');

let workspace: string;
let root: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'kmsd-app-protocol-'));
  root = path.join(workspace, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>KMS Doctor</title>');
  writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'style.css'), 'body{}');
  writeFileSync(path.join(workspace, 'secret.txt'), 'outside the root');
  symlinkSync(path.join(workspace, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  serve = createAppRequestHandler(root);
});

afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('app:// handler over real files', () => {
  it('serves the renderer with its content type, nosniff and the CSP header', async () => {
    const response = await get('app://kms-doctor/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>KMS Doctor</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get('app://kms-doctor/assets/main.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://kms-doctor/assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('refuses traversal, a symlink leading out, directories and missing files with 404 and still sends the CSP', async () => {
    for (const url of ['app://kms-doctor/..%2fsecret.txt', 'app://kms-doctor/%2e%2e/secret.txt', 'app://kms-doctor/assets/link.txt', 'app://kms-doctor/assets', 'app://kms-doctor/missing.js']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).toBe('');
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://kms-doctor/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://kms-doctor/index.html', 'POST')).status).toBe(405);
  });

  it('registers app:// as standard and secure, without bypassing CSP, and hands Electron this handler', async () => {
    registerAppScheme();
    expect(privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    registerAppProtocol(root);
    const response = await handled.get('app')?.(new Request('app://kms-doctor/index.html'));
    expect(response?.status).toBe(200);
  });
});
