import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../../electron/service/api-handlers.js';
import { startPreviewServer, type PreviewHooks, type PreviewServer } from '../../../electron/preview/preview-server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const appInfo = async () => ({ version: '1.2.3', platform: 'linux', canCollect: false, elevated: null, mode: 'preview' as const });

async function site(): Promise<string> {
  const dir = await makeTempDir('kmsd-preview-');
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'assets', 'a.js'), 'console.log(1)');
  return dir;
}

/** A raw HTTP request with full control of Host and Origin (fetch would set them itself). */
function raw(server: PreviewServer, options: { method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method: options.method, path: options.path, headers: options.headers, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

const post = (server: PreviewServer, name: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(server, {
    method: 'POST',
    path: `/api/op/${name}`,
    headers: { host: `127.0.0.1:${server.port}`, origin: `http://127.0.0.1:${server.port}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the preview server', () => {
  let server: PreviewServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers a contract operation through the real handler registry, validated', async () => {
    server = await startPreviewServer({ rendererDir: await site(), handlers: ({ emit }) => createApiHandlers({ appInfo, emit }) });
    const answer = await post(server, 'app.info', {});
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: { version: '1.2.3', platform: 'linux', canCollect: false, elevated: null, mode: 'preview' } });
  });

  it('refuses unknown operations, invalid requests and non-JSON bodies with the contract error shape', async () => {
    server = await startPreviewServer({ rendererDir: await site(), handlers: ({ emit }) => createApiHandlers({ appInfo, emit }) });
    expect(JSON.parse((await post(server, 'shell.exec', {})).body)).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect(JSON.parse((await post(server, 'diagnosis.start', { role: 'admin' })).body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(JSON.parse((await post(server, 'diagnosis.start', { role: 'host', script: 'x' })).body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const notJson = await raw(server, {
      method: 'POST',
      path: '/api/op/app.info',
      headers: { host: `127.0.0.1:${server.port}`, origin: `http://127.0.0.1:${server.port}`, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.code).toBe('bad-request');
  });

  it('refuses requests from another origin or through another host name (CSRF, DNS rebinding)', async () => {
    server = await startPreviewServer({ rendererDir: await site(), handlers: ({ emit }) => createApiHandlers({ appInfo, emit }) });
    const crossSite = await post(server, 'app.info', {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body).error.code).toBe('forbidden-sender');
    const formPost = await post(server, 'app.info', {}, { 'content-type': 'text/plain' });
    expect(formPost.status).toBe(403);
    const rebound = await post(server, 'app.info', {}, { host: `evil.example:${server.port}` });
    expect(rebound.status).toBe(421);
  });

  it('maps a thrown error to one line and checks the handler answer against the contract', async () => {
    server = await startPreviewServer({
      rendererDir: await site(),
      handlers: ({ emit }) => ({
        ...createApiHandlers({ appInfo, emit }),
        // A handler that breaks the contract must not reach the page.
        'history.list': async () => ({ runs: [{ runId: 1 }] }) as never,
        'diagnosis.cancel': async () => {
          throw new Error('first line\n    at secret (stack.js:1:1)');
        },
      }),
    });
    expect(JSON.parse((await post(server, 'history.list', {})).body)).toEqual({ ok: false, error: { code: 'failed', message: 'history.list produced an invalid response' } });
    expect(JSON.parse((await post(server, 'diagnosis.cancel', { runId: 'r1' })).body)).toEqual({ ok: false, error: { code: 'failed', message: 'first line' } });
    expect(JSON.parse((await post(server, 'machine.info', {})).body)).toMatchObject({ ok: false, error: { code: 'not-supported' } });
    expect(JSON.parse((await post(server, 'run.get', { runId: 'r1', lang: 'en' })).body)).toEqual({ ok: false, error: { code: 'not-found', message: 'no run r1' } });
  });

  it('streams contract events to the page and drops malformed ones', async () => {
    let hooks: PreviewHooks | undefined;
    server = await startPreviewServer({
      rendererDir: await site(),
      handlers: (given) => {
        hooks = given;
        return createApiHandlers({ appInfo, emit: given.emit });
      },
    });
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server!.port, path: '/api/events', headers: { host: `127.0.0.1:${server!.port}` }, timeout: 5000 }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) {
            expect(hooks!.emit('run.finished', { runId: 'r1', status: 'bogus' } as never)).toBe(false);
            expect(hooks!.emit('run.finished', { runId: 'r1', status: 'complete' })).toBe(true);
          }
          if (text.includes('"complete"')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const text = await received;
    expect(text).toContain('event: run.finished\ndata: {"runId":"r1","status":"complete"}');
    expect(text).not.toContain('bogus');
  });

  it('serves the renderer with the CSP header and never a file outside it', async () => {
    server = await startPreviewServer({ rendererDir: await site(), handlers: ({ emit }) => createApiHandlers({ appInfo, emit }) });
    const host = { host: `127.0.0.1:${server.port}` };
    const index = await raw(server, { method: 'GET', path: '/', headers: host });
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await raw(server, { method: 'GET', path: '/assets/a.js', headers: host })).status).toBe(200);
    expect([403, 404]).toContain((await raw(server, { method: 'GET', path: '/../../etc/passwd', headers: host })).status);
    expect((await raw(server, { method: 'GET', path: '/..%2f..%2f..%2fetc%2fpasswd', headers: host })).status).toBe(403);
  });
});
