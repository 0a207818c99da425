import {
  type AuthenticationResult,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
  PublicClientApplication,
} from '@azure/msal-node';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  builtinTenantIds,
  PRACTICE_PASSWORD,
  SIGN_IN_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { type PracticeTenant, startPracticeTenant } from '../../../src/main/practice-tenant/server';
import { signInChromium } from '../support/sign-in-chromium';
import { practiceDispatcher, practiceGraphClient } from './practice-graph-client';

/**
 * msal-node's network client, trusting the practice tenant's certificate and nothing else: msal-node 7 uses
 * Node's fetch, which takes an undici dispatcher with its own CA list.
 */
const pinnedNetworkClient = (certificate: string): INetworkModule => {
  const dispatcher = new Agent({ connect: { ca: certificate } });
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const response = await fetch(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      dispatcher,
    } as RequestInit);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { headers, body: (await response.json()) as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
};

/** Waits until a page element is shown (Playwright's own `expect` belongs to its test runner). */
const visible = (locator: Locator): Promise<void> => locator.waitFor({ state: 'visible' });

const GRAPH_SCOPES = [
  'https://graph.microsoft.com/User.Read',
  'https://graph.microsoft.com/Directory.Read.All',
];
const SUCCESS = 'Signed in to the practice tenant. You can close this window.';

