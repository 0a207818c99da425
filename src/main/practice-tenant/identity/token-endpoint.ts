import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AadstsError, aadstsErrorBody, createErrorTrace } from './aadsts';
import { resolveAuthorityTenant } from './discovery';
import { readForm, sendJson } from './http';
import type { IdentityContext } from './identity-context';
import { disabledClientError, unassignedUserError } from './next-step';
import { verifyPkce } from './pkce';
import { isRegisteredRedirectUri } from './redirect-uri';
import { resolveScopes } from './scopes';
import { issueTokens } from './token-issuer';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * `POST /{tenant}/oauth2/v2.0/token`: the `authorization_code` grant (PKCE verified, codes single-use and
 * short-lived) and the `refresh_token` grant. Errors carry Microsoft's JSON shape.
 *
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token
 */
export const handleToken = async (
  ctx: IdentityContext,
  req: IncomingMessage,
  res: ServerResponse,
  tenantSegment: string,
): Promise<void> => {
  const clientRequestId =
    typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : undefined;
  const fail = (error: AadstsError, status = 400): void => {
    const trace = createErrorTrace(ctx.clock(), clientRequestId);
    sendJson(res, status, aadstsErrorBody(error, trace, ctx.authorityOrigin), {
      ...(clientRequestId === undefined ? {} : { 'client-request-id': clientRequestId }),
      'x-ms-request-id': trace.traceId,
    });
  };
  if (req.method !== 'POST') {
    fail({ code: 900144, parameter: 'grant_type' });
    return;
  }
  const form = await readForm(req);

  const authority = resolveAuthorityTenant(ctx.directory, tenantSegment);
  if (authority.kind === 'unknown') return fail({ code: 90002, tenant: tenantSegment });
  const tenantName = authority.kind === 'tenant' ? authority.tenant.displayName : authority.segment;

  const clientId = form.get('client_id') ?? '';
  if (clientId === '') return fail({ code: 900144, parameter: 'client_id' });
  const client = ctx.directory.findApplication(clientId);
  const unknownByKnob =
    authority.kind === 'tenant' &&
    ctx.knobs.tenant(authority.tenant.id).unknownClientAppIds.some((id) => same(id, clientId));
  if (client === undefined || unknownByKnob) return fail({ code: 700016, appId: clientId, tenantName });
  // A tenant's own authority looks the app up in that tenant first; with organizations or common the tenant is
  // known from the code or refresh token (checked below).
  const disabledHere =
    authority.kind === 'tenant' ? disabledClientError(ctx, authority.tenant.id, client) : undefined;
  if (disabledHere !== undefined) return fail(disabledHere);
  // The practice tenant issues no client secrets: only public clients redeem codes here.
  if (!client.isPublicClient) return fail({ code: 7000218 }, 401);

  // A code or a refresh token is good only for the client, and the tenant, it was issued to.
  const issuedElsewhere = (
    grant: { readonly clientId: string; readonly tenantId: string },
    what: 'code' | 'refresh token',
  ): AadstsError | undefined => {
    if (!same(grant.clientId, client.appId)) {
      return { code: 70000, detail: `The ${what} was issued to another client.` };
    }
    if (authority.kind === 'tenant' && !same(authority.tenant.id, grant.tenantId)) {
      return { code: 70000, detail: `The ${what} was issued for another tenant.` };
    }
    return undefined;
  };

  const grantType = form.get('grant_type') ?? '';
  if (grantType === '') return fail({ code: 900144, parameter: 'grant_type' });

  let tenantId: string;
  let userId: string;
  let scope: string;
  let nonce: string | undefined;
  let sessionId: string;
  if (grantType === 'authorization_code') {
    const code = form.get('code') ?? '';
    if (code === '') return fail({ code: 900144, parameter: 'code' });
    const redirectUri = form.get('redirect_uri') ?? '';
    if (redirectUri === '') return fail({ code: 900144, parameter: 'redirect_uri' });
    const verifier = form.get('code_verifier') ?? '';
    const redemption = ctx.codes.redeem(code);
    switch (redemption.kind) {
      case 'unknown':
        return fail({ code: 9002313 });
      case 'redeemed':
        return fail({ code: 54005 });
      case 'expired':
        return fail({ code: 70008 });
      case 'ok':
        break;
    }
    const grant = redemption.grant;
    const elsewhere = issuedElsewhere(grant, 'code');
    if (elsewhere !== undefined) return fail(elsewhere);
    if (grant.redirectUri !== redirectUri || !isRegisteredRedirectUri(client, redirectUri)) {
      return fail({ code: 500112, sent: redirectUri, expected: grant.redirectUri });
    }
    if (verifier === '') return fail({ code: 900144, parameter: 'code_verifier' });
    if (!verifyPkce(verifier, grant.codeChallenge)) return fail({ code: 50148 });
    ({ tenantId, userId, scope, nonce, sessionId } = grant);
  } else if (grantType === 'refresh_token') {
    const lookup = ctx.refreshTokens.find(form.get('refresh_token') ?? '');
    if (form.get('refresh_token') === null) return fail({ code: 900144, parameter: 'refresh_token' });
    switch (lookup.kind) {
      case 'unknown':
        return fail({ code: 9002313 });
      case 'expired':
        return fail({ code: 700082 });
      case 'ok':
        break;
    }
    const grant = lookup.grant;
    const elsewhere = issuedElsewhere(grant, 'refresh token');
    if (elsewhere !== undefined) return fail(elsewhere);
    scope = form.get('scope') ?? '';
    if (scope.trim() === '') return fail({ code: 900144, parameter: 'scope' });
    ({ tenantId, userId, sessionId } = grant);
    nonce = undefined;
  } else {
    return fail({ code: 70003, grantType });
  }

  const tenant = ctx.directory.findTenant(tenantId);
  const user = ctx.directory.findUser(tenantId, userId);
  if (tenant === undefined || user === undefined) return fail({ code: 9002313 });
  if (!user.accountEnabled) return fail({ code: 50057 });
  const disabled = disabledClientError(ctx, tenantId, client);
  if (disabled !== undefined) return fail(disabled);

  const resolved = resolveScopes(ctx.directory, client, scope, tenant.displayName);
  if (!resolved.ok) return fail(resolved.error);
  const request = resolved.request;

  if (grantType === 'refresh_token') {
    // Sign-in policies are evaluated again on every refresh; interactive sign-in enforced them for codes.
    const knobs = ctx.knobs.tenant(tenantId);
    const unassigned = unassignedUserError(ctx, tenantId, client, user);
    if (unassigned !== undefined) return fail(unassigned);
    if (knobs.conditionalAccessBlock) return fail({ code: 53003 });
    if (knobs.compliantDeviceRequired) return fail({ code: 53000 });
    if (knobs.mfaRequired) return fail({ code: 50076, resource: request.resource.appId });
    if (knobs.mfaRegistrationRequired) return fail({ code: 50079 });
    // A refresh cannot add consent: permissions asked but not granted need an interactive request.
    const missing = request.delegated.some(({ resourceAppId, values }) => {
      const held = ctx.directory.grantedDelegatedScopes(tenantId, client.appId, userId, resourceAppId);
      return values.some((v) => !held.some((h) => same(h, v)));
    });
    if (missing) return fail({ code: 65001, appId: client.appId, appName: client.displayName });
  }

  const refreshToken = request.oidc.includes('offline_access')
    ? ctx.refreshTokens.issue({ clientId: client.appId, tenantId, userId, sessionId })
    : undefined;
  const response = await issueTokens(ctx, {
    client,
    tenant,
    user,
    resource: request.resource,
    oidc: request.oidc,
    nonce,
    sessionId,
    refreshToken,
  });
  sendJson(res, 200, response, clientRequestId === undefined ? {} : { 'client-request-id': clientRequestId });
};
