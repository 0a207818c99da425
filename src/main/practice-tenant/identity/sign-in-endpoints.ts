import type { IncomingMessage, ServerResponse } from 'node:http';
import { MICROSOFT_GRAPH_APP_ID } from '../catalog/first-party-apps';
import { encodeClientInfo } from '../tokens/client-info';
import { type AadstsError, aadstsDescription, createErrorTrace, describeAadsts } from './aadsts';
import { type BrowserSession, SESSION_COOKIE, sessionCookie } from './browser-sessions';
import { resolveAuthorityTenant } from './discovery';
import type { Page } from './html';
import { readCookies, readForm, sendHtml, sendRedirect } from './http';
import type { IdentityContext } from './identity-context';
import {
  canConsentForOrganization,
  disabledClientError,
  missingDelegated,
  missingServiceError,
  nextStep,
  type Step,
} from './next-step';
import {
  accountPickerPage,
  consentPage,
  emailPage,
  errorPage,
  formPostPage,
  needAdminApprovalPage,
  passwordPage,
} from './pages';
import type { PendingFlow, Prompt, ResponseMode } from './pending-flow';
import { isS256Challenge } from './pkce';
import { isRegisteredRedirectUri } from './redirect-uri';
import { resolveScopes } from './scopes';
import { federatedDomainOf, federationServerUrl } from './user-realm';

const PROMPTS: readonly Prompt[] = ['login', 'select_account', 'consent', 'none'];
const RESPONSE_MODES: readonly ResponseMode[] = ['form_post', 'query', 'fragment'];

const USERNAME_UNKNOWN =
  'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.';
const PASSWORD_WRONG =
  "Your account or password is incorrect. If you don't remember your password, reset it now.";
const FLOW_EXPIRED =
  'Your sign-in session has expired or was already used. Go back to the application and sign in again.';

/** The browser session of a request, created (with its cookie) when the browser has none. */
const browserSession = (
  ctx: IdentityContext,
  req: IncomingMessage,
): { readonly session: BrowserSession; readonly setCookie?: string } => {
  const existing = ctx.sessions.find(readCookies(req).get(SESSION_COOKIE));
  if (existing !== undefined) return { session: existing };
  const session = ctx.sessions.create();
  return { session, setCookie: sessionCookie(session.id) };
};

const cookieHeaders = (setCookie: string | undefined): Record<string, string> =>
  setCookie === undefined ? {} : { 'Set-Cookie': setCookie };

const showErrorPage = (
  ctx: IdentityContext,
  req: IncomingMessage,
  res: ServerResponse,
  error: AadstsError | string,
  extra: { readonly setCookie?: string; readonly useAnotherAccount?: { action: string; ctx: string } } = {},
): void => {
  const trace = createErrorTrace(ctx.clock(), header(req, 'client-request-id'));
  const message = typeof error === 'string' ? error : `AADSTS${error.code}: ${describeAadsts(error).message}`;
  sendHtml(
    res,
    400,
    errorPage({ message, trace, useAnotherAccount: extra.useAnotherAccount }),
    cookieHeaders(extra.setCookie),
  );
};

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Parameters of a GET (query) or POST (form) request. */
const requestParameters = async (req: IncomingMessage, url: URL): Promise<URLSearchParams> =>
  req.method === 'POST' ? readForm(req) : url.searchParams;

/** Sends the answer to the app: form_post page, or a redirect with the parameters in the query or fragment. */
const answer = (
  ctx: IdentityContext,
  res: ServerResponse,
  flow: PendingFlow,
  params: Readonly<Record<string, string>>,
  setCookie: string | undefined,
): void => {
  ctx.flows.end(flow.id);
  // The admin-consent endpoint marks every answer, errors included, with admin_consent=True ("to indicate that this
  // response occurred on an admin consent flow"): https://learn.microsoft.com/entra/identity-platform/v2-admin-consent
  const marked = flow.kind === 'admin-consent' ? { admin_consent: 'True', ...params } : params;
  const withState = flow.state === undefined ? marked : { ...marked, state: flow.state };
  if (flow.kind === 'authorize' && flow.responseMode === 'form_post') {
    sendHtml(res, 200, formPostPage(flow.redirectUri, withState), cookieHeaders(setCookie));
    return;
  }
  const target = new URL(flow.redirectUri);
  const encoded = new URLSearchParams(withState);
  if (flow.kind === 'authorize' && flow.responseMode === 'fragment') {
    target.hash = encoded.toString();
  } else {
    for (const [name, value] of encoded) target.searchParams.append(name, value);
  }
  sendRedirect(res, target.toString(), cookieHeaders(setCookie));
};

