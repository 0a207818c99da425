import { afterEach, describe, expect, it } from 'vitest';
import { MICROSOFT_TEAMS_APP_ID } from '../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinScenario,
  builtinServicePrincipalId,
  builtinTenantIds,
  SIGN_IN_APP_ID,
  TARGET_APP_ID,
  TARGET_APP_REDIRECT_URI,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { type Scenario, ScenarioSchema } from '../../../src/main/practice-tenant/directory/scenario';
import { type PracticeTenant, startPracticeTenant } from '../../../src/main/practice-tenant/server';
import {
  authorizeUrl,
  decodeEntities,
  expectAadstsError,
  FormBrowser,
  formPost,
  type HttpAnswer,
  redeem,
} from './form-browser';

let practice: PracticeTenant;

afterEach(async () => {
  await practice?.close();
});

const start = async (scenario?: Scenario): Promise<FormBrowser> => {
  practice = await startPracticeTenant(scenario === undefined ? {} : { scenario });
  return new FormBrowser(practice);
};

const isAccountPicker = (page: HttpAnswer): boolean => page.text.includes('<h1>Pick an account</h1>');
const isEmailPage = (page: HttpAnswer): boolean => page.text.includes('<label for="loginfmt">Email</label>');
const tenantOfAnswer = (page: HttpAnswer): string =>
  JSON.parse(Buffer.from(formPost(page).fields.client_info ?? '', 'base64url').toString()).utid;

describe('domain_hint', () => {
  // "If included, it will skip the email-based discovery process that user goes through on the sign in page",
  // sending the user to that tenant's sign-in:
  // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code

  /** A browser signed in to Contoso and Fabrikam, so that /organizations shows the account picker. */
  const twoAccounts = async (): Promise<FormBrowser> => {
    const browser = await start();
    const first = await browser.request(authorizeUrl(practice, {}, 'organizations'));
    formPost(await browser.signIn(first, 'admin@contoso.com'));
    const second = await browser.request(authorizeUrl(practice, { prompt: 'login' }, 'organizations'));
    formPost(await browser.signIn(second, 'admin@fabrikam.com'));
    expect(isAccountPicker(await browser.request(authorizeUrl(practice, {}, 'organizations')))).toBe(true);
    return browser;
  };

  it('signs the hinted tenant’s account in without the account picker', async () => {
    const browser = await twoAccounts();
    for (const hint of ['fabrikam.com', 'FABRIKAM.onmicrosoft.com']) {
      const answer = await browser.request(authorizeUrl(practice, { domain_hint: hint }, 'organizations'));
      expect(isAccountPicker(answer), hint).toBe(false);
      expect(tenantOfAnswer(answer)).toBe(builtinTenantIds.fabrikam);
      const token = await redeem(browser, { code: formPost(answer).fields.code ?? '' }, 'organizations');
      expect(token.status).toBe(200);
    }
  });

  it('asks for the email straight away when no signed-in account belongs to the hinted tenant', async () => {
    const browser = await twoAccounts();
    const page = await browser.request(
      authorizeUrl(practice, { domain_hint: 'northwindtraders.com' }, 'organizations'),
    );
    expect(isAccountPicker(page)).toBe(false);
    expect(isEmailPage(page)).toBe(true);
    expect(tenantOfAnswer(await browser.signIn(page, 'admin@northwindtraders.com'))).toBe(
      builtinTenantIds.northwind,
    );
  });

  it('changes nothing for a domain no practice tenant holds, for organizations, or when the app asks for the picker', async () => {
    const browser = await twoAccounts();
    for (const overrides of [
      { domain_hint: 'unknown-client.example' },
      { domain_hint: 'organizations' },
      { domain_hint: 'fabrikam.com', prompt: 'select_account' },
    ]) {
      const page = await browser.request(authorizeUrl(practice, overrides, 'organizations'));
      expect(isAccountPicker(page), JSON.stringify(overrides)).toBe(true);
    }
  });
});

