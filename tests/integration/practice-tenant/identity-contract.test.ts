import { describe, expect, it } from 'vitest';
import {
  TARGET_APP_ID,
  TARGET_APP_REDIRECT_URI,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { shapeDifferences } from '../../unit/practice-tenant/contract/doc-example-shape';
import { authorizeUrl, CONTOSO, FormBrowser, formPost, practiceForEachTest, redeem } from './form-browser';

// Contract tests of the practice identity platform: each answer checked against the example Microsoft's identity
// platform docs give for it (copied from the pages cited).

const t = practiceForEachTest();

// https://learn.microsoft.com/entra/identity-platform/reference-error-codes#handling-error-codes-in-your-application
const tokenErrorExample = {
  error: 'invalid_scope',
  error_description:
    "AADSTS70011: The provided value for the input parameter 'scope' isn't valid. The scope https://example.contoso.com/activity.read isn't valid.\r\nTrace ID: 0000aaaa-11bb-cccc-dd33-eeeeee333333\r\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\nTimestamp: 2016-01-09 02:02:12Z",
  error_codes: [70011],
  timestamp: '2016-01-09 02:02:12Z',
  trace_id: '0000aaaa-11bb-cccc-dd33-eeeeee333333',
  correlation_id: 'aaaa0000-bb11-2222-33cc-444444dddddd',
  error_uri: 'https://login.microsoftonline.com/error?code=70011',
};

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('OpenID Connect discovery', () => {
  it('serves the fields of https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#sample-response', async () => {
    const example = {
      authorization_endpoint: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize',
      token_endpoint: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
      jwks_uri: 'https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys',
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      subject_types_supported: ['pairwise'],
      // The metadata OpenID Connect Discovery 1.0 (section 3) requires, which the doc refers to.
      issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
    for (const tenant of ['common', 'organizations', CONTOSO, 'contoso.com']) {
      const answer = await t.browser.request(`/${tenant}/v2.0/.well-known/openid-configuration`);
      expect(answer.status, tenant).toBe(200);
      expect(shapeDifferences(json(answer.text), example), tenant).toEqual([]);
    }
  });

  it('answers an unknown tenant (AADSTS90002) in the error shape of the token endpoint', async () => {
    const answer = await t.browser.request('/no-such-tenant.example/v2.0/.well-known/openid-configuration');
    expect(answer.status).toBe(400);
    const body = json(answer.text);
    expect(shapeDifferences(body, tokenErrorExample)).toEqual([]);
    expect(body).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
    expect(String(body.error_description)).toMatch(
      /^AADSTS90002: Tenant 'no-such-tenant\.example' not found\./,
    );
  });
});

describe('authorization code flow', () => {
  // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow
  it('answers the app with code and state, and the token endpoint with the documented successful response', async () => {
    const { fields } = formPost(
      await t.browser.signIn(await t.browser.request(authorizeUrl(t.practice)), 'admin@contoso.com'),
    );
    expect(fields).toMatchObject({ code: expect.any(String), state: 'state-from-the-app' });
    const token = await redeem(t.browser, { code: fields.code ?? '' });
    expect(token.status).toBe(200);
    // "Successful response" of "Redeem a code for an access token".
    const example = {
      access_token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsIng1dCI6Ik5HVEZ2ZEstZnl0aEV1Q...',
      token_type: 'Bearer',
      expires_in: 3599,
      scope: 'https%3A%2F%2Fgraph.microsoft.com%2Fmail.read',
      refresh_token: 'AwABAAAAvPM1KaPlrEqdFSBzjqfTGAMxZGUTdM0t4B4...',
      id_token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiIyZDRkMTFhMi1mODE0LTQ2YTctOD...',
    };
    expect(shapeDifferences(token.body, example)).toEqual([]);
    expect(token.body.token_type).toBe('Bearer');
  });

  it('sends authorize errors to the app as error, error_description and state', async () => {
    // "Error response" of "Request an authorization code": error=access_denied&error_description=…(&state)
    const { fields } = formPost(await t.browser.request(authorizeUrl(t.practice, { prompt: 'none' })));
    expect(Object.keys(fields).sort()).toEqual(['error', 'error_description', 'state']);
    expect(fields.error_description).toMatch(/^AADSTS50058: /);
  });

  it('answers token errors with the documented fields', async () => {
    const answer = await redeem(t.browser, { code: 'not-a-code' });
    expect(answer.status).toBe(400);
    expect(shapeDifferences(answer.body, tokenErrorExample)).toEqual([]);
    expect(answer.body.error_uri).toBe(`${t.practice.authority}/error?code=9002313`);
  });
});

describe('admin consent', () => {
  // https://learn.microsoft.com/entra/identity-platform/v2-admin-consent
  const adminConsentUrl = `/${CONTOSO}/v2.0/adminconsent?${new URLSearchParams({
    client_id: TARGET_APP_ID,
    scope: 'https://graph.microsoft.com/.default',
    redirect_uri: TARGET_APP_REDIRECT_URI,
    state: '12345',
  })}`;
  const query = (location: string | null): Record<string, string> =>
    Object.fromEntries(new URL(location ?? '').searchParams);

  it('redirects a grant with admin_consent, tenant, scope and state', async () => {
    const consent = await t.browser.signIn(await t.browser.request(adminConsentUrl), 'admin@contoso.com');
    const answer = await t.browser.submit(consent, 'Accept');
    expect(Object.keys(query(answer.location)).sort()).toEqual(['admin_consent', 'scope', 'state', 'tenant']);
  });

  it('redirects an error with admin_consent, error, error_description and state', async () => {
    const consent = await t.browser.signIn(await t.browser.request(adminConsentUrl), 'admin@contoso.com');
    const cancelled = query((await t.browser.submit(consent, 'Cancel')).location);
    expect(Object.keys(cancelled).sort()).toEqual(['admin_consent', 'error', 'error_description', 'state']);
    expect(cancelled).toMatchObject({ admin_consent: 'True', error: 'consent_required', state: '12345' });
    // A user who may not consent and returns to the app: the same shape.
    const helpdesk = new FormBrowser(t.practice);
    const page = await helpdesk.signIn(await helpdesk.request(adminConsentUrl), 'helpdesk@contoso.com');
    const returned = query(
      (await helpdesk.submit(page, 'Return to the application without granting consent')).location,
    );
    expect(Object.keys(returned).sort()).toEqual(['admin_consent', 'error', 'error_description', 'state']);
    expect(returned.error_description).toMatch(/^AADSTS90094: /);
  });
});
