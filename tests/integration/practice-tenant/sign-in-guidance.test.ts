import { afterEach, describe, expect, it } from 'vitest';
import {
  builtinScenario,
  builtinServicePrincipalId,
  builtinTenantIds,
  builtinUserId,
  SIGN_IN_APP_ID,
  TARGET_APP_ID,
  TARGET_APP_REDIRECT_URI,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { type Scenario, ScenarioSchema } from '../../../src/main/practice-tenant/directory/scenario';
import type { TenantKnobs } from '../../../src/main/practice-tenant/knobs/tenant-knobs';
import { type PracticeTenant, startPracticeTenant } from '../../../src/main/practice-tenant/server';
import {
  guidanceFromRedirect,
  guidanceFromSignInError,
} from '../../../src/shared/guidance/from-sign-in-error';
import type { Guidance } from '../../../src/shared/guidance/guidance';
import { scenarioNeedingTeams } from '../onboarding/harness';
import {
  authorizeUrl,
  CONTOSO,
  decodeEntities,
  FormBrowser,
  formPost,
  type HttpAnswer,
  redeem,
} from './form-browser';

// Each answer of the practice tenant below is the one Microsoft gives for that code
// (https://learn.microsoft.com/entra/identity-platform/reference-error-codes); the tool must turn it into the
// catalog's own entry for the code, not the generic "Sign-in failed".

let practice: PracticeTenant;
let now = Date.now();

afterEach(async () => {
  await practice?.close();
});

const start = async (scenario?: Scenario): Promise<FormBrowser> => {
  now = Date.now();
  practice = await startPracticeTenant({
    clock: () => now,
    ...(scenario === undefined ? {} : { scenario }),
  });
  return new FormBrowser(practice);
};

/** The guidance for what the sign-in page posted back to the app's redirect URI (form_post). */
const redirectGuidance = (answer: HttpAnswer): Guidance | null =>
  guidanceFromRedirect(new URLSearchParams(formPost(answer).fields).toString());

const expectEntry = (guidance: Guidance | null, code: number): void => {
  expect(guidance).toMatchObject({ code: `AADSTS${code}`, catalogKey: `AADSTS${code}`, known: true });
};

/** Signs Contoso's administrator in with the sign-in app and returns a refresh token. */
const refreshTokenOfAdmin = async (browser: FormBrowser): Promise<string> => {
  const answer = await browser.signIn(await browser.request(authorizeUrl(practice)), 'admin@contoso.com');
  const token = await redeem(browser, { code: formPost(answer).fields.code ?? '' });
  expect(token.status).toBe(200);
  return String(token.body.refresh_token);
};

const refresh = async (browser: FormBrowser, token: string): Promise<Record<string, unknown>> => {
  const answer = await browser.request(`/${CONTOSO}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: SIGN_IN_APP_ID,
      grant_type: 'refresh_token',
      refresh_token: token,
      scope: 'https://graph.microsoft.com/User.Read offline_access',
    }),
  });
  expect(answer.status).toBe(400);
  return JSON.parse(answer.text) as Record<string, unknown>;
};

describe('sign-in policies of the client’s tenant', () => {
  const cases: readonly { code: number; knob: Partial<TenantKnobs> }[] = [
    { code: 50076, knob: { mfaRequired: true } },
    { code: 50079, knob: { mfaRegistrationRequired: true } },
    { code: 53000, knob: { compliantDeviceRequired: true } },
    { code: 53003, knob: { conditionalAccessBlock: true } },
  ];

  for (const { code, knob } of cases) {
    it(`AADSTS${code} at sign-in and on a refresh gets its own guidance`, async () => {
      const browser = await start();
      const token = await refreshTokenOfAdmin(browser);
      practice.knobs.setTenant(CONTOSO, knob);

      const answer = await browser.signIn(
        await browser.request(authorizeUrl(practice, { prompt: 'login' })),
        'admin@contoso.com',
      );
      expect(formPost(answer).fields.code).toBeUndefined();
      expectEntry(redirectGuidance(answer), code);
      expectEntry(guidanceFromSignInError(await refresh(browser, token)), code);
    });
  }
});

describe('AADSTS50105: a sign-in app that requires assignment', () => {
  it('shows Microsoft’s page at sign-in, answers a refresh with the error, and the error gets its guidance', async () => {
    const browser = await start();
    const token = await refreshTokenOfAdmin(browser);
    practice.knobs.setTenant(CONTOSO, { assignmentRequiredAppIds: [SIGN_IN_APP_ID] });

    const page = await browser.signIn(
      await browser.request(authorizeUrl(practice, { prompt: 'login' })),
      'admin@contoso.com',
    );
    // Microsoft shows this one on its own page: the app gets no answer until the page is closed.
    expect(page.status).toBe(400);
    expect(page.text).not.toContain('hiddenform');
    expect(decodeEntities(page.text)).toContain(
      `AADSTS50105: Your administrator has configured the application Pia Onboarding ('${SIGN_IN_APP_ID}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user 'admin@contoso.com' is blocked`,
    );

    expectEntry(guidanceFromSignInError(await refresh(browser, token)), 50105);
  });

  it('lets an administrator assigned to the sign-in app sign in', async () => {
    const scenario = builtinScenario();
    const admin = builtinUserId('contoso', 'admin');
    const browser = await start(
      ScenarioSchema.parse({
        ...scenario,
        tenants: scenario.tenants.map((t) =>
          t.id === CONTOSO
            ? {
                ...t,
                knobs: { assignmentRequiredAppIds: [SIGN_IN_APP_ID] },
                // A user assigned to the app's default access (the all-zero app role ID).
                appRoleAssignments: [
                  ...t.appRoleAssignments,
                  {
                    id: 'assignment-of-admin',
                    appRoleId: '00000000-0000-0000-0000-000000000000',
                    principalId: admin,
                    resourceId: builtinServicePrincipalId('contoso', SIGN_IN_APP_ID),
                    createdDateTime: '2025-01-15T08:00:00Z',
                  },
                ],
              }
            : t,
        ),
      }),
    );
    const answer = await browser.signIn(await browser.request(authorizeUrl(practice)), 'admin@contoso.com');
    expect(formPost(answer).fields.code).toBeTruthy();
  });
});

describe('AADSTS700082: a refresh token unused for 90 days', () => {
  it('gets its own guidance', async () => {
    const browser = await start();
    const token = await refreshTokenOfAdmin(browser);
    now += 91 * 24 * 60 * 60 * 1000;
    expectEntry(guidanceFromSignInError(await refresh(browser, token)), 700082);
  });
});

describe('AADSTS650052: admin consent to a service the tenant lacks', () => {
  it('gets its own guidance, not the one of AADSTS500011', async () => {
    const browser = await start(scenarioNeedingTeams());
    const consent = await browser.signIn(
      await browser.request(
        `/northwindtraders.com/v2.0/adminconsent?${new URLSearchParams({
          client_id: TARGET_APP_ID,
          scope: 'https://graph.microsoft.com/.default',
          redirect_uri: TARGET_APP_REDIRECT_URI,
          state: 'onboarding-9',
        })}`,
      ),
      'admin@northwindtraders.com',
    );
    const answer = await browser.submit(consent, 'Accept');
    const location = new URL(answer.location ?? '');
    expect(practice.directory.findTenant(builtinTenantIds.northwind)).toBeDefined();
    expectEntry(guidanceFromRedirect(location.search), 650052);
  });
});
