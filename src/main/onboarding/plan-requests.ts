import type { Plan } from '../../shared/onboarding/plan';
import type { WriteIntent } from '../../shared/onboarding/run-entry';
import type { BatchItem } from '../graph/batch';

/** The service principal IDs the grant requests refer to, known once every service principal exists. */
export interface PrincipalIds {
  /** The target app's service principal. */
  readonly clientId: string;
  /** Each resource's service principal, by the resource's appId. */
  readonly resourceIdByAppId: Readonly<Record<string, string>>;
}

/** A Graph write request with what it means. */
export interface PlannedWrite {
  readonly item: BatchItem;
  readonly intent: WriteIntent;
}

/**
 * The first phase of applying a plan: create the service principals the tenant lacks.
 * https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals
 */
export const servicePrincipalWrites = (plan: Plan): readonly PlannedWrite[] =>
  plan.createServicePrincipals.map((sp, index) => ({
    item: { id: `sp-${index}`, method: 'POST', url: '/servicePrincipals', body: { appId: sp.appId } },
    intent: { kind: 'create-service-principal', appId: sp.appId, displayName: sp.displayName },
  }));

const resourceId = (ids: PrincipalIds, appId: string): string => {
  const id = ids.resourceIdByAppId[appId];
  if (id === undefined) throw new Error(`No service principal ID is known for the resource ${appId}.`);
  return id;
};

/**
 * The second phase: one tenant-wide delegated grant per resource (created, or extended with the missing scopes,
 * keeping every scope it holds) and one app role assignment per missing application permission.
 * https://learn.microsoft.com/graph/api/oauth2permissiongrant-post-oauth2permissiongrants
 * https://learn.microsoft.com/graph/api/oauth2permissiongrant-update
 * https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignments
 */
export const grantWrites = (plan: Plan, ids: PrincipalIds): readonly PlannedWrite[] => {
  const grants = plan.delegatedGrants.map((change, index): PlannedWrite => {
    const scope = [...change.keepScopes, ...change.addScopes].join(' ');
    return change.grantId === null
      ? {
          item: {
            id: `grant-${index}`,
            method: 'POST',
            url: '/oauth2PermissionGrants',
            body: {
              clientId: ids.clientId,
              consentType: 'AllPrincipals',
              resourceId: resourceId(ids, change.resourceAppId),
              scope,
            },
          },
          intent: { kind: 'create-grant', change },
        }
      : {
          item: {
            id: `grant-${index}`,
            method: 'PATCH',
            url: `/oauth2PermissionGrants/${change.grantId}`,
            body: { scope },
          },
          intent: { kind: 'extend-grant', change },
        };
  });
  const roles = plan.appRoleAssignments.map(
    (change, index): PlannedWrite => ({
      item: {
        id: `role-${index}`,
        method: 'POST',
        url: `/servicePrincipals/${ids.clientId}/appRoleAssignments`,
        body: {
          principalId: ids.clientId,
          resourceId: resourceId(ids, change.resourceAppId),
          appRoleId: change.appRoleId,
        },
      },
      intent: { kind: 'assign-app-role', change },
    }),
  );
  return [...grants, ...roles];
};
