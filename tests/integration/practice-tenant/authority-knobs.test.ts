import { describe, expect, it } from 'vitest';
import {
  builtinScenario,
  builtinTenantIds,
  SIGN_IN_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { ScenarioSchema } from '../../../src/main/practice-tenant/directory/scenario';
import { startPracticeTenant } from '../../../src/main/practice-tenant/server';
import {
  authorizeUrl,
  CONTOSO,
  decodeEntities,
  FormBrowser,
  formPost,
  practiceForEachTest,
  redeem,
} from './form-browser';

// The realism knobs on the authority host: throttling, outages and dropped connections answer as the identity
// platform does (OAuth 2.0's `temporarily_unavailable`, "The server is temporarily too busy to handle the request":
// https://learn.microsoft.com/entra/identity-platform/reference-error-codes#handling-error-codes-in-your-application),
// and the sign-in knobs set in a scenario file apply from the start.

const t = practiceForEachTest();

describe('faults on the authority host', () => {
  it('throttles the token endpoint with 429, Retry-After and temporarily_unavailable, then answers again', async () => {
    t.practice.knobs.addFault({
      host: 'authority',
      method: 'POST',
      path: '/oauth2/v2.0/token$',
      fault: { kind: 'throttle', retryAfterSeconds: 4 },
      times: 1,
    });
    const throttled = await fetch(`${t.practice.authority}/${CONTOSO}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: SIGN_IN_APP_ID, grant_type: 'authorization_code', code: 'x' }),
      dispatcher: t.browser.dispatcher,
    } as RequestInit);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('4');
    expect(await throttled.json()).toMatchObject({ error: 'temporarily_unavailable' });
    // The next request reaches the token endpoint again (and fails only for its made-up code).
    const next = await redeem(t.browser, { code: 'x' });
    expect(next.status).toBe(400);
    expect(next.body).toMatchObject({ error: 'invalid_grant', error_codes: [9002313] });
  });

  it('sends Retry-After with a 503 on the sign-in page', async () => {
    t.practice.knobs.addFault({
      host: 'authority',
      path: '/oauth2/v2.0/authorize$',
      fault: { kind: 'unavailable', retryAfterSeconds: 9 },
      times: 1,
    });
    const response = await fetch(authorizeUrl(t.practice), {
      dispatcher: t.browser.dispatcher,
    } as RequestInit);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('9');
    expect(await response.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });

  it('drops the connection to the discovery endpoint and logs it with status 0', async () => {
    t.practice.knobs.addFault({
      host: 'authority',
      path: 'openid-configuration$',
      fault: { kind: 'drop' },
      times: 1,
    });
    await expect(t.browser.request(`/${CONTOSO}/v2.0/.well-known/openid-configuration`)).rejects.toThrow();
    await expect
      .poll(() => t.practice.requestLog.entries.at(-1))
      .toMatchObject({
        host: 'authority',
        status: 0,
        path: `/${CONTOSO}/v2.0/.well-known/openid-configuration`,
      });
    expect((await t.browser.request(`/${CONTOSO}/v2.0/.well-known/openid-configuration`)).status).toBe(200);
  });

  it('leaves Graph alone when a rule names the authority host', async () => {
    t.practice.knobs.addFault({ host: 'authority', path: '', fault: { kind: 'throttle' } });
    const response = await fetch(`${t.practice.graph}/v1.0/me`, {
      dispatcher: t.browser.dispatcher,
    } as RequestInit);
    expect(response.status).toBe(401);
  });
});

describe('sign-in knobs', () => {
  it('requires multifactor authentication the t.practice tenant cannot satisfy (AADSTS50076)', async () => {
    t.practice.knobs.setTenant(CONTOSO, { mfaRequired: true });
    const { fields } = formPost(
      await t.browser.signIn(await t.browser.request(authorizeUrl(t.practice)), 'admin@contoso.com'),
    );
    expect(fields.error).toBe('interaction_required');
    expect(fields.error_description).toMatch(/^AADSTS50076: /);
    expect(fields.code).toBeUndefined();
  });

  it('declines consent even when Accept is pressed (AADSTS65004)', async () => {
    t.practice.knobs.setTenant(builtinTenantIds.woodgrove, { consentDeclined: true });
    // The sign-in app was never consented in Woodgrove, so its admin sees the consent page.
    const consent = await t.browser.signIn(
      await t.browser.request(authorizeUrl(t.practice, {}, 'woodgrovebank.com')),
      'admin@woodgrovebank.com',
    );
    expect(consent.text).toContain('Permissions requested');
    const { fields } = formPost(await t.browser.submit(consent, 'Accept'));
    expect(fields.error).toBe('access_denied');
    expect(fields.error_description).toMatch(/^AADSTS65004: /);
    expect(
      t.practice.directory.findServicePrincipalByAppId(builtinTenantIds.woodgrove, SIGN_IN_APP_ID),
    ).toBeUndefined();
  });

  it('refuses an account of another tenant on the error page, with "Use another account" (AADSTS50020)', async () => {
    const page = await t.browser.signIn(
      await t.browser.request(authorizeUrl(t.practice)),
      'admin@fabrikam.com',
    );
    expect(page.status).toBe(400);
    expect(decodeEntities(page.text)).toContain(
      `AADSTS50020: User account 'admin@fabrikam.com' from identity provider 'https://sts.windows.net/${builtinTenantIds.fabrikam}/' does not exist in tenant 'Contoso' and cannot access the application '${SIGN_IN_APP_ID}'(Pia Onboarding) in that tenant.`,
    );
    expect(page.text).not.toContain('hiddenform');
    const other = await t.browser.submit(page, 'Use another account');
    expect(other.text).toContain('<label for="loginfmt">Email</label>');
  });
});

describe('sign-in knobs set in a scenario', () => {
  it('applies Conditional Access from the scenario file to the first sign-in (AADSTS53003)', async () => {
    await t.practice.close();
    const scenario = builtinScenario();
    t.practice = await startPracticeTenant({
      scenario: ScenarioSchema.parse({
        ...scenario,
        tenants: scenario.tenants.map((t) =>
          t.id === builtinTenantIds.contoso ? { ...t, knobs: { conditionalAccessBlock: true } } : t,
        ),
      }),
    });
    t.browser = new FormBrowser(t.practice);
    const { fields } = formPost(
      await t.browser.signIn(await t.browser.request(authorizeUrl(t.practice)), 'admin@contoso.com'),
    );
    expect(fields.error).toBe('access_denied');
    expect(fields.error_description).toMatch(
      /^AADSTS53003: Access has been blocked by Conditional Access policies\./,
    );
    expect(fields.code).toBeUndefined();
  });

  it('treats the app as unknown in a tenant whose knob says so (AADSTS700016)', async () => {
    t.practice.knobs.setTenant(builtinTenantIds.fabrikam, { unknownClientAppIds: [SIGN_IN_APP_ID] });
    const page = await t.browser.request(authorizeUrl(t.practice, {}, 'fabrikam.com'));
    expect(page.status).toBe(400);
    expect(decodeEntities(page.text)).toContain(
      `AADSTS700016: Application with identifier '${SIGN_IN_APP_ID}' was not found in the directory 'Fabrikam'.`,
    );
    // Other tenants still know the app.
    expect((await t.browser.request(authorizeUrl(t.practice))).text).toContain(
      '<label for="loginfmt">Email</label>',
    );
  });
});
