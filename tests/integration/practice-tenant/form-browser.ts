import { Agent } from 'undici';
import { afterEach, beforeEach, expect } from 'vitest';
import {
  builtinTenantIds,
  PRACTICE_PASSWORD,
  SIGN_IN_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { s256Challenge } from '../../../src/main/practice-tenant/identity/pkce';
import { type PracticeTenant, startPracticeTenant } from '../../../src/main/practice-tenant/server';

// A browser without script for the practice tenant's sign-in pages, and helpers for the identity endpoints.

export const CONTOSO = builtinTenantIds.contoso;
export const VERIFIER = 'practice-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';
export const LOOPBACK = 'http://localhost:53123';

/** Text of an HTML page with the entities the practice pages use decoded. */
export const decodeEntities = (text: string): string =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** A response as the browser saw it. */
export interface HttpAnswer {
  readonly status: number;
  readonly location: string | null;
  readonly text: string;
}

/** A browser as far as the identity pages need one: cookies, forms, no script. */
export class FormBrowser {
  readonly #cookies = new Map<string, string>();
  readonly #dispatcher: Agent;
  constructor(private readonly practice: PracticeTenant) {
    this.#dispatcher = new Agent({ connect: { ca: practice.certificate } });
  }

  /** The connection pool that trusts only the practice certificate, for requests made without the browser. */
  get dispatcher(): Agent {
    return this.#dispatcher;
  }

  async request(url: string, init: { method?: string; body?: URLSearchParams } = {}): Promise<HttpAnswer> {
    const response = await fetch(new URL(url, this.practice.authority), {
      method: init.method ?? 'GET',
      body: init.body,
      redirect: 'manual',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        cookie: [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      dispatcher: this.#dispatcher,
    } as RequestInit);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const index = pair.indexOf('=');
      this.#cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    };
  }

  /** Submits the form holding the button with this text, adding fields. */
  async submit(
    page: HttpAnswer,
    button: string | RegExp,
    fields: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    for (const match of page.text.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)) {
      const [, action = '', body = ''] = match;
      const buttonMatch = [...body.matchAll(/<button([^>]*)>([\s\S]*?)<\/button>/g)].find(
        ([, , text = '']) =>
          typeof button === 'string' ? decodeEntities(text) === button : button.test(decodeEntities(text)),
      );
      if (buttonMatch === undefined) continue;
      const form = new URLSearchParams();
      for (const [, name = '', value = ''] of body.matchAll(
        /<input type="hidden" name="([^"]*)" value="([^"]*)">/g,
      )) {
        form.set(decodeEntities(name), decodeEntities(value));
      }
      const attributes = buttonMatch[1] ?? '';
      const name = /name="([^"]*)"/.exec(attributes)?.[1];
      const value = /value="([^"]*)"/.exec(attributes)?.[1];
      if (name !== undefined) form.set(name, decodeEntities(value ?? ''));
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return this.request(decodeEntities(action), { method: 'POST', body: form });
    }
    throw new Error(`No button ${String(button)} on the page:\n${page.text}`);
  }

  async signIn(page: HttpAnswer, upn: string): Promise<HttpAnswer> {
    const password = await this.submit(page, 'Next', { loginfmt: upn });
    return this.submit(password, 'Sign in', { passwd: PRACTICE_PASSWORD });
  }
}

/** The fields of a form_post answer, and where it posts. */
export const formPost = (
  page: HttpAnswer,
): { readonly action: string; readonly fields: Record<string, string> } => {
  const action = /<form method="POST" name="hiddenform" action="([^"]*)"/.exec(page.text)?.[1];
  if (action === undefined) throw new Error(`Not a form_post answer:\n${page.text}`);
  const fields: Record<string, string> = {};
  for (const [, name = '', value = ''] of page.text.matchAll(
    /<input type="hidden" name="([^"]*)" value="([^"]*)">/g,
  )) {
    fields[decodeEntities(name)] = decodeEntities(value);
  }
  return { action: decodeEntities(action), fields };
};

/** An authorize URL of the sign-in app, as msal-node builds it, with parameters replaced or removed. */
export const authorizeUrl = (
  practice: PracticeTenant,
  overrides: Record<string, string | undefined> = {},
  tenant: string = CONTOSO,
): string => {
  const params: Record<string, string | undefined> = {
    client_id: SIGN_IN_APP_ID,
    response_type: 'code',
    response_mode: 'form_post',
    redirect_uri: LOOPBACK,
    scope: 'https://graph.microsoft.com/User.Read openid profile offline_access',
    state: 'state-from-the-app',
    nonce: 'nonce-from-the-app',
    client_info: '1',
    code_challenge: s256Challenge(VERIFIER),
    code_challenge_method: 'S256',
    ...overrides,
  };
  const url = new URL(`${practice.authority}/${tenant}/oauth2/v2.0/authorize`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
};

/** Redeems a code at the token endpoint as the sign-in app. */
export const redeem = async (
  browser: FormBrowser,
  fields: Record<string, string>,
  tenant: string = CONTOSO,
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const answer = await browser.request(`/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: SIGN_IN_APP_ID,
      grant_type: 'authorization_code',
      redirect_uri: LOOPBACK,
      code_verifier: VERIFIER,
      scope: 'https://graph.microsoft.com/User.Read openid profile offline_access',
      client_info: '1',
      ...fields,
    }),
  });
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
};

/** Microsoft's token endpoint error shape: https://learn.microsoft.com/entra/identity-platform/reference-error-codes */
export const expectAadstsError = (body: Record<string, unknown>, error: string, code: number): void => {
  expect(body).toMatchObject({
    error,
    error_codes: [code],
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
    trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    correlation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
  expect(String(body.error_description)).toMatch(
    new RegExp(`^AADSTS${code}: .+\\r\\nTrace ID: .+\\r\\nCorrelation ID: .+\\r\\nTimestamp: `),
  );
};

/** The practice tenant and browser of the running test. */
export interface PracticeUnderTest {
  practice: PracticeTenant;
  browser: FormBrowser;
}

/**
 * Starts a fresh built-in practice tenant and a browser for each test of the calling file, and closes the tenant
 * after the test (a test may replace `practice` with one it starts itself; that one is closed instead).
 */
export const practiceForEachTest = (): PracticeUnderTest => {
  const current = {} as PracticeUnderTest;
  beforeEach(async () => {
    current.practice = await startPracticeTenant();
    current.browser = new FormBrowser(current.practice);
  });
  afterEach(async () => {
    await current.practice.close();
  });
  return current;
};
