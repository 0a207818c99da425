import type { Directory } from '../directory/directory';
import type { Tenant } from '../directory/scenario';
import type { SigningKeys } from '../tokens/signing-keys';

/** The tenant segment of an authority URL, resolved. */
export type AuthorityTenant =
  | { readonly kind: 'tenant'; readonly tenant: Tenant }
  /** `organizations` or `common`: the signed-in user's home tenant decides. */
  | { readonly kind: 'multi'; readonly segment: 'organizations' | 'common' }
  | { readonly kind: 'unknown'; readonly segment: string };

/** Resolves `/{tenant}/…`: a tenant ID, any of its domains, `organizations` or `common` (case-insensitive). */
export const resolveAuthorityTenant = (directory: Directory, segment: string): AuthorityTenant => {
  const lower = segment.toLowerCase();
  if (lower === 'organizations' || lower === 'common') return { kind: 'multi', segment: lower };
  const tenant = directory.findTenant(segment);
  return tenant === undefined ? { kind: 'unknown', segment } : { kind: 'tenant', tenant };
};

/**
 * The v2.0 OpenID Connect discovery document, with Microsoft's fields. For a tenant (by ID or domain) the
 * endpoints and issuer name the tenant ID; for `organizations` and `common` they keep the segment and the issuer
 * keeps the `{tenantid}` placeholder, as login.microsoftonline.com serves them.
 *
 * https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri
 */
export const openIdConfiguration = (
  authorityOrigin: string,
  graphOrigin: string,
  resolved: Exclude<AuthorityTenant, { kind: 'unknown' }>,
): Record<string, unknown> => {
  const path = resolved.kind === 'tenant' ? resolved.tenant.id : resolved.segment;
  const issuerTenant = resolved.kind === 'tenant' ? resolved.tenant.id : '{tenantid}';
  const authorityHost = new URL(authorityOrigin).host;
  const graphHost = new URL(graphOrigin).host;
  const base = `${authorityOrigin}/${path}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${authorityOrigin}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${graphOrigin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    kerberos_endpoint: `${base}/kerberos`,
    // Microsoft serves a region for tenants ("NA", "EU", …) and null for organizations/common.
    tenant_region_scope:
      resolved.kind === 'tenant' ? (resolved.tenant.countryLetterCode === 'US' ? 'NA' : 'EU') : null,
    // The practice cloud is its own cloud instance: its authority and Graph hosts are the practice servers.
    cloud_instance_name: authorityHost,
    cloud_graph_host_name: graphHost,
    msgraph_host: graphHost,
    rbac_url: `${authorityOrigin}/rbac`,
  };
};

/**
 * The JSON Web Key Set the discovery document points to (`jwks_uri`), with Microsoft's per-key `issuer`.
 *
 * https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-the-signature
 */
export const jwks = (keys: SigningKeys, authorityOrigin: string): { readonly keys: readonly unknown[] } => ({
  keys: [{ ...keys.publicJwk, issuer: `${authorityOrigin}/{tenantid}/v2.0` }],
});
