import type { Application } from '../directory/scenario';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const parse = (uri: string): URL | undefined => {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
};

const samePath = (a: URL, b: URL): boolean =>
  (a.pathname === '' ? '/' : a.pathname) === (b.pathname === '' ? '/' : b.pathname);

/**
 * Whether a redirect URI sent in a request is one the app registered.
 *
 * Exact match, except that a public client's registered `http` loopback URI (localhost or 127.0.0.1) matches any
 * port and either loopback host, as Microsoft allows for native apps:
 * https://learn.microsoft.com/entra/identity-platform/reply-url#localhost-exceptions
 */
export const isRegisteredRedirectUri = (app: Application, requested: string): boolean => {
  const target = parse(requested);
  if (target === undefined || target.hash !== '') return false;
  return app.redirectUris.some((registered) => {
    if (registered === requested) return true;
    const candidate = parse(registered);
    if (candidate === undefined) return false;
    if (
      app.isPublicClient &&
      candidate.protocol === 'http:' &&
      target.protocol === 'http:' &&
      LOOPBACK_HOSTS.has(candidate.hostname) &&
      LOOPBACK_HOSTS.has(target.hostname)
    ) {
      return samePath(candidate, target) && target.search === candidate.search;
    }
    return candidate.href === target.href;
  });
};
