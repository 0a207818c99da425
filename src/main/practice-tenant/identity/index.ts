import type { IncomingMessage, ServerResponse } from 'node:http';
import { aadstsErrorBody, createErrorTrace } from './aadsts';
import { jwks, openIdConfiguration, resolveAuthorityTenant } from './discovery';
import { escapeHtml, renderPage } from './html';
import { sendJson } from './http';
import { createIdentityContext, type IdentityDeps } from './identity-context';
import { handleAdminConsent, handleAuthorize, handleConsentPost, handleLoginPost } from './sign-in-endpoints';
import { handleToken } from './token-endpoint';
import { userRealm } from './user-realm';

export type { IdentityDeps } from './identity-context';

/**
 * The practice tenant's Microsoft identity platform (v2.0), serving the paths of login.microsoftonline.com below
 * the authority origin:
 * - `GET /{tenant}/v2.0/.well-known/openid-configuration` and `GET /{tenant}/discovery/v2.0/keys`
 * - `GET|POST /{tenant}/oauth2/v2.0/authorize`, `POST /{tenant}/oauth2/v2.0/token`
 * - `GET /{tenant}/v2.0/adminconsent` (and `/{tenant}/adminconsent`)
 * - the sign-in pages' own posts, `POST /{tenant}/login` and `POST /{tenant}/Consent/Set`
 *
 * `{tenant}` is a tenant ID, any of its domains, `organizations` or `common`.
 */
export const createIdentityHandler = (
  deps: IdentityDeps,
): ((req: IncomingMessage, res: ServerResponse) => Promise<void>) => {
  const ctx = createIdentityContext(deps);
  return async (req, res) => {
    const url = new URL(req.url ?? '/', ctx.authorityOrigin);
    const segments = url.pathname.split('/').filter((s) => s !== '');
    const [encodedTenant = '', ...rest] = segments;
    const tenantSegment = decodeURIComponent(encodedTenant);
    const path = rest.join('/').toLowerCase();
    const method = (req.method ?? 'GET').toUpperCase();
    const read = method === 'GET' || method === 'HEAD';

    if (read && path === 'v2.0/.well-known/openid-configuration') {
      const resolved = resolveAuthorityTenant(ctx.directory, tenantSegment);
      if (resolved.kind === 'unknown') {
        // https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS90002)
        const trace = createErrorTrace(ctx.clock(), header(req, 'client-request-id'));
        sendJson(
          res,
          400,
          aadstsErrorBody({ code: 90002, tenant: tenantSegment }, trace, ctx.authorityOrigin),
        );
        return;
      }
      sendJson(res, 200, openIdConfiguration(ctx.authorityOrigin, ctx.graphOrigin, resolved), {
        'Access-Control-Allow-Origin': '*',
      });
      return;
    }
    if (read && path === 'discovery/v2.0/keys') {
      sendJson(res, 200, jwks(ctx.keys, ctx.authorityOrigin), { 'Access-Control-Allow-Origin': '*' });
      return;
    }
    if ((read || method === 'POST') && path === 'oauth2/v2.0/authorize') {
      await handleAuthorize(ctx, req, res, url, tenantSegment);
      return;
    }
    if (path === 'oauth2/v2.0/token') {
      await handleToken(ctx, req, res, tenantSegment);
      return;
    }
    if (read && (path === 'v2.0/adminconsent' || path === 'adminconsent')) {
      await handleAdminConsent(ctx, req, res, url, tenantSegment);
      return;
    }
    if (
      read &&
      tenantSegment.toLowerCase() === 'common' &&
      rest.length === 2 &&
      path.startsWith('userrealm/')
    ) {
      sendJson(res, 200, userRealm(ctx.directory, ctx.authorityOrigin, decodeURIComponent(rest[1] ?? '')));
      return;
    }
    if (read && tenantSegment === 'federation') {
      // The federated domain's own identity provider: the practice tenant's accounts cannot sign in here.
      const page = federationPage(decodeURIComponent(rest[0] ?? ''));
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': page.csp });
      res.end(page.html);
      return;
    }
    if (method === 'POST' && path === 'login') {
      await handleLoginPost(ctx, req, res);
      return;
    }
    if (method === 'POST' && path === 'consent/set') {
      await handleConsentPost(ctx, req, res);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  };
};

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The page of a federated domain's own sign-in service (AD FS), standing in for the organization's server. */
const federationPage = (domain: string) =>
  renderPage({
    title: `Sign in to ${domain}`,
    body: `<h1>${escapeHtml(domain)} sign-in service</h1>
<p>The organization’s own identity provider (federation server) for ${escapeHtml(domain)}. Only ${escapeHtml(domain)} accounts sign in here; a cloud-only or guest administrator of the tenant cannot.</p>`,
  });
