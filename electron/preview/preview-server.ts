import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { dispatchOperation, type HandlerRegistry } from '../../shared/contract/dispatch.js';
import { bridgeRoutes } from '../../shared/contract/channels.js';
import { events, type EventName, type EventPayload } from '../../shared/contract/events.js';
import { maxUploadBytes } from '../../shared/contract/limits.js';
import { contentSecurityPolicy } from '../security/csp.js';

/** URL paths shared with the browser bridge (renderer/src/bridge/http-bridge.ts). */
export const previewPaths = bridgeRoutes;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
};

/** Requests are small JSON, except an uploaded bundle (base64 plus a little envelope). */
const maxBodyBytes = Math.ceil(maxUploadBytes / 3) * 4 + 64 * 1024;

export interface PreviewServerOptions {
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** Builds the handlers once the server knows how to emit events and where it listens. */
  readonly handlers: (hooks: PreviewHooks) => HandlerRegistry | Promise<HandlerRegistry>;
  /** 0 (default) for a free port. */
  readonly port?: number;
}

/** What the preview gives the handlers: the event stream, and downloads of files it chose to expose. */
export interface PreviewHooks {
  readonly emit: <K extends EventName>(event: K, payload: EventPayload<K>) => boolean;
  /** Makes a file downloadable under an opaque id; returns the URL path the page can fetch. */
  readonly offerDownload: (id: string, file: string) => string;
}

export interface PreviewServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}

/**
 * The browser preview: serves the built renderer and the contract's operations and events over HTTP on
 * 127.0.0.1 only, for the real services (replay collectors over recorded machines).
 *
 * A page on another origin cannot drive it: every API request must carry our own Host and, for POST, our
 * Origin (DNS rebinding and cross-site requests are refused), and bodies must be JSON.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const root = path.resolve(options.rendererDir);
  const streams = new Set<ServerResponse>();
  const downloads = new Map<string, string>();
  let origins: ReadonlySet<string> = new Set();
  let hostHeaders: ReadonlySet<string> = new Set();

  const hooks: PreviewHooks = {
    emit(event, payload) {
      const parsed = events[event].payload.safeParse(payload);
      if (!parsed.success) return false;
      const frame = `event: ${event}\ndata: ${JSON.stringify(parsed.data)}\n\n`;
      for (const stream of streams) stream.write(frame);
      return true;
    },
    offerDownload(id, file) {
      downloads.set(id, file);
      return `${previewPaths.download}${encodeURIComponent(id)}`;
    },
  };
  const handlers = await options.handlers(hooks);

  const serveStatic = async (urlPath: string, response: ServerResponse) => {
    const relative = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '');
    const file = path.resolve(root, relative);
    if (file !== root && !file.startsWith(`${root}${path.sep}`)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      response.writeHead(200, {
        'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
      });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!hostHeaders.has(request.headers.host ?? '')) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('wrong host');
      return;
    }
    if (url.pathname.startsWith(previewPaths.operation)) {
      if (request.method !== 'POST') return void response.writeHead(405).end();
      if (!origins.has(request.headers.origin ?? '') || !(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(response, 403, { ok: false, error: { code: 'forbidden-sender', message: 'request from another origin refused' } });
      }
      const name = decodeURIComponent(url.pathname.slice(previewPaths.operation.length));
      readBody(request, maxBodyBytes).then(
        async (text) => {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            return sendJson(response, 400, { ok: false, error: { code: 'bad-request', message: 'the request is not JSON' } });
          }
          sendJson(response, 200, await dispatchOperation(name, body, handlers));
        },
        () => sendJson(response, 413, { ok: false, error: { code: 'bad-request', message: 'the request is too large' } }),
      );
      return;
    }
    if (url.pathname === previewPaths.events) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (url.pathname.startsWith(previewPaths.download)) {
      const file = downloads.get(decodeURIComponent(url.pathname.slice(previewPaths.download.length)));
      if (file === undefined) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${path.basename(file).replace(/[^\w.-]/g, '_')}"` });
      createReadStream(file).pipe(response);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405).end();
    void serveStatic(url.pathname, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  hostHeaders = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  origins = new Set([...hostHeaders].map((host) => `http://${host}`));
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
