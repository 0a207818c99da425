/**
 * BASELINES FOR COMPARISON ONLY, NOT PART OF THE TOOL.
 *
 * The same onboarding the engine does (read who signed in and their roles, read the service principals, create the
 * target app's, grant the delegated permissions tenant-wide, assign the application permissions, read back), done
 * the way Microsoft documents it and common admin-consent scripts do it: one request at a time, in sequence, with
 * no `$batch`. It uses the same Graph SDK client and middleware as the engine (src/main/graph/graph-session.ts), so
 * the difference in the figures is the request pattern alone. Two patterns:
 *
 * - `documented`: one tenant-wide grant per resource holding all of its delegated scopes (Microsoft's "Grant or
 *   revoke API permissions programmatically": https://learn.microsoft.com/graph/permissions-grant-via-msgraph,
 *   https://learn.microsoft.com/graph/api/oauth2permissiongrant-post-oauth2permissiongrants), and one POST per app
 *   role (https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignedto). This is the fair baseline.
 * - `per-permission`: the same, but each delegated scope its own request (the first creates the grant, each next one
 *   PATCHes its scope), as scripts that loop over permissions do.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PublicClientApplication } from '@azure/msal-node';
import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphSession } from '../../src/main/graph/graph-session';
import { createHttpClient, msalNetworkClient } from '../../src/main/net/http-client';
import { discoverTenant } from '../../src/main/onboarding/discover-tenant';
import { signInInteractively } from '../../src/main/onboarding/interactive-sign-in';
import { builtinTenantIds, SIGN_IN_APP_ID } from '../../src/main/practice-tenant/directory/builtin-scenario';
import { signInScopes } from '../../src/shared/onboarding/sign-in-scopes';
import type { PermissionProfile } from '../../src/shared/profile/permission-profile';
import { checkClientIdentifier } from '../../src/shared/tenant/client-identifier';
import type { SpanFigures } from './onboarding-case';
import { startPracticeStage } from './practice-stage';

interface NamedPermission {
  readonly id: string;
  readonly value: string;
  readonly isEnabled?: boolean;
}

interface ServicePrincipal {
  readonly id: string;
  readonly appId: string;
  readonly appRoles?: readonly NamedPermission[];
  readonly oauth2PermissionScopes?: readonly NamedPermission[];
}

const GLOBAL_ADMINISTRATOR_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';

const single = async (client: Client, appId: string): Promise<ServicePrincipal | undefined> => {
  const list = (await client
    .api('/servicePrincipals')
    .filter(`appId eq '${appId}'`)
    .select('id,appId,appRoles,oauth2PermissionScopes')
    .get()) as { value: ServicePrincipal[] };
  return list.value[0];
};

/** How a baseline writes the delegated permissions of a resource. */
export type BaselinePattern = 'documented' | 'per-permission';

/**
 * A baseline onboarding itself: every read and every write its own request, in sequence. Returns how many
 * permissions the final read-back shows as granted.
 */
export const baselineOnboarding = async (
  client: Client,
  profile: PermissionProfile,
  pattern: BaselinePattern,
): Promise<number> => {
  // Who signed in, their organization, their active roles and their PIM eligibilities: four reads.
  const me = (await client.api('/me').select('id,userPrincipalName,displayName').get()) as { id: string };
  await client.api('/organization').select('id,displayName,verifiedDomains').get();
  // The OData cast on a transitive list is an advanced query: https://learn.microsoft.com/graph/aad-advanced-queries
  const roles = (await client
    .api('/me/transitiveMemberOf/microsoft.graph.directoryRole')
    .header('ConsistencyLevel', 'eventual')
    .count(true)
    .select('id,displayName,roleTemplateId')
    .get()) as { value: { roleTemplateId?: string }[] };
  await client
    .api('/roleManagement/directory/roleEligibilitySchedules')
    .filter(`principalId eq '${me.id}'`)
    .get();
  if (!roles.value.some((role) => role.roleTemplateId === GLOBAL_ADMINISTRATOR_TEMPLATE_ID)) {
    throw new Error('The baseline signed in without an active Global Administrator role.');
  }

  // The target app's service principal and each resource's, one read each; then create the target's.
  const targetAppId = profile.targetApp.appId;
  const existing = await single(client, targetAppId);
  const resources = new Map<string, ServicePrincipal>();
  for (const resource of profile.permissions) {
    const found = await single(client, resource.resourceAppId);
    if (found === undefined)
      throw new Error(`The tenant has no service principal for ${resource.resourceAppId}.`);
    resources.set(resource.resourceAppId, found);
  }
  const target =
    existing ?? ((await client.api('/servicePrincipals').post({ appId: targetAppId })) as ServicePrincipal);

  for (const resource of profile.permissions) {
    const sp = resources.get(resource.resourceAppId) as ServicePrincipal;
    const scopes = (resource.delegated ?? [])
      .map((permission) => permission.name)
      .filter((name) => sp.oauth2PermissionScopes?.some((s) => s.value === name && s.isEnabled !== false));
    const grantOf = (scope: string) => ({
      clientId: target.id,
      consentType: 'AllPrincipals',
      resourceId: sp.id,
      scope,
    });
    if (pattern === 'documented') {
      // One tenant-wide grant holding every scope of the resource, space-separated.
      if (scopes.length > 0) await client.api('/oauth2PermissionGrants').post(grantOf(scopes.join(' ')));
    } else {
      // The first scope creates the grant; each next one is a PATCH of its scope list.
      let grant: { id: string } | null = null;
      for (const [index, scope] of scopes.entries()) {
        if (grant === null)
          grant = (await client.api('/oauth2PermissionGrants').post(grantOf(scope))) as { id: string };
        else
          await client
            .api(`/oauth2PermissionGrants/${grant.id}`)
            .patch({ scope: scopes.slice(0, index + 1).join(' ') });
      }
    }
    // One POST per app role, on the resource's service principal.
    for (const permission of resource.application ?? []) {
      const role = sp.appRoles?.find((r) => r.value === permission.name && r.isEnabled !== false);
      if (role === undefined) continue;
      await client
        .api(`/servicePrincipals/${sp.id}/appRoleAssignedTo`)
        .post({ principalId: target.id, resourceId: sp.id, appRoleId: role.id });
    }
  }

  // Read back what the tenant holds: the grants, then the assignments.
  const grants = (await client.api(`/servicePrincipals/${target.id}/oauth2PermissionGrants`).get()) as {
    value: { consentType: string; scope: string }[];
  };
  const assignments = (await client.api(`/servicePrincipals/${target.id}/appRoleAssignments`).get()) as {
    value: unknown[];
  };
  const delegated = grants.value
    .filter((g) => g.consentType === 'AllPrincipals')
    .flatMap((g) => g.scope.split(' ').filter((s) => s !== ''));
  return delegated.length + assignments.value.length;
};

