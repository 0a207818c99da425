import type { AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import { guidanceFromMsalError } from '../../shared/guidance/from-sign-in-error';
import type { Guidance } from '../../shared/guidance/guidance';
import { runGuidance } from '../../shared/guidance/run-guidance';
import type { HttpFetch } from '../net/http-client';
import type { SignInBrowser } from '../sign-in/browser-opener';

/** A sign-in that did not end with a token, with the guidance to show. */
export class SignInFailed extends Error {
  override readonly name = 'SignInFailed';
  constructor(readonly guidance: Guidance) {
    super(guidance.rawMessage);
  }
}

/** Options of {@link signInInteractively}. */
export interface InteractiveSignInOptions {
  readonly pca: PublicClientApplication;
  readonly scopes: readonly string[];
  readonly prompt: 'select_account' | 'login';
  readonly loginHint?: string;
  readonly domainHint?: string;
  readonly browser: SignInBrowser;
  /** Used only to hand msal-node's loopback server the cancellation (plain http to 127.0.0.1). */
  readonly fetch: HttpFetch;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** What the browser shows once the tool has the code. */
  readonly successMessage?: string;
}

type Stop =
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'timed-out' }
  | { readonly kind: 'window-closed' }
  | { readonly kind: 'page-failed'; readonly description: string };

/**
 * Signs the client's administrator in with msal-node's `acquireTokenInteractive` (authorization code with PKCE,
 * `response_mode=form_post` to its loopback server), showing Microsoft's pages in the run's browser.
 *
 * msal-node has neither timeout nor cancel, and its loopback server listens until an authorization response
 * arrives. To stop it, the tool sends that server what the identity platform sends for a cancelled sign-in,
 * `error=access_denied` with the request's own `state`, by form post; msal-node then rejects and closes the
 * server. https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#error-response
 */
export const signInInteractively = async (
  options: InteractiveSignInOptions,
): Promise<AuthenticationResult> => {
  let authorizeUrl: URL | null = null;
  let settled = false;
  let stopWith: ((stop: Stop) => void) | null = null;
  const stopped = new Promise<Stop>((resolve) => {
    stopWith = resolve;
  });
  const stop = (value: Stop): void => stopWith?.(value);

  const token = options.pca.acquireTokenInteractive({
    scopes: [...options.scopes],
    prompt: options.prompt,
    loginHint: options.loginHint,
    domainHint: options.domainHint,
    successTemplate: options.successMessage ?? 'Signed in. You can close this window and return to the app.',
    errorTemplate: 'Sign-in did not complete: {{error}}. Return to the app for what to do next.',
    openBrowser: async (url) => {
      authorizeUrl = new URL(url);
      // Stopped while msal-node was still preparing: never show a page, just release its server.
      if (settled) return abandonLoopback(options.fetch, authorizeUrl);
      await options.browser.openBrowser(url);
    },
  });

  // Outcomes of the browser other than the redirect end the sign-in. A subscription rather than nextOutcome(),
  // so nothing waits on the browser after this sign-in is over (the consent page may use it next).
  const unsubscribe = options.browser.onEvent((event) => {
    if (settled) return;
    if (event.kind === 'closed-by-user') stop({ kind: 'window-closed' });
    else if (event.kind === 'load-failed')
      stop({ kind: 'page-failed', description: `${event.description} (${event.errorCode})` });
    else if (event.kind === 'ended') stop({ kind: 'cancelled' });
  });
  const timer = setTimeout(() => stop({ kind: 'timed-out' }), options.timeoutMs);
  const onAbort = (): void => stop({ kind: 'cancelled' });
  if (options.signal?.aborted) stop({ kind: 'cancelled' });
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const first = await Promise.race([
      token.then((result) => ({ kind: 'token' as const, result })),
      stopped.then((why) => ({ kind: 'stop' as const, why })),
    ]);
    if (first.kind === 'token') return first.result;
    settled = true;
    if (authorizeUrl === null) {
      // msal-node has not opened its server yet; openBrowser above releases it when it does.
      token.catch(() => undefined);
    } else {
      await abandonLoopback(options.fetch, authorizeUrl);
      // msal-node rejects once its server has the error; a token that raced in just before is dropped unused.
      await token.catch(() => undefined);
    }
    throw new SignInFailed(stopGuidance(first.why));
  } catch (error) {
    if (error instanceof SignInFailed) throw error;
    throw new SignInFailed(guidanceFromMsalError(error));
  } finally {
    settled = true;
    unsubscribe();
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    options.browser.hide();
  }
};

const stopGuidance = (stop: Stop): Guidance => {
  switch (stop.kind) {
    case 'cancelled':
      return runGuidance('sign-in-cancelled', 'The technician cancelled the sign-in.');
    case 'timed-out':
      return runGuidance('sign-in-timed-out', 'The sign-in was not completed in time.');
    case 'window-closed':
      return runGuidance(
        'sign-in-window-closed',
        'The sign-in window was closed before the sign-in finished.',
      );
    case 'page-failed':
      return runGuidance('sign-in-page-failed', `Microsoft’s page did not load: ${stop.description}`);
  }
};

/** Posts `access_denied` with the request's `state` to msal-node's loopback redirect URI, so it stops listening. */
const abandonLoopback = async (fetch: HttpFetch, authorizeUrl: URL | null): Promise<void> => {
  const redirectUri = authorizeUrl?.searchParams.get('redirect_uri');
  const state = authorizeUrl?.searchParams.get('state');
  if (redirectUri === null || redirectUri === undefined || state === null || state === undefined) return;
  const target = new URL(redirectUri);
  // Only ever msal-node's own server on this machine.
  if (target.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(target.hostname)) return;
  const body = new URLSearchParams({
    error: 'access_denied',
    error_description: 'The sign-in was stopped by the onboarding tool.',
    state,
  }).toString();
  await fetch(target.toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  }).then(
    (response) => response.body?.cancel(),
    () => undefined,
  );
};
