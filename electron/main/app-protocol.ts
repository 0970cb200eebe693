import { protocol } from 'electron';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from '../security/csp.js';

// The renderer is served from app://kms-doctor/ rather than file:// (Electron checklist item 18): a
// file:// page may read any local file, and every file:// page shares one origin.
export const appScheme = 'app';
export const appHost = 'kms-doctor';
export const appOrigin = `${appScheme}://${appHost}`;
export const appStartUrl = `${appOrigin}/index.html`;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Registers app:// as a standard, secure scheme (own origin, fetch allowed, CSP not bypassed); call before `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Whether a URL is on our app:// origin (parsed with URL, never compared by prefix). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${appScheme}:` && parsed.host === appHost && parsed.username === '' && parsed.password === '';
}

// A decoded path segment that could leave the root or alias another file on Windows: separators (also
// percent-encoded ones), dot segments, NUL, drive/stream colons, and the trailing dots and spaces Win32 strips.
const unsafeSegment = /[\\/\0:]|^\.\.?$|[. ]$/;

/**
 * Maps an app:// URL to a file under `root`, or null when the URL is not ours or would leave `root`.
 *
 * Each segment is decoded on its own and refused if it could climb out (`..`, `%2e%2e`, `..%2f`, `..\`),
 * then the joined path is checked to still be inside `root`. `/` means `index.html`.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost || parsed.username !== '' || parsed.password !== '') return null;
  const raw = parsed.pathname === '/' || parsed.pathname === '' ? '/index.html' : parsed.pathname;
  const segments: string[] = [];
  for (const encoded of raw.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (segment === '' || unsafeSegment.test(segment)) return null;
    segments.push(segment);
  }
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...segments);
  return isInside(base, resolved) ? resolved : null;
}

function isInside(base: string, candidate: string): boolean {
  const relative = path.relative(base, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function headers(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
}

const refuse = (status: number): Response => new Response(null, { status, headers: headers('text/plain; charset=utf-8') });

/**
 * The app:// request handler: reads files under `root` only, refusing traversal and symlinks that point out.
 *
 * Every response carries the CSP header. Only GET and HEAD are served.
 */
export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const resolved = resolveAppPath(root, request.url);
    if (resolved === null) return refuse(404);
    let body: Buffer;
    try {
      // realpath both ends: a link inside the root must not lead outside it.
      const [realRoot, realFile] = await Promise.all([realpath(root), realpath(resolved)]);
      if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return refuse(404);
      body = await readFile(realFile);
    } catch {
      return refuse(404);
    }
    const type = contentTypes[path.extname(resolved).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(type) });
  };
}

/** Serves the built renderer folder on app:// for the default session. */
export function registerAppProtocol(root: string): void {
  protocol.handle(appScheme, createAppRequestHandler(root));
}