describe('signing in with msal-node acquireTokenInteractive against the practice tenant', () => {
  let practice: PracticeTenant;
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    // A practice tenant of its own, with the file's certificate that its Chromium trusts by key.
    const { tls, browser } = await signInChromium();
    practice = await startPracticeTenant({ tls });
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
    await practice?.close();
  });

  const app = (tenant: string = builtinTenantIds.contoso): PublicClientApplication =>
    new PublicClientApplication({
      auth: {
        clientId: SIGN_IN_APP_ID,
        authority: `${practice.authority}/${tenant}`,
        knownAuthorities: [new URL(practice.authority).host],
      },
      system: { networkClient: pinnedNetworkClient(practice.certificate) },
    });

  // msal-node's openBrowser: shows the authorize URL and returns once the page is there. With a session cookie the
  // authorize page at once posts the code to msal-node's loopback (form_post), which would interrupt a goto that
  // waits for the page's load event; waiting only for the response to commit cannot be interrupted that way.
  const showPage = async (url: string): Promise<void> => {
    await page.goto(url, { waitUntil: 'commit' });
  };

  const signIn = (
    pca: PublicClientApplication,
    options: { prompt?: 'select_account' | 'login' | 'consent'; loginHint?: string } = {},
  ): Promise<AuthenticationResult> =>
    pca.acquireTokenInteractive({
      scopes: GRAPH_SCOPES,
      prompt: options.prompt ?? 'select_account',
      loginHint: options.loginHint,
      successTemplate: SUCCESS,
      errorTemplate: 'Sign-in failed: {{error}}',
      openBrowser: showPage,
    });

  const enterCredentials = async (upn: string): Promise<void> => {
    await page.getByRole('textbox', { name: 'Email' }).fill(upn);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password').fill(PRACTICE_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('signs a Global Administrator in through the Email and Password pages and returns a Graph token', async () => {
    const result = signIn(app());
    await enterCredentials('admin@contoso.com');
    const token = await result;

    expect(token.tenantId).toBe(builtinTenantIds.contoso);
    expect(token.account?.username).toBe('admin@contoso.com');
    expect(token.account?.homeAccountId).toBe(`${token.uniqueId}.${builtinTenantIds.contoso}`);
    const claims = decodeJwt(token.accessToken);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: builtinTenantIds.contoso,
      appid: SIGN_IN_APP_ID,
    });
    expect(String(claims.scp).split(' ')).toEqual(
      expect.arrayContaining(['User.Read', 'Directory.Read.All']),
    );
    expect(claims.wids).toContain('62e90394-69f5-4237-9190-012177145e10');
    await expect.poll(() => page.textContent('body')).toContain(SUCCESS);

    // The token works against the practice Graph through the real Graph SDK.
    const graph = practiceGraphClient(practice, token.accessToken, practiceDispatcher(practice));
    const me = await graph.api('/me').get();
    expect(me.userPrincipalName).toBe('admin@contoso.com');
  });

  // msal-node resolves once its loopback has the code, which can be before the browser's form post to that loopback
  // has committed; a next sign-in on the same page would be interrupted by that post. The loopback's success page is
  // the sign that the post is done.
  const loopbackShown = async (result: Promise<AuthenticationResult>): Promise<AuthenticationResult> => {
    const token = await result;
    await page.waitForURL((url) => url.protocol === 'http:' && url.hostname === 'localhost');
    await visible(page.getByText(SUCCESS));
    return token;
  };

  it('signs in again without pages from the browser session, and lists the account for select_account', async () => {
    const pca = app();
    const first = signIn(pca, { prompt: 'login' });
    await enterCredentials('admin@contoso.com');
    await loopbackShown(first);

    // No prompt: the session cookie signs the same account in without showing a page.
    const silent = pca.acquireTokenInteractive({
      scopes: GRAPH_SCOPES,
      successTemplate: SUCCESS,
      openBrowser: showPage,
    });
    expect((await loopbackShown(silent)).account?.username).toBe('admin@contoso.com');

    const picked = signIn(pca, { prompt: 'select_account' });
    await page.getByRole('button', { name: /admin@contoso\.com/ }).click();
    expect((await picked).account?.username).toBe('admin@contoso.com');
  });

  it('asks an administrator to consent where the sign-in app was never consented, and records the grant', async () => {
    const result = signIn(app(builtinTenantIds.woodgrove));
    await enterCredentials('admin@woodgrovebank.com');
    await visible(page.getByRole('heading', { name: /Permissions requested/ }));
    await visible(page.getByText('Directory.Read.All', { exact: true }));
    await page.getByRole('checkbox', { name: 'Consent on behalf of your organization' }).check();
    await page.getByRole('button', { name: 'Accept' }).click();
    const token = await result;

    expect(String(decodeJwt(token.accessToken).scp).split(' ')).toContain('Directory.Read.All');
    const tenant = practice.directory.tenant(builtinTenantIds.woodgrove);
    const sp = practice.directory.findServicePrincipalByAppId(builtinTenantIds.woodgrove, SIGN_IN_APP_ID);
    expect(sp).toBeDefined();
    expect(tenant.oauth2PermissionGrants).toContainEqual(
      expect.objectContaining({ clientId: sp?.id, consentType: 'AllPrincipals', principalId: null }),
    );
  });

  it('rejects with AADSTS65004 when the technician presses Cancel on the consent page', async () => {
    const result = signIn(app(builtinTenantIds.woodgrove));
    const outcome = expect(result).rejects.toMatchObject({
      errorCode: 'access_denied',
      errorMessage: expect.stringContaining('AADSTS65004'),
    });
    await enterCredentials('admin@woodgrovebank.com');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await outcome;
    expect(
      practice.directory.findServicePrincipalByAppId(builtinTenantIds.woodgrove, SIGN_IN_APP_ID),
    ).toBeUndefined();
  });

  it('rejects with AADSTS65004 when the tenant declines consent even though Accept was pressed', async () => {
    practice.knobs.setTenant(builtinTenantIds.woodgrove, { consentDeclined: true });
    const result = signIn(app(builtinTenantIds.woodgrove));
    const outcome = expect(result).rejects.toMatchObject({
      errorMessage: expect.stringContaining('AADSTS65004'),
    });
    await enterCredentials('admin@woodgrovebank.com');
    await page.getByRole('button', { name: 'Accept' }).click();
    await outcome;
  });

  it('rejects with AADSTS53003 when Conditional Access blocks the sign-in', async () => {
    practice.knobs.setTenant(builtinTenantIds.contoso, { conditionalAccessBlock: true });
    const result = signIn(app());
    const outcome = expect(result).rejects.toMatchObject({
      errorCode: 'access_denied',
      errorMessage: expect.stringContaining('AADSTS53003'),
    });
    await enterCredentials('admin@contoso.com');
    await outcome;
  });

  it('rejects with AADSTS50076 when the tenant requires multifactor authentication', async () => {
    practice.knobs.setTenant(builtinTenantIds.contoso, { mfaRequired: true });
    const result = signIn(app());
    const outcome = expect(result).rejects.toMatchObject({
      errorMessage: expect.stringContaining('AADSTS50076'),
    });
    await enterCredentials('admin@contoso.com');
    await outcome;
  });

  it('shows "Need admin approval" (AADSTS90094) to a user who cannot consent, and returns that to the app', async () => {
    // AuditLog.Read.All needs admin consent and was never granted to the sign-in app in Contoso.
    const asked = app().acquireTokenInteractive({
      scopes: ['https://graph.microsoft.com/AuditLog.Read.All'],
      prompt: 'select_account',
      successTemplate: SUCCESS,
      openBrowser: showPage,
    });
    const refused = expect(asked).rejects.toMatchObject({
      errorCode: 'access_denied',
      errorMessage: expect.stringContaining('AADSTS90094'),
    });
    await enterCredentials('helpdesk@contoso.com');
    await visible(page.getByRole('heading', { name: 'Need admin approval' }));
    await page.getByRole('button', { name: 'Return to the application without granting consent' }).click();
    await refused;
  });

  it('shows AADSTS50020 for an account of another tenant, then lets the technician use another account', async () => {
    const result = signIn(app(builtinTenantIds.contoso));
    await enterCredentials('admin@fabrikam.com');
    await visible(page.getByRole('alert'));
    expect(await page.getByRole('alert').textContent()).toContain('AADSTS50020');
    await page.getByRole('button', { name: 'Use another account' }).click();
    await enterCredentials('admin@contoso.com');
    expect((await result).tenantId).toBe(builtinTenantIds.contoso);
  });
});
