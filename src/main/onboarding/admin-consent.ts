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