const errorParams = (
  ctx: IdentityContext,
  req: IncomingMessage,
  error: AadstsError,
  oauthError?: string,
  subcode?: string,
): Record<string, string> => {
  const trace = createErrorTrace(ctx.clock(), header(req, 'client-request-id'));
  return {
    error: oauthError ?? describeAadsts(error).error,
    error_description: aadstsDescription(error, trace),
    ...(subcode === undefined ? {} : { error_subcode: subcode }),
  };
};

/** Shows a step's page, or sends its answer. */
const render = (
  ctx: IdentityContext,
  req: IncomingMessage,
  res: ServerResponse,
  flow: PendingFlow,
  session: BrowserSession,
  step: Step,
  setCookie: string | undefined,
): void => {
  const loginAction = `/${encodeURIComponent(flow.tenantSegment)}/login`;
  const consentAction = `/${encodeURIComponent(flow.tenantSegment)}/Consent/Set`;
  const show = (page: Page): void => sendHtml(res, 200, page, cookieHeaders(setCookie));
  switch (step.kind) {
    case 'account-picker':
      show(accountPickerPage({ action: loginAction, ctx: flow.id, accounts: step.accounts }));
      return;
    case 'email':
      show(emailPage({ action: loginAction, ctx: flow.id, value: step.value, error: step.error }));
      return;
    case 'password':
      show(passwordPage({ action: loginAction, ctx: flow.id, upn: step.upn, error: step.error }));
      return;
    case 'error-page':
      showErrorPage(ctx, req, res, step.error, {
        setCookie,
        useAnotherAccount: step.useAnotherAccount ? { action: loginAction, ctx: flow.id } : undefined,
      });
      return;
    case 'need-admin-approval': {
      const trace = createErrorTrace(ctx.clock(), header(req, 'client-request-id'));
      show(
        needAdminApprovalPage({
          loginAction,
          consentAction,
          ctx: flow.id,
          appName: flow.client.displayName,
          message: `AADSTS${step.error.code}: ${describeAadsts(step.error).message}`,
          trace,
        }),
      );
      return;
    }
    case 'consent':
      show(
        consentPage({
          action: consentAction,
          ctx: flow.id,
          appName: flow.client.displayName,
          publisher:
            ctx.directory.findTenant(flow.client.homeTenantId)?.displayName ?? 'unverified publisher',
          items: step.items,
          offerOrganizationConsent: step.offerOrganizationConsent,
          forOrganization: flow.kind === 'admin-consent',
        }),
      );
      return;
    case 'issue-code': {
      const code = ctx.codes.issue({
        clientId: flow.client.appId,
        redirectUri: flow.redirectUri,
        codeChallenge: flow.codeChallenge ?? '',
        tenantId: step.account.tenantId,
        userId: step.account.userId,
        scope: flow.scope,
        nonce: flow.nonce,
        sessionId: session.sid,
      });
      answer(
        ctx,
        res,
        flow,
        {
          code,
          ...(flow.clientInfo
            ? { client_info: encodeClientInfo(step.account.userId, step.account.tenantId) }
            : {}),
          session_state: session.sid,
        },
        setCookie,
      );
      return;
    }
    case 'answer-error':
      answer(ctx, res, flow, errorParams(ctx, req, step.error, step.oauthError, step.subcode), setCookie);
      return;
  }
};

/** The name the identity platform's messages give a tenant segment: the tenant's name, or `organizations`/`common`. */
const authorityName = (authority: PendingFlow['authority']): string =>
  authority.kind === 'tenant' ? authority.tenant.displayName : authority.segment;

