import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SIGN_IN_APP_ID,
  TARGET_APP_ID,
  TARGET_APP_REDIRECT_URI,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import {
  type PracticeTenant,
  type PracticeTenantOptions,
  startPracticeTenant,
} from '../../../src/main/practice-tenant/server';
import {
  authorizeUrl,
  CONTOSO,
  expectAadstsError,
  FormBrowser,
  formPost,
  LOOPBACK,
  redeem,
  VERIFIER,
} from './form-browser';

describe('the practice identity platform (HTTP contract)', () => {
  let practice: PracticeTenant;
  let now = Date.now();
  const start = async (options: PracticeTenantOptions = {}): Promise<FormBrowser> => {
    now = Date.now();
    practice = await startPracticeTenant({ clock: () => now, ...options });
    return new FormBrowser(practice);
  };
  afterEach(async () => {
    await practice?.close();
  });

  /** Signs the Contoso admin in through the pages and returns the form_post answer. */
  const codeFor = async (browser: FormBrowser, upn = 'admin@contoso.com', overrides = {}) => {
    const first = await browser.request(authorizeUrl(practice, overrides));
    return formPost(await browser.signIn(first, upn));
  };

  describe('OpenID Connect discovery', () => {
    it('serves the v2.0 document for a tenant ID and for any of its domains, naming the tenant ID', async () => {
      const browser = await start();
      for (const segment of [CONTOSO, 'contoso.com', 'CONTOSO.onmicrosoft.com']) {
        const answer = await browser.request(`/${segment}/v2.0/.well-known/openid-configuration`);
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.text)).toMatchObject({
          issuer: `${practice.authority}/${CONTOSO}/v2.0`,
          authorization_endpoint: `${practice.authority}/${CONTOSO}/oauth2/v2.0/authorize`,
          token_endpoint: `${practice.authority}/${CONTOSO}/oauth2/v2.0/token`,
          jwks_uri: `${practice.authority}/${CONTOSO}/discovery/v2.0/keys`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          id_token_signing_alg_values_supported: ['RS256'],
          msgraph_host: new URL(practice.graph).host,
        });
      }
    });

    it('serves organizations and common with the {tenantid} issuer placeholder', async () => {
      const browser = await start();
      for (const segment of ['organizations', 'common']) {
        const body = JSON.parse(
          (await browser.request(`/${segment}/v2.0/.well-known/openid-configuration`)).text,
        );
        expect(body.issuer).toBe(`${practice.authority}/{tenantid}/v2.0`);
        expect(body.token_endpoint).toBe(`${practice.authority}/${segment}/oauth2/v2.0/token`);
        expect(body.tenant_region_scope).toBeNull();
      }
    });

    it('answers an unknown domain with AADSTS90002 in Microsoft error shape', async () => {
      const browser = await start();
      const answer = await browser.request('/unknown-client.example/v2.0/.well-known/openid-configuration');
      expect(answer.status).toBe(400);
      const body = JSON.parse(answer.text);
      expectAadstsError(body, 'invalid_tenant', 90002);
      expect(body.error_uri).toBe(`${practice.authority}/error?code=90002`);
    });
  });

  describe('authorization code flow with PKCE', () => {
    it('posts the code, state and client_info to the loopback redirect, and the code redeems for signed tokens', async () => {
      const browser = await start();
      const { action, fields } = await codeFor(browser);
      expect(action).toBe(LOOPBACK);
      expect(fields.state).toBe('state-from-the-app');
      expect(JSON.parse(Buffer.from(fields.client_info ?? '', 'base64url').toString())).toMatchObject({
        utid: CONTOSO,
      });

      const { status, body } = await redeem(browser, { code: fields.code ?? '' });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        token_type: 'Bearer',
        expires_in: expect.any(Number),
        ext_expires_in: expect.any(Number),
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        id_token: expect.any(String),
        client_info: fields.client_info,
      });
      const keys = JSON.parse((await browser.request(`/${CONTOSO}/discovery/v2.0/keys`)).text);
      const jwks = createLocalJWKSet(keys);
      const id = await jwtVerify(String(body.id_token), jwks, {
        audience: SIGN_IN_APP_ID,
        currentDate: new Date(now),
      });
      expect(id.payload).toMatchObject({
        iss: `${practice.authority}/${CONTOSO}/v2.0`,
        nonce: 'nonce-from-the-app',
        preferred_username: 'admin@contoso.com',
        tid: CONTOSO,
        ver: '2.0',
      });
      const access = await jwtVerify(String(body.access_token), jwks, { currentDate: new Date(now) });
      expect(access.payload).toMatchObject({
        aud: 'https://graph.microsoft.com',
        iss: `https://sts.windows.net/${CONTOSO}/`,
        ver: '1.0',
      });
    });

    it('refuses a wrong code_verifier with AADSTS50148 and a missing one with AADSTS900144', async () => {
      const browser = await start();
      const wrong = await redeem(browser, {
        code: (await codeFor(browser)).fields.code ?? '',
        code_verifier: `${VERIFIER}x`,
      });
      expect(wrong.status).toBe(400);
      expectAadstsError(wrong.body, 'invalid_grant', 50148);
      // The browser session now signs the admin in without pages; a second browser shows them again.
      const second = new FormBrowser(practice);
      const missing = await redeem(second, {
        code: (await codeFor(second)).fields.code ?? '',
        code_verifier: '',
      });
      expectAadstsError(missing.body, 'invalid_request', 900144);
    });

    it('requires an S256 code challenge, answering the app with the error and its state', async () => {
      const browser = await start();
      for (const overrides of [
        { code_challenge_method: 'plain', code_challenge: VERIFIER },
        { code_challenge: undefined, code_challenge_method: undefined },
      ]) {
        const { action, fields } = formPost(await browser.request(authorizeUrl(practice, overrides)));
        expect(action).toBe(LOOPBACK);
        expect(fields).toMatchObject({ error: 'invalid_request', state: 'state-from-the-app' });
        expect(fields.code).toBeUndefined();
        expect(fields.error_description).toMatch(/^AADSTS9002325: /);
      }
    });

    it('redeems a code once only (AADSTS54005)', async () => {
      const browser = await start();
      const { code = '' } = (await codeFor(browser)).fields;
      expect((await redeem(browser, { code })).status).toBe(200);
      const again = await redeem(browser, { code });
      expect(again.status).toBe(400);
      expectAadstsError(again.body, 'invalid_grant', 54005);
    });

    it('refuses a code after its ten minutes (AADSTS70008)', async () => {
      const browser = await start();
      const { code = '' } = (await codeFor(browser)).fields;
      now += 10 * 60 * 1000 + 1;
      expectAadstsError((await redeem(browser, { code })).body, 'invalid_grant', 70008);
    });

    it('refuses a redirect URI the app never registered (AADSTS50011) and never sends anything to it', async () => {
      const browser = await start();
      for (const redirect of [
        'https://attacker.example/callback',
        'http://localhost.attacker.example:8080',
      ]) {
        const answer = await browser.request(authorizeUrl(practice, { redirect_uri: redirect }));
        expect(answer.status).toBe(400);
        expect(answer.text).toContain('AADSTS50011');
        expect(answer.text).not.toContain('hiddenform');
      }
    });

    it('accepts both loopback hosts on any port for the public client, as Microsoft does', async () => {
      const browser = await start();
      for (const redirect of ['http://127.0.0.1:61000', 'http://localhost:1234/']) {
        const page = await browser.request(authorizeUrl(practice, { redirect_uri: redirect }));
        expect(page.text).toContain('<label for="loginfmt">Email</label>');
      }
    });

    it('refuses a token request whose redirect URI differs from the authorization request (AADSTS500112)', async () => {
      const browser = await start();
      const { code = '' } = (await codeFor(browser)).fields;
      const answer = await redeem(browser, { code, redirect_uri: 'http://localhost:40000' });
      expectAadstsError(answer.body, 'invalid_grant', 500112);
    });

    it('shows AADSTS700016 for an unknown app, at the authorize page and at the token endpoint', async () => {
      const browser = await start();
      const unknown = '0b0b0b0b-1111-4222-8333-444455556666';
      const page = await browser.request(authorizeUrl(practice, { client_id: unknown }));
      expect(page.status).toBe(400);
      expect(page.text).toContain('AADSTS700016');
      const token = await redeem(browser, { client_id: unknown, code: 'x' });
      expectAadstsError(token.body, 'unauthorized_client', 700016);
    });

    it('treats the sign-in app as unknown in a tenant whose knob says so', async () => {
      const browser = await start();
      practice.knobs.setTenant(CONTOSO, { unknownClientAppIds: [SIGN_IN_APP_ID] });
      expect((await browser.request(authorizeUrl(practice))).text).toContain('AADSTS700016');
    });

    it('answers prompt=none without a session with login_required (AADSTS50058)', async () => {
      const browser = await start();
      const { fields } = formPost(await browser.request(authorizeUrl(practice, { prompt: 'none' })));
      expect(fields.error).toBe('login_required');
      expect(fields.error_description).toMatch(/^AADSTS50058: /);
    });
  });

  describe('tokens carry only granted permissions', () => {
    it("puts a user's own consent in that user's tokens only", async () => {
      const browser = await start();
      // Calendars.Read is user-consentable and not granted to the sign-in app in Contoso.
      const scope = 'https://graph.microsoft.com/Calendars.Read openid profile offline_access';
      const consent = await browser.signIn(
        await browser.request(authorizeUrl(practice, { scope })),
        'helpdesk@contoso.com',
      );
      expect(consent.text).toContain('Calendars.Read');
      expect(consent.text).not.toContain('Consent on behalf of your organization');
      const { fields } = formPost(await browser.submit(consent, 'Accept'));
      const helpdesk = await redeem(browser, { code: fields.code ?? '', scope });
      expect(String(decodeJwt(String(helpdesk.body.access_token)).scp).split(' ')).toContain(
        'Calendars.Read',
      );

      const other = new FormBrowser(practice);
      const adminPage = await other.signIn(
        await other.request(
          authorizeUrl(practice, { scope: 'https://graph.microsoft.com/User.Read openid offline_access' }),
        ),
        'admin@contoso.com',
      );
      const admin = await redeem(other, { code: formPost(adminPage).fields.code ?? '' });
      expect(String(decodeJwt(String(admin.body.access_token)).scp).split(' ')).not.toContain(
        'Calendars.Read',
      );
    });
  });

  describe('refresh_token grant', () => {
    const refresh = async (browser: FormBrowser, token: string, scope: string) => {
      const answer = await browser.request(`/${CONTOSO}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: SIGN_IN_APP_ID,
          grant_type: 'refresh_token',
          refresh_token: token,
          scope,
        }),
      });
      return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
    };

    it('issues a new access token, and refuses permissions never consented (AADSTS65001)', async () => {
      const browser = await start();
      const first = await redeem(browser, { code: (await codeFor(browser)).fields.code ?? '' });
      const token = String(first.body.refresh_token);
      const again = await refresh(
        browser,
        token,
        'https://graph.microsoft.com/Directory.Read.All offline_access',
      );
      expect(again.status).toBe(200);
      expect(again.body.access_token).not.toBe(first.body.access_token);
      const more = await refresh(browser, token, 'https://graph.microsoft.com/AuditLog.Read.All');
      expectAadstsError(more.body, 'invalid_grant', 65001);
      expect(more.body.suberror).toBe('consent_required');
    });

    it('applies Conditional Access (AADSTS53003) and MFA (AADSTS50076) to refreshes', async () => {
      const browser = await start();
      const token = String(
        (await redeem(browser, { code: (await codeFor(browser)).fields.code ?? '' })).body.refresh_token,
      );
      practice.knobs.setTenant(CONTOSO, { conditionalAccessBlock: true });
      expectAadstsError((await refresh(browser, token, 'User.Read')).body, 'interaction_required', 53003);
      practice.knobs.setTenant(CONTOSO, { conditionalAccessBlock: false, mfaRequired: true });
      expectAadstsError((await refresh(browser, token, 'User.Read')).body, 'invalid_grant', 50076);
    });
  });

  describe('admin consent endpoint', () => {
    const adminConsentUrl = (tenant: string = CONTOSO): string =>
      `/${tenant}/v2.0/adminconsent?${new URLSearchParams({
        client_id: TARGET_APP_ID,
        scope: 'https://graph.microsoft.com/.default',
        redirect_uri: TARGET_APP_REDIRECT_URI,
        state: 'onboarding-42',
      })}`;

    it('grants every listed permission for the tenant and redirects with admin_consent=True, tenant, scope, state', async () => {
      const browser = await start();
      const consent = await browser.signIn(await browser.request(adminConsentUrl()), 'admin@contoso.com');
      expect(consent.text).toContain('application permission');
      const answer = await browser.submit(consent, 'Accept');
      expect(answer.status).toBe(302);
      const location = new URL(answer.location ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(TARGET_APP_REDIRECT_URI);
      expect(Object.fromEntries(location.searchParams)).toEqual({
        admin_consent: 'True',
        tenant: CONTOSO,
        scope: 'https://graph.microsoft.com/.default',
        state: 'onboarding-42',
      });
      const sp = practice.directory.findServicePrincipalByAppId(CONTOSO, TARGET_APP_ID);
      expect(sp).toBeDefined();
      const app = practice.directory.findApplication(TARGET_APP_ID);
      const roles =
        app?.requiredResourceAccess.flatMap((r) => r.resourceAccess.filter((a) => a.type === 'Role')) ?? [];
      expect(
        practice.directory.tenant(CONTOSO).appRoleAssignments.filter((a) => a.principalId === sp?.id),
      ).toHaveLength(roles.length);
      expect(practice.directory.tenant(CONTOSO).oauth2PermissionGrants).toContainEqual(
        expect.objectContaining({ clientId: sp?.id, consentType: 'AllPrincipals' }),
      );
    });

    it('redirects Cancel with admin_consent=True together with the AADSTS65004 error, writing nothing', async () => {
      const browser = await start();
      const consent = await browser.signIn(await browser.request(adminConsentUrl()), 'admin@contoso.com');
      const location = new URL((await browser.submit(consent, 'Cancel')).location ?? '');
      expect(location.searchParams.get('admin_consent')).toBe('True');
      expect(location.searchParams.get('error')).toBe('consent_required');
      expect(location.searchParams.get('error_description')).toMatch(/^AADSTS65004: /);
      expect(location.searchParams.get('state')).toBe('onboarding-42');
      expect(practice.directory.findServicePrincipalByAppId(CONTOSO, TARGET_APP_ID)).toBeUndefined();
    });

    it('keeps a Privileged Role Administrator able to consent and a helpdesk user not (AADSTS90094)', async () => {
      const browser = await start();
      const page = await browser.signIn(await browser.request(adminConsentUrl()), 'helpdesk@contoso.com');
      expect(page.text).toContain('Need admin approval');
      const back = new URL(
        (await browser.submit(page, 'Return to the application without granting consent')).location ?? '',
      );
      expect(back.searchParams.get('error')).toBe('access_denied');
      expect(back.searchParams.get('error_description')).toMatch(/^AADSTS90094: /);

      const roles = new FormBrowser(practice);
      const consent = await roles.signIn(await roles.request(adminConsentUrl()), 'roles@contoso.com');
      expect(consent.text).toContain('Permissions requested');
    });

    it('refuses a redirect URI the target app did not register (AADSTS50011)', async () => {
      const browser = await start();
      const answer = await browser.request(
        `/${CONTOSO}/v2.0/adminconsent?client_id=${TARGET_APP_ID}&scope=.default&redirect_uri=${encodeURIComponent('https://attacker.example/')}`,
      );
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('AADSTS50011');
    });
  });
});
