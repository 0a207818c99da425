import { randomUUID } from 'node:crypto';
import { refused } from '../../shared/bridge/errors';
import type { Cloud } from '../../shared/cloud/cloud';
import { guidanceFromRedirect } from '../../shared/guidance/from-sign-in-error';
import type { Guidance } from '../../shared/guidance/guidance';
import { type RunGuidanceKey, runGuidance } from '../../shared/guidance/run-guidance';
import type { SignInBrowser } from '../sign-in/browser-opener';
import type { StepContext } from './run-environment';
import { StepStopped } from './run-errors';

/**
 * Microsoft's admin-consent endpoint of the identity platform v2.0, for the admin-consent-page strategy.
 * https://learn.microsoft.com/entra/identity-platform/v2-admin-consent
 */

/** The URL that asks the client's administrator to consent, for the whole tenant, to the target app's permissions. */
export const adminConsentUrl = (options: {
  readonly authorityOrigin: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  /** `.default` of the resource: every permission the app's registration lists. */
  readonly scope: string;
}): string => {
  const query = new URLSearchParams({
    client_id: options.clientId,
    scope: options.scope,
    redirect_uri: options.redirectUri,
    state: options.state,
  });
  return `${options.authorityOrigin}/${encodeURIComponent(options.tenantId)}/v2.0/adminconsent?${query.toString()}`;
};

/** What the admin-consent page sent back in its redirect. */
export interface AdminConsentRedirect {
  /** `admin_consent=True`. It can come together with an `error`: then consent was not (fully) granted. */
  readonly adminConsent: boolean;
  readonly tenant: string | null;
  readonly scope: string | null;
  readonly error: string | null;
  readonly errorDescription: string | null;
  /** Whether `state` is the one the tool sent: a redirect with another state is not this run's answer. */
  readonly stateMatches: boolean;
}

/** Reads the admin-consent redirect (`?admin_consent=True&tenant=…&scope=…&state=…`, or `error=…`). */
export const parseAdminConsentRedirect = (url: string, expectedState: string): AdminConsentRedirect => {
  const query = new URL(url).searchParams;
  return {
    adminConsent: (query.get('admin_consent') ?? '').toLowerCase() === 'true',
    tenant: query.get('tenant'),
    scope: query.get('scope'),
    error: query.get('error'),
    errorDescription: query.get('error_description'),
    stateMatches: query.get('state') === expectedState,
  };
};

/** How the admin-consent page ended. */
export type AdminConsentPageOutcome =
  | { readonly kind: 'redirected'; readonly url: string }
  | { readonly kind: 'closed-by-user' | 'ended' | 'timed-out' | 'cancelled' }
  | { readonly kind: 'load-failed'; readonly description: string; readonly errorCode: number };

/**
 * Shows Microsoft's admin-consent page in the run's browser and waits for what comes first: the redirect to the
 * app's redirect URI (the browser stops there, loading nothing of it), the window closing, a page that fails to
 * load, the timeout, or the technician's cancel. The window is hidden afterwards.
 */
export const showAdminConsentPage = async (options: {
  readonly browser: SignInBrowser;
  readonly url: string;
  readonly redirectUri: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}): Promise<AdminConsentPageOutcome> => {
  const { browser, url, redirectUri, signal } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe = (): void => undefined;
  try {
    return await Promise.race([
      new Promise<AdminConsentPageOutcome>((resolve) => {
        unsubscribe = browser.onEvent((event) => {
          if (event.kind !== 'navigation-blocked') resolve(event);
        });
        browser
          .openBrowser(url, { redirectUri, onRedirect: 'stop' })
          .catch((error: unknown) =>
            resolve({ kind: 'load-failed', errorCode: -1, description: String(error) }),
          );
      }),
      new Promise<AdminConsentPageOutcome>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'timed-out' }), options.timeoutMs);
      }),
      new Promise<AdminConsentPageOutcome>((resolve) => {
        if (signal.aborted) resolve({ kind: 'cancelled' });
        signal.addEventListener('abort', () => resolve({ kind: 'cancelled' }), { once: true });
      }),
    ]);
  } finally {
    unsubscribe();
    clearTimeout(timer);
    browser.hide();
  }
};