/**
 * Runs a baseline on a fresh Contoso of its own practice tenant. The administrator signs in the same way as
 * in the engine (msal-node, the practice pages in Chromium), outside the measured span, which starts with the token.
 */
export const measureBaselineOnboarding = async (
  profile: PermissionProfile,
  options: { readonly latencyMs: number; readonly expectGranted: number; readonly pattern: BaselinePattern },
): Promise<SpanFigures> => {
  const stage = await startPracticeStage({ latencyMs: options.latencyMs });
  const http = createHttpClient({ trustedCertificate: stage.address.certificate });
  const browser = stage.env.browsers.forRun(randomUUID());
  try {
    const check = checkClientIdentifier('contoso.com');
    if (!check.valid) throw new Error('contoso.com is a client identifier.');
    const discovered = await discoverTenant(http.fetch, check.identifier, stage.env.connection.target);
    if (!discovered.found) throw new Error(discovered.guidance.rawMessage);
    const pca = new PublicClientApplication({
      auth: {
        clientId: SIGN_IN_APP_ID,
        authority: `${stage.address.authority}/${builtinTenantIds.contoso}`,
        knownAuthorities: [new URL(stage.address.authority).host],
      },
      system: { networkClient: msalNetworkClient(http) },
    });
    const token = await signInInteractively({
      pca,
      scopes: signInScopes(discovered.cloud.graphResourceId),
      prompt: 'select_account',
      browser,
      fetch: http.fetch,
      timeoutMs: 60_000,
    });

    let requests = 0;
    const graph = createGraphSession({
      graphOrigin: stage.address.graph,
      fetch: http.fetch,
      getAccessToken: async () => token.accessToken,
      onRequest: () => {
        requests += 1;
      },
    });
    const started = performance.now();
    const granted = await baselineOnboarding(graph.client, profile, options.pattern);
    const wallMs = performance.now() - started;
    if (granted !== options.expectGranted) {
      throw new Error(
        `The ${options.pattern} baseline read back ${granted} permissions, not ${options.expectGranted}.`,
      );
    }
    // The tenant itself, not the baseline's own read, confirms the work was the same.
    const directory = stage.practice.directory;
    const sp = directory.findServicePrincipalByAppId(builtinTenantIds.contoso, profile.targetApp.appId);
    const tenant = directory.tenant(builtinTenantIds.contoso);
    const held =
      tenant.oauth2PermissionGrants
        .filter((g) => g.clientId === sp?.id && g.consentType === 'AllPrincipals')
        .flatMap((g) => g.scope.split(' ').filter((s) => s !== '')).length +
      tenant.appRoleAssignments.filter((a) => a.principalId === sp?.id).length;
    if (held !== options.expectGranted) {
      throw new Error(
        `After the ${options.pattern} baseline the tenant holds ${held} permissions, not ${options.expectGranted}.`,
      );
    }
    return { graphRequests: requests, wallMs };
  } finally {
    await browser.close();
    await http.close();
    await stage.close();
  }
};