describe('AADSTS7000112: the app is disabled in the tenant', () => {
  // Tailspin's service principal of the target app has "Enabled for users to sign in?" set to No.
  const targetApp = { client_id: TARGET_APP_ID, redirect_uri: TARGET_APP_REDIRECT_URI };
  const disabledMessage = `AADSTS7000112: Application '${TARGET_APP_ID}'(Pia) is disabled.`;

  it('shows the error page at the tenant’s authorize endpoint, before anyone signs in, and sends nothing to the app', async () => {
    const browser = await start();
    for (const tenant of ['tailspintoys.com', builtinTenantIds.tailspin]) {
      const page = await browser.request(authorizeUrl(practice, targetApp, tenant));
      expect(page.status).toBe(400);
      expect(decodeEntities(page.text)).toContain(disabledMessage);
      expect(page.text).not.toContain('hiddenform');
    }
  });

  it('shows it after sign-in at organizations, and only for the tenant where the app is disabled', async () => {
    const browser = await start();
    const tailspin = await browser.signIn(
      await browser.request(authorizeUrl(practice, targetApp, 'organizations')),
      'admin@tailspintoys.com',
    );
    expect(tailspin.status).toBe(400);
    expect(decodeEntities(tailspin.text)).toContain(disabledMessage);
    // Contoso has no service principal for the target app yet: its admin is asked to consent instead.
    const other = new FormBrowser(practice);
    const contoso = await other.signIn(
      await other.request(authorizeUrl(practice, targetApp, 'organizations')),
      'admin@contoso.com',
    );
    expect(contoso.text).toContain('Permissions requested');
  });

  it('refuses the admin-consent endpoint for the disabled app too', async () => {
    const browser = await start();
    const page = await browser.request(
      `/tailspintoys.com/v2.0/adminconsent?${new URLSearchParams({
        client_id: TARGET_APP_ID,
        scope: 'https://graph.microsoft.com/.default',
        redirect_uri: TARGET_APP_REDIRECT_URI,
      })}`,
    );
    expect(page.status).toBe(400);
    expect(decodeEntities(page.text)).toContain(disabledMessage);
  });

  it('answers the token endpoint with unauthorized_client, also for a refresh after the app was disabled', async () => {
    const browser = await start();
    const tailspin = await browser.request('/tailspintoys.com/oauth2/v2.0/token', {
      method: 'POST',
      body: new URLSearchParams({
        client_id: TARGET_APP_ID,
        grant_type: 'refresh_token',
        refresh_token: 'x',
      }),
    });
    expect(tailspin.status).toBe(400);
    expectAadstsError(JSON.parse(tailspin.text), 'unauthorized_client', 7000112);

    const code = formPost(
      await browser.signIn(await browser.request(authorizeUrl(practice)), 'admin@contoso.com'),
    ).fields.code;
    const refreshToken = String((await redeem(browser, { code: code ?? '' })).body.refresh_token);
    practice.directory.setServicePrincipalEnabled(
      builtinTenantIds.contoso,
      builtinServicePrincipalId('contoso', SIGN_IN_APP_ID),
      false,
    );
    for (const tenant of [builtinTenantIds.contoso, 'organizations']) {
      const refreshed = await browser.request(`/${tenant}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: SIGN_IN_APP_ID,
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          scope: 'https://graph.microsoft.com/User.Read offline_access',
        }),
      });
      const body = JSON.parse(refreshed.text) as Record<string, unknown>;
      expectAadstsError(body, 'unauthorized_client', 7000112);
      expect(String(body.error_description)).toContain(
        `Application '${SIGN_IN_APP_ID}'(Pia Onboarding) is disabled.`,
      );
    }
  });
});

describe('AADSTS650052: consent to a service the tenant lacks', () => {
  // The built-in target app asks only for Microsoft Graph permissions. Here its registration also asks for a
  // permission of Microsoft Teams Services, as MSP tools often do; the permission itself is test data.
  const TEAMS_ROLE_ID = '5f8ac5e6-3c4b-4c43-9b5d-1b7a1c0d9e01';
  const TEAMS_SCOPE_ID = '5f8ac5e6-3c4b-4c43-9b5d-1b7a1c0d9e02';
  const scenarioNeedingTeams = (): Scenario => {
    const scenario = builtinScenario();
    return ScenarioSchema.parse({
      ...scenario,
      applications: scenario.applications.map((app) => {
        if (app.appId === MICROSOFT_TEAMS_APP_ID) {
          return {
            ...app,
            appRoles: [{ id: TEAMS_ROLE_ID, value: 'PracticeTeams.ReadWrite.All' }],
            oauth2PermissionScopes: [{ id: TEAMS_SCOPE_ID, value: 'user_impersonation', type: 'User' }],
          };
        }
        if (app.appId === TARGET_APP_ID) {
          return {
            ...app,
            requiredResourceAccess: [
              ...app.requiredResourceAccess,
              {
                resourceAppId: MICROSOFT_TEAMS_APP_ID,
                resourceAccess: [{ id: TEAMS_ROLE_ID, type: 'Role' }],
              },
            ],
          };
        }
        return app;
      }),
    });
  };
  const adminConsentUrl = (tenant: string): string =>
    `/${tenant}/v2.0/adminconsent?${new URLSearchParams({
      client_id: TARGET_APP_ID,
      scope: 'https://graph.microsoft.com/.default',
      redirect_uri: TARGET_APP_REDIRECT_URI,
      state: 'onboarding-7',
    })}`;
  const unsubscribed =
    'AADSTS650052: The app needs access to a service ("https://api.spaces.skype.com") that your organization "Northwind Traders" has not subscribed to or enabled. Contact your IT Admin to review the configuration of your service subscriptions.';

  it('shows the consent page, then answers Accept at /adminconsent with the error and writes nothing', async () => {
    const browser = await start(scenarioNeedingTeams());
    const northwind = builtinTenantIds.northwind;
    const before = practice.directory.tenant(northwind);
    const consent = await browser.signIn(
      await browser.request(adminConsentUrl('northwindtraders.com')),
      'admin@northwindtraders.com',
    );
    expect(consent.text).toContain('PracticeTeams.ReadWrite.All');
    expect(consent.text).toContain('Microsoft Teams Services');
    const answer = await browser.submit(consent, 'Accept');
    expect(answer.status).toBe(302);
    const location = new URL(answer.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(TARGET_APP_REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe('invalid_client');
    expect(location.searchParams.get('error_description')?.split('\r\n')[0]).toBe(unsubscribed);
    expect(location.searchParams.get('state')).toBe('onboarding-7');
    // https://learn.microsoft.com/entra/identity-platform/v2-admin-consent#error-response
    expect(location.searchParams.get('admin_consent')).toBe('True');
    const after = practice.directory.tenant(northwind);
    expect(after.servicePrincipals).toEqual(before.servicePrincipals);
    expect(after.oauth2PermissionGrants).toEqual(before.oauth2PermissionGrants);
    expect(after.appRoleAssignments).toEqual(before.appRoleAssignments);
  });

  it('grants the same consent in a tenant that has Microsoft Teams', async () => {
    const browser = await start(scenarioNeedingTeams());
    const consent = await browser.signIn(
      await browser.request(adminConsentUrl('contoso.com')),
      'admin@contoso.com',
    );
    const location = new URL((await browser.submit(consent, 'Accept')).location ?? '');
    expect(location.searchParams.get('admin_consent')).toBe('True');
    const target = practice.directory.findServicePrincipalByAppId(builtinTenantIds.contoso, TARGET_APP_ID);
    expect(practice.directory.tenant(builtinTenantIds.contoso).appRoleAssignments).toContainEqual(
      expect.objectContaining({
        principalId: target?.id,
        resourceId: builtinServicePrincipalId('contoso', MICROSOFT_TEAMS_APP_ID),
        appRoleId: TEAMS_ROLE_ID,
      }),
    );
  });

  it('answers Accept on the sign-in consent page with the error for a delegated permission of the missing service', async () => {
    const browser = await start(scenarioNeedingTeams());
    const scope = 'https://api.spaces.skype.com/user_impersonation openid profile offline_access';
    const consent = await browser.signIn(
      await browser.request(authorizeUrl(practice, { scope }, 'northwindtraders.com')),
      'admin@northwindtraders.com',
    );
    expect(consent.text).toContain('user_impersonation');
    const { fields } = formPost(await browser.submit(consent, 'Accept', { consent_on_behalf: 'true' }));
    expect(fields.error).toBe('invalid_client');
    expect(fields.error_description?.split('\r\n')[0]).toBe(unsubscribed);
    expect(fields.code).toBeUndefined();
    expect(fields.state).toBe('state-from-the-app');
  });
});

describe('consent after single sign-on', () => {
  it('grants admin consent on a page reached without signing in again', async () => {
    const browser = await start();
    formPost(await browser.signIn(await browser.request(authorizeUrl(practice)), 'admin@contoso.com'));
    // The session signs the admin in to the admin-consent endpoint: no email or password page.
    const consent = await browser.request(
      `/contoso.com/v2.0/adminconsent?${new URLSearchParams({
        client_id: TARGET_APP_ID,
        scope: 'https://graph.microsoft.com/.default',
        redirect_uri: TARGET_APP_REDIRECT_URI,
        state: 'sso',
      })}`,
    );
    expect(consent.text).toContain('Permissions requested');
    const location = new URL((await browser.submit(consent, 'Accept')).location ?? '');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      admin_consent: 'True',
      tenant: builtinTenantIds.contoso,
      scope: 'https://graph.microsoft.com/.default',
      state: 'sso',
    });
    expect(
      practice.directory.findServicePrincipalByAppId(builtinTenantIds.contoso, TARGET_APP_ID),
    ).toBeDefined();
  });
});
