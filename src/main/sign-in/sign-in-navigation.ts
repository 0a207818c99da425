/** Where a page in the sign-in window wants to go, and what the window does about it. */
export type SignInNavigation =
  /** An https page of the identity platform (or a federated identity provider): load it. */
  | { readonly kind: 'allow' }
  /** The redirect URI: report it, and load it (msal-node's loopback server) or stop it. */
  | { readonly kind: 'redirect'; readonly load: boolean }
  /** Anything else (http, file, javascript, custom app schemes): refuse. */
  | { readonly kind: 'block' };

/** What ends a page: its redirect URI and whether the window loads it. */
export interface RedirectRule {
  readonly uri: string;
  readonly load: boolean;
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a redirect URI is a loopback `http://` one, as msal-node's own loopback server uses. */
export const isLoopbackRedirect = (uri: string): boolean => {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
};

/**
 * The redirect rule of a page: the redirect URI from `options` or the URL's `redirect_uri` parameter, loaded
 * when it is msal-node's loopback server and stopped otherwise unless `options` say so.
 */
export const redirectRuleFor = (
  url: string,
  options: { readonly redirectUri?: string; readonly onRedirect?: 'let-through' | 'stop' } = {},
): RedirectRule | undefined => {
  const uri = options.redirectUri ?? new URL(url).searchParams.get('redirect_uri') ?? undefined;
  if (uri === undefined) return undefined;
  const load =
    options.onRedirect === undefined ? isLoopbackRedirect(uri) : options.onRedirect === 'let-through';
  return { uri, load };
};

/** Whether `url` is the redirect URI: same origin and path; the query and fragment are the answer. */
const matchesRedirect = (url: URL, redirectUri: string): boolean => {
  try {
    const expected = new URL(redirectUri);
    const path = (p: string): string => (p === '' ? '/' : p);
    return url.origin === expected.origin && path(url.pathname) === path(expected.pathname);
  } catch {
    return false;
  }
};

/**
 * Decides one navigation of the sign-in window (Electron security checklist item 13).
 *
 * Sign-in can pass through Microsoft's hosts and a client's own federated identity provider (AD FS, Okta), so
 * https is allowed in general; plain http only for the redirect URI, and nothing else ever.
 */
export const decideSignInNavigation = (url: string, redirect: RedirectRule | undefined): SignInNavigation => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'block' };
  }
  if (redirect !== undefined && matchesRedirect(parsed, redirect.uri)) {
    return { kind: 'redirect', load: redirect.load };
  }
  if (parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '')
    return { kind: 'allow' };
  return { kind: 'block' };
};