/**
 * What the admin-consent page's outcome means for the run: the redirect's answer to journal and, when consent was
 * not given, the guidance the Grant consent step stops with (null when the administrator consented).
 */
export const judgeAdminConsent = (
  outcome: AdminConsentPageOutcome,
  expectedState: string,
): { readonly redirect: AdminConsentRedirect | null; readonly guidance: Guidance | null } => {
  // Only a redirect with this request's state is the page's answer; anything else stops with its guidance alone.
  const stopped = (key: RunGuidanceKey, message: string) => ({
    redirect: null,
    guidance: runGuidance(key, message),
  });
  switch (outcome.kind) {
    case 'redirected': {
      const redirect = parseAdminConsentRedirect(outcome.url, expectedState);
      if (!redirect.stateMatches)
        return stopped('consent-not-granted', 'The consent page answered for another request.');
      if (redirect.error !== null)
        return {
          redirect,
          guidance:
            guidanceFromRedirect(new URL(outcome.url).search) ??
            runGuidance('consent-not-granted', redirect.errorDescription ?? redirect.error),
        };
      if (!redirect.adminConsent)
        return {
          redirect,
          guidance: runGuidance(
            'consent-not-granted',
            'The consent page returned without admin_consent=True.',
          ),
        };
      return { redirect, guidance: null };
    }
    case 'closed-by-user':
    case 'ended':
      return stopped('sign-in-window-closed', 'The consent window was closed before it finished.');
    case 'load-failed':
      return stopped('sign-in-page-failed', `${outcome.description} (${outcome.errorCode})`);
    case 'cancelled':
      return stopped('sign-in-cancelled', 'The technician cancelled the consent page.');
    case 'timed-out':
      return stopped('sign-in-timed-out', 'The consent page was not completed in time.');
  }
};

/**
 * Step 6 by Microsoft's admin-consent page: the administrator consents there, for the whole tenant, to the target
 * app's permissions as its registration lists them (`.default`). The page's redirect is journaled; anything but
 * consent stops the step with its guidance.
 */
export const consentOnMicrosoftPage = async (
  context: StepContext,
  options: { readonly cloud: Cloud | null; readonly browser: SignInBrowser; readonly signal: AbortSignal },
): Promise<void> => {
  const { discovery, input } = context.record();
  const { cloud } = options;
  if (discovery === null || cloud === null) throw refused('Discover the client’s tenant first.');
  const target = input.profile.targetApp;
  const redirectUri = target.adminConsentRedirectUri;
  if (redirectUri === undefined)
    throw refused('The profile names no admin-consent redirect URI for the app; use the direct grant.');
  const state = randomUUID();
  const url = adminConsentUrl({
    authorityOrigin: cloud.authorityOrigin,
    tenantId: discovery.tenantId,
    clientId: target.appId,
    redirectUri,
    state,
    scope: `${cloud.graphResourceId}/.default`,
  });
  await context.append({ type: 'admin-consent-opened', at: context.stamp(), url });
  context.progress('admin-consent', 'Waiting for the administrator to accept on Microsoft’s consent page…');
  const outcome = await showAdminConsentPage({
    browser: options.browser,
    url,
    redirectUri,
    timeoutMs: context.limits().signInTimeoutMs,
    signal: options.signal,
  });
  const { redirect, guidance } = judgeAdminConsent(outcome, state);
  if (redirect !== null) {
    await context.append({
      type: 'admin-consent-returned',
      at: context.stamp(),
      adminConsent: redirect.adminConsent,
      error: redirect.error,
      errorDescription: redirect.errorDescription,
    });
  }
  if (guidance !== null) throw new StepStopped(guidance);
};
