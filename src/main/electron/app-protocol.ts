import { readFile as readFileCallback, realpathSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { isAppUrl } from './app-origin';

// The callback and sync forms, which Electron's asar support is documented to cover, since the renderer is read
// from inside app.asar in an installed app (https://www.electronjs.org/docs/latest/tutorial/asar-archives).
const readFile = promisify(readFileCallback);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Maps an `app://pia/…` URL to a file inside the renderer folder, or `undefined` when it must be refused:
 * another origin, an encoded separator or NUL, or a path that escapes the folder (`..`, absolute paths).
 */
export const resolveAppAsset = (rendererDir: string, url: string): string | undefined => {
  if (!isAppUrl(url)) return undefined;
  const parsed = new URL(url);
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  // An encoded slash or backslash would let `%2e%2e%5c` reach the file system as `..\` on Windows.
  if (pathname.includes('\0') || pathname.includes('\\') || /%2f|%5c/i.test(parsed.pathname))
    return undefined;
  const wanted = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rendererDir);
  const file = resolve(root, wanted);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return file;
};

/** The headers every response of the app protocol carries. */
export const appResponseHeaders = (csp: string, contentType: string): Headers =>
  new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });

/** Serves the built renderer for `protocol.handle('app', …)`, read-only, with the CSP on every response. */
export const createAppProtocolHandler = (options: {
  readonly rendererDir: string;
  readonly csp: string;
}): ((request: Request) => Promise<Response>) => {
  const root = resolve(options.rendererDir);
  const notFound = (): Response =>
    new Response('Not found', { status: 404, headers: appResponseHeaders(options.csp, 'text/plain') });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: appResponseHeaders(options.csp, 'text/plain') });
    }
    const file = resolveAppAsset(root, request.url);
    if (file === undefined) return notFound();
    try {
      // A symbolic link inside the folder must not lead outside it either.
      const real = realpathSync(file);
      const realRoot = realpathSync(root);
      if (!real.startsWith(realRoot + sep)) return notFound();
      const body = await readFile(real);
      const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: appResponseHeaders(options.csp, type),
      });
    } catch {
      return notFound();
    }
  };
};