/** Validates the app and redirect URI; problems here are shown on Microsoft's error page, never sent to the app. */
const validateClient = (
  ctx: IdentityContext,
  params: URLSearchParams,
  tenantSegment: string,
):
  | {
      readonly ok: true;
      readonly authority: PendingFlow['authority'];
      readonly client: PendingFlow['client'];
      readonly redirectUri: string;
    }
  | { readonly ok: false; readonly error: AadstsError } => {
  const authority = resolveAuthorityTenant(ctx.directory, tenantSegment);
  if (authority.kind === 'unknown') return { ok: false, error: { code: 90002, tenant: tenantSegment } };
  const clientId = params.get('client_id') ?? '';
  if (clientId === '') return { ok: false, error: { code: 900144, parameter: 'client_id' } };
  const tenantName = authorityName(authority);
  const client = ctx.directory.findApplication(clientId);
  const unknownByKnob =
    authority.kind === 'tenant' &&
    ctx.knobs
      .tenant(authority.tenant.id)
      .unknownClientAppIds.some((id) => id.toLowerCase() === clientId.toLowerCase());
  const singleTenantElsewhere =
    client !== undefined &&
    client.signInAudience === 'AzureADMyOrg' &&
    (authority.kind !== 'tenant' || client.homeTenantId.toLowerCase() !== authority.tenant.id.toLowerCase());
  if (client === undefined || unknownByKnob || singleTenantElsewhere) {
    return { ok: false, error: { code: 700016, appId: clientId, tenantName } };
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (redirectUri === '') return { ok: false, error: { code: 900144, parameter: 'redirect_uri' } };
  if (!isRegisteredRedirectUri(client, redirectUri)) {
    return { ok: false, error: { code: 50011, redirectUri, appId: client.appId } };
  }
  // For a tenant's own authority the app is looked up in that tenant before anyone signs in; for organizations and
  // common, once the account (and so the tenant) is known (see nextStep).
  const disabled =
    authority.kind === 'tenant' ? disabledClientError(ctx, authority.tenant.id, client) : undefined;
  if (disabled !== undefined) return { ok: false, error: disabled };
  return { ok: true, authority, client, redirectUri };
};

/** What both sign-in endpoints start a flow with, once the app and its redirect URI are valid. */
type FlowStart = Omit<
  PendingFlow,
  'id' | 'expiresAt' | 'kind' | 'responseMode' | 'clientInfo' | 'scope' | 'request'
>;

/**
 * Reads the request, finds the browser session and validates the app. Returns undefined when Microsoft's error page
 * was shown (an unknown or disabled app, an unregistered redirect URI): such problems are never sent to the app.
 */
const beginFlow = async (
  ctx: IdentityContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  tenantSegment: string,
): Promise<
  | {
      readonly params: URLSearchParams;
      readonly session: BrowserSession;
      readonly setCookie?: string;
      readonly start: FlowStart;
    }
  | undefined
> => {
  const params = await requestParameters(req, url);
  const { session, setCookie } = browserSession(ctx, req);
  const valid = validateClient(ctx, params, tenantSegment);
  if (!valid.ok) {
    showErrorPage(ctx, req, res, valid.error, { setCookie });
    return undefined;
  }
  const start: FlowStart = {
    authority: valid.authority,
    tenantSegment,
    client: valid.client,
    redirectUri: valid.redirectUri,
    state: params.get('state') ?? undefined,
    wantsOtherAccount: false,
    accountPromptDone: false,
    consentPromptDone: false,
  };
  return { params, session, setCookie, start };
};

/**
 * A request handler that first looks up what the request continues (`lookup` answers the browser itself when there
 * is nothing to continue) and then runs `handle` with it.
 */
const continuing =
  <A extends unknown[], T>(
    lookup: (
      ctx: IdentityContext,
      req: IncomingMessage,
      res: ServerResponse,
      ...args: A
    ) => Promise<T | undefined>,
    handle: (ctx: IdentityContext, req: IncomingMessage, res: ServerResponse, found: T) => void,
  ) =>
  async (ctx: IdentityContext, req: IncomingMessage, res: ServerResponse, ...args: A): Promise<void> => {
    const found = await lookup(ctx, req, res, ...args);
    if (found !== undefined) handle(ctx, req, res, found);
  };

/**
 * The practice tenant a `domain_hint` names, if any. The hint skips the email-based discovery (home realm
 * discovery) of the sign-in page and sends the user to that tenant's sign-in: for a federated domain its identity
 * provider (handled before this, see handleAuthorize), for a managed (cloud-only) domain Microsoft's own email and
 * password pages.
 * `organizations` and `consumers` name no tenant.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
 */
const hintedTenantId = (ctx: IdentityContext, domainHint: string | null): string | undefined => {
  const hint = (domainHint ?? '').trim();
  if (hint === '' || ['organizations', 'consumers', 'common'].includes(hint.toLowerCase())) return undefined;
  // The hint names a domain (the realm), not a tenant ID.
  const tenant = ctx.directory.findTenant(hint);
  return tenant?.domains.some((d) => d.id.toLowerCase() === hint.toLowerCase()) ? tenant.id : undefined;
};

/**
 * `/{tenant}/oauth2/v2.0/authorize`: the authorization code flow with PKCE (S256 required by the practice tenant).
 *
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
 */
export const handleAuthorize = continuing(beginFlow, (ctx, req, res, begun) => {
  const { params, session, setCookie } = begun;
  const modeParam = params.get('response_mode') ?? 'query';
  const responseMode: ResponseMode = RESPONSE_MODES.find((m) => m === modeParam) ?? 'query';
  const base = {
    ...begun.start,
    kind: 'authorize' as const,
    responseMode,
    clientInfo: params.get('client_info') === '1',
  };
  // From here on, problems go back to the app's redirect URI, as Microsoft sends them.
  const fail = (error: AadstsError): void => {
    const flow = ctx.flows.create({ ...base, scope: '', request: emptyRequest(ctx) });
    answer(ctx, res, flow, errorParams(ctx, req, error), setCookie);
  };
  const responseType = params.get('response_type') ?? '';
  if (responseType === '') return fail({ code: 900144, parameter: 'response_type' });
  if (responseType !== 'code') return fail({ code: 700054, responseType });
  if (!RESPONSE_MODES.some((m) => m === modeParam)) return fail({ code: 900144, parameter: 'response_mode' });
  const codeChallenge = params.get('code_challenge') ?? '';
  if (codeChallenge === '') {
    return fail({
      code: 9002325,
      detail: "The request must contain 'code_challenge' and 'code_challenge_method=S256'.",
    });
  }
  if ((params.get('code_challenge_method') ?? 'plain') !== 'S256') {
    return fail({ code: 9002325, detail: "Only 'code_challenge_method=S256' is accepted." });
  }
  if (!isS256Challenge(codeChallenge)) return fail({ code: 501491 });
  const scope = params.get('scope') ?? '';
  if (scope.trim() === '') return fail({ code: 900144, parameter: 'scope' });
  const resolved = resolveScopes(ctx.directory, base.client, scope, authorityName(base.authority));
  if (!resolved.ok) return fail(resolved.error);
  const promptParam = params.get('prompt') ?? undefined;
  const prompt = PROMPTS.find((p) => p === promptParam);
  if (promptParam !== undefined && prompt === undefined) {
    return fail({ code: 70011, detail: `The prompt value '${promptParam}' is not valid.` });
  }

  // A domain_hint naming a federated domain sends the browser straight to that domain's identity provider, where
  // only its own accounts can sign in.
  // https://learn.microsoft.com/entra/identity/enterprise-apps/home-realm-discovery-policy
  // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
  const federated = federatedDomainOf(ctx.directory, params.get('domain_hint'));
  if (federated !== undefined) {
    sendRedirect(res, federationServerUrl(ctx.authorityOrigin, federated), cookieHeaders(setCookie));
    return;
  }
  const flow = ctx.flows.create({
    ...base,
    nonce: params.get('nonce') ?? undefined,
    codeChallenge,
    scope,
    request: resolved.request,
    prompt,
    loginHint: params.get('login_hint') ?? undefined,
    domainHintTenantId: hintedTenantId(ctx, params.get('domain_hint')),
  });
  render(ctx, req, res, flow, session, nextStep(ctx, flow, session), setCookie);
});

const emptyRequest = (ctx: IdentityContext): PendingFlow['request'] => {
  const graph = ctx.directory.findApplication(MICROSOFT_GRAPH_APP_ID);
  if (graph === undefined) throw new Error('The directory has no Microsoft Graph application');
  return { resource: graph, isDefault: false, oidc: [], delegated: [], appRoles: [] };
};

/**
 * `/{tenant}/v2.0/adminconsent`: an administrator grants the app's permissions for the whole tenant, and the
 * browser returns to the app with `admin_consent=True&tenant&scope&state`, or with `error` and `error_description`.
 *
 * https://learn.microsoft.com/entra/identity-platform/v2-admin-consent
 */
export const handleAdminConsent = continuing(beginFlow, (ctx, req, res, begun) => {
  const { params, session, setCookie } = begun;
  const base = {
    ...begun.start,
    kind: 'admin-consent' as const,
    responseMode: 'query' as const,
    clientInfo: false,
  };
  // The v2.0 endpoint requires `scope`; `/.default` asks for everything the registration lists.
  const scope = params.get('scope') ?? '';
  const resolved =
    scope.trim() === ''
      ? ({ ok: false, error: { code: 900144, parameter: 'scope' } } as const)
      : resolveScopes(ctx.directory, base.client, scope, authorityName(base.authority));
  if (!resolved.ok) {
    const flow = ctx.flows.create({ ...base, scope, request: emptyRequest(ctx) });
    answer(ctx, res, flow, errorParams(ctx, req, resolved.error), setCookie);
    return;
  }
  const flow = ctx.flows.create({ ...base, scope, request: resolved.request });
  render(ctx, req, res, flow, session, nextStep(ctx, flow, session), setCookie);
});

/**
 * The flow a page's form posts to (its `ctx` field) with the form and the browser session, or undefined when the
 * flow is unknown or expired and Microsoft's error page was shown.
 */
const resumeFlow = async (
  ctx: IdentityContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<
  | {
      readonly form: URLSearchParams;
      readonly session: BrowserSession;
      readonly setCookie?: string;
      readonly flow: PendingFlow;
    }
  | undefined
> => {
  const form = await readForm(req);
  const { session, setCookie } = browserSession(ctx, req);
  const flow = ctx.flows.find(form.get('ctx') ?? '');
  if (flow === undefined) {
    showErrorPage(ctx, req, res, FLOW_EXPIRED, { setCookie });
    return undefined;
  }
  return { form, session, setCookie, flow };
};

/** `POST /{tenant}/login`: the account picker, the email page and the password page post here. */
export const handleLoginPost = continuing(resumeFlow, (ctx, req, res, resumed) => {
  const { form, session, setCookie } = resumed;
  let flow = resumed.flow;
  const step = form.get('step');
  const picked = form.get('account');
  if (step === 'other') {
    flow = ctx.flows.update(flow.id, {
      account: undefined,
      typedUpn: undefined,
      wantsOtherAccount: true,
      accountPromptDone: true,
    });
  } else if (picked !== null) {
    const account = session.accounts.find((a) => a.userId === picked);
    if (account !== undefined) flow = ctx.flows.update(flow.id, { account, accountPromptDone: true });
  } else if (step === 'email') {
    const upn = (form.get('loginfmt') ?? '').trim();
    if (ctx.directory.findUserByUpn(upn) === undefined) {
      render(ctx, req, res, flow, session, { kind: 'email', value: upn, error: USERNAME_UNKNOWN }, setCookie);
      return;
    }
    flow = ctx.flows.update(flow.id, { typedUpn: upn });
  } else if (step === 'password') {
    const upn = (form.get('loginfmt') ?? flow.typedUpn ?? '').trim();
    const found = ctx.directory.findUserByUpn(upn);
    if (found === undefined || found.user.password !== (form.get('passwd') ?? '')) {
      render(ctx, req, res, flow, session, { kind: 'password', upn, error: PASSWORD_WRONG }, setCookie);
      return;
    }
    const account = { tenantId: found.tenant.id, userId: found.user.id };
    const signedIn = ctx.sessions.signIn(session.id, account);
    flow = ctx.flows.update(flow.id, {
      account,
      typedUpn: undefined,
      wantsOtherAccount: false,
      accountPromptDone: true,
    });
    render(ctx, req, res, flow, signedIn, nextStep(ctx, flow, signedIn), setCookie);
    return;
  }
  render(ctx, req, res, flow, session, nextStep(ctx, flow, session), setCookie);
});

/** `POST /{tenant}/Consent/Set`: Accept, Cancel, or "Return to the application without granting consent". */
export const handleConsentPost = continuing(resumeFlow, (ctx, req, res, resumed) => {
  const { form, session, setCookie, flow } = resumed;
  const step = nextStep(ctx, flow, session);
  // Single sign-on shows the consent page without the flow having asked who signs in: the step knows.
  const account = flow.account ?? (step.kind === 'consent' ? step.account : undefined);
  if (account === undefined) {
    showErrorPage(ctx, req, res, FLOW_EXPIRED, { setCookie });
    return;
  }
  const decision = form.get('decision');
  const declined: AadstsError = { code: 65004 };

  const answerDeclined = (): void =>
    flow.kind === 'admin-consent'
      ? answer(ctx, res, flow, errorParams(ctx, req, declined, 'consent_required'), setCookie)
      : answer(ctx, res, flow, errorParams(ctx, req, declined, 'access_denied', 'cancel'), setCookie);

  if (decision === 'return' && step.kind === 'need-admin-approval') {
    answer(ctx, res, flow, errorParams(ctx, req, step.error, 'access_denied'), setCookie);
    return;
  }
  if (step.kind !== 'consent') {
    // Nothing to decide (stale page, or an account that may not consent): show where the flow stands.
    render(ctx, req, res, flow, session, step, setCookie);
    return;
  }
  if (decision !== 'accept' || ctx.knobs.tenant(account.tenantId).consentDeclined) {
    answerDeclined();
    return;
  }

  const tenantId = account.tenantId;
  const forOrganization =
    flow.kind === 'admin-consent' ||
    (form.get('consent_on_behalf') === 'true' && canConsentForOrganization(ctx, account, false));
  const delegated =
    flow.kind === 'admin-consent' || flow.prompt === 'consent'
      ? flow.request.delegated
      : missingDelegated(ctx, flow, account);
  const appRoles = flow.kind === 'admin-consent' ? flow.request.appRoles : [];
  const unavailable = missingServiceError(ctx, tenantId, [
    ...delegated.map((d) => d.resourceAppId),
    ...appRoles.map((r) => r.resourceAppId),
  ]);
  if (unavailable !== undefined) {
    answer(ctx, res, flow, errorParams(ctx, req, unavailable), setCookie);
    return;
  }
  for (const { resourceAppId, values } of delegated) {
    ctx.directory.consentDelegated(tenantId, {
      clientAppId: flow.client.appId,
      resourceAppId,
      scopes: values,
      consentType: forOrganization ? 'AllPrincipals' : 'Principal',
      principalId: forOrganization ? undefined : account.userId,
    });
  }
  for (const { resourceAppId, appRoleIds } of appRoles) {
    ctx.directory.assignAppRoles(tenantId, { clientAppId: flow.client.appId, resourceAppId, appRoleIds });
  }
  if (flow.kind === 'admin-consent') {
    answer(ctx, res, flow, { tenant: tenantId, scope: flow.scope }, setCookie);
    return;
  }
  const consented = ctx.flows.update(flow.id, { consentPromptDone: true });
  render(ctx, req, res, consented, session, nextStep(ctx, consented, session), setCookie);
});
