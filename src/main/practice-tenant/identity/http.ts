import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest request body the identity endpoints read; their forms are a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024;

/** Reads an `application/x-www-form-urlencoded` body; other content types read as empty. */
export const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('Request body too large');
    chunks.push(buffer);
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return new URLSearchParams();
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

/** Sends JSON with the no-cache headers the identity platform sets on token responses. */
export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

/** Sends an HTML page under a strict Content-Security-Policy. */
export const sendHtml = (
  res: ServerResponse,
  status: number,
  page: { readonly html: string; readonly csp: string },
  headers: Record<string, string | string[]> = {},
): void => {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store, no-cache',
    'Content-Security-Policy': page.csp,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Content-Length': Buffer.byteLength(page.html),
    ...headers,
  });
  res.end(page.html);
};

/** Sends a 302 to `location`. */
export const sendRedirect = (
  res: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void => {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store, no-cache', ...headers });
  res.end();
};

/** The cookies a request carries. */
export const readCookies = (req: IncomingMessage): ReadonlyMap<string, string> => {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  return cookies;
};
