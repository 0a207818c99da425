import { z } from 'zod';
import { CHINA_CLOUD, type Cloud, GLOBAL_CLOUD, type PracticeOrigins } from '../../shared/cloud/cloud';
import { identifyCloud } from '../../shared/cloud/identify-cloud';
import { guidanceFromNetworkFailure } from '../../shared/guidance/from-network-failure';
import { guidanceFromSignInError } from '../../shared/guidance/from-sign-in-error';
import type { Guidance } from '../../shared/guidance/guidance';
import type { Discovery } from '../../shared/onboarding/run-entry';
import type { ClientIdentifier } from '../../shared/tenant/client-identifier';
import type { HttpFetch } from '../net/http-client';

/** Where discovery looks: Microsoft's clouds, or only the practice tenant. */
export type DiscoveryTarget =
  | { readonly kind: 'microsoft' }
  | { readonly kind: 'practice'; readonly origins: PracticeOrigins };

/** What discovery found: the tenant and its cloud, or guidance on why not. */
export type DiscoveryResult =
  | {
      readonly found: true;
      readonly discovery: Discovery;
      readonly cloud: Cloud;
      /** The `domain_hint` sign-in may send: the client's domain when it is managed, otherwise none. */
      readonly domainHint: string | null;
    }
  | { readonly found: false; readonly guidance: Guidance };

/** How a domain's users sign in, from home realm discovery; null when the lookup got no usable answer. */
export type DomainNamespace = 'managed' | 'federated' | 'unknown' | null;

const UserRealmSchema = z.looseObject({ NameSpaceType: z.string() });

/**
 * Asks the cloud's home realm discovery (`/common/userrealm/{domain}?api-version=2.1`, the lookup Microsoft's sign-in
 * page makes) whether the domain's users sign in with Microsoft Entra ID (Managed) or with their organization's own
 * identity provider (Federated). Microsoft's reference does not document the endpoint, so any failure, shape or
 * value it does not expect counts as "not known" (null).
 */
export const lookUpDomainNamespace = async (
  fetch: HttpFetch,
  authorityOrigin: string,
  domain: string,
  signal?: AbortSignal,
): Promise<DomainNamespace> => {
  try {
    const response = await fetch(
      `${authorityOrigin}/common/userrealm/${encodeURIComponent(domain)}?api-version=2.1`,
      { signal },
    );
    if (!response.ok) {
      await response.body?.cancel();
      return null;
    }
    const parsed = UserRealmSchema.safeParse(await response.json());
    if (!parsed.success) return null;
    switch (parsed.data.NameSpaceType.toLowerCase()) {
      case 'managed':
        return 'managed';
      case 'federated':
        return 'federated';
      case 'unknown':
        return 'unknown';
      default:
        return null;
    }
  } catch {
    return null;
  }
};

/** The OpenID discovery document's URL for a tenant (ID or verified domain) at an authority. */
export const discoveryUrl = (authorityOrigin: string, tenant: string): string =>
  `${authorityOrigin}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`;

/**
 * Finds a client's tenant ID and cloud from a domain or tenant ID, without signing in, through OpenID discovery
 * (https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri).
 *
 * The Global authority answers for Global and US Government tenants (its document names the instance); a tenant
 * it does not know (AADSTS90002) is looked up at the China authority before giving up, since 21Vianet's Entra ID is
 * a separate directory. In practice mode only the practice tenant is asked.
 */
export const discoverTenant = async (
  fetch: HttpFetch,
  identifier: ClientIdentifier,
  target: DiscoveryTarget,
  signal?: AbortSignal,
): Promise<DiscoveryResult> => {
  const tenant = identifier.kind === 'tenant-id' ? identifier.tenantId : identifier.domain;
  const authorities =
    target.kind === 'practice'
      ? [target.origins.authorityOrigin]
      : [GLOBAL_CLOUD.authorityOrigin, CHINA_CLOUD.authorityOrigin];
  let notFound: Guidance | null = null;
  for (const authority of authorities) {
    let response: Response;
    try {
      response = await fetch(discoveryUrl(authority, tenant), { signal });
    } catch (error) {
      // The China authority is a fallback: failing to reach it does not hide that Global does not know the tenant.
      if (notFound !== null) return { found: false, guidance: notFound };
      return { found: false, guidance: guidanceFromNetworkFailure(error) };
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const guidance = guidanceFromSignInError(body ?? { error: `http_${response.status}` });
      if (guidance.code === 'AADSTS90002') {
        notFound ??= guidance;
        continue;
      }
      return { found: false, guidance };
    }
    const identified = identifyCloud(body, target.kind === 'practice' ? { practice: target.origins } : {});
    if (!identified.identified || identified.tenantId === null) {
      return {
        found: false,
        guidance: guidanceFromSignInError({
          error: 'unsupported_cloud',
          error_description: identified.identified
            ? 'The discovery document names no tenant.'
            : identified.message,
        }),
      };
    }
    // domain_hint skips Microsoft's home realm discovery: for a federated domain it sends the browser straight to
    // the organization's identity provider, where a cloud-only (admin@client.onmicrosoft.com) or guest administrator
    // cannot sign in. So the hint goes only with a domain known to be managed; unknown or unreachable: no hint.
    // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
    // https://learn.microsoft.com/entra/identity/enterprise-apps/home-realm-discovery-policy
    const domainHint =
      identifier.kind === 'domain' &&
      (await lookUpDomainNamespace(fetch, identified.cloud.authorityOrigin, identifier.domain, signal)) ===
        'managed'
        ? identifier.domain
        : null;
    return {
      found: true,
      cloud: identified.cloud,
      domainHint,
      discovery: {
        tenantId: identified.tenantId,
        cloud: identified.cloud.id,
        cloudDisplayName: identified.cloud.displayName,
        authorityOrigin: identified.cloud.authorityOrigin,
        graphOrigin: identified.cloud.graphOrigin,
        evidence: identified.evidence,
      },
    };
  }
  return {
    found: false,
    guidance: notFound ?? guidanceFromSignInError({ error: 'invalid_tenant' }),
  };
};
