import { CHINA_CLOUD, type Cloud, GLOBAL_CLOUD, type PracticeOrigins } from '../../shared/cloud/cloud';
import { identifyCloud } from '../../shared/cloud/identify-cloud';
import { guidanceFromNetworkFailure } from '../../shared/guidance/from-graph-error';
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
  | { readonly found: true; readonly discovery: Discovery; readonly cloud: Cloud }
  | { readonly found: false; readonly guidance: Guidance };

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
    return {
      found: true,
      cloud: identified.cloud,
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
