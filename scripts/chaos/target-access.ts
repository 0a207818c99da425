import { MICROSOFT_GRAPH_APP_ID } from '../../src/main/practice-tenant/catalog/first-party-apps';
import type { Directory } from '../../src/main/practice-tenant/directory/directory';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';

/**
 * Gives a practice tenant's target app what an administrator's consent to the built-in profile gives it: every
 * Microsoft Graph permission the profile lists that Graph offers, tenant-wide, as Microsoft's admin consent records
 * it. What an offboarding takes away, without walking an onboarding first (the chaos suite and the tests use it).
 */
export const seedTargetAccess = (directory: Directory, tenantId: string): void => {
  const graph = directory.findApplication(MICROSOFT_GRAPH_APP_ID);
  const resource = DEFAULT_PROFILE.permissions[0];
  if (graph === undefined || resource === undefined) throw new Error('No Microsoft Graph to seed from.');
  const offered = new Set(graph.oauth2PermissionScopes.map((s) => s.value));
  directory.consentDelegated(tenantId, {
    clientAppId: DEFAULT_PROFILE.targetApp.appId,
    resourceAppId: MICROSOFT_GRAPH_APP_ID,
    scopes: (resource.delegated ?? []).map((p) => p.name).filter((name) => offered.has(name)),
    consentType: 'AllPrincipals',
  });
  directory.assignAppRoles(tenantId, {
    clientAppId: DEFAULT_PROFILE.targetApp.appId,
    resourceAppId: MICROSOFT_GRAPH_APP_ID,
    appRoleIds: (resource.application ?? []).flatMap(
      (p) => graph.appRoles.find((r) => r.value === p.name)?.id ?? [],
    ),
  });
};
