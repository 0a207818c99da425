import type { DelegatedGrantChange, Plan } from '../../shared/onboarding/plan';
import type { WriteIntent } from '../../shared/onboarding/run-entry';
import {
  type DelegatedGrantSnapshot,
  holdsScope,
  splitScopes,
} from '../../shared/onboarding/tenant-snapshot';
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

/** What an existing tenant-wide grant lacks of what a create-grant write asked for. */
export interface ExistingGrantWrites {
  /** PATCHes adding the missing scopes to each existing grant, keeping every scope it holds. */
  readonly writes: readonly PlannedWrite[];
  /** Changes whose grant Graph said exists (409) but the read did not return yet. */
  readonly unseen: readonly DelegatedGrantChange[];
}

/**
 * After Graph answered 409 to creating a tenant-wide grant (one exists for that client and resource, written by
 * another consent in between or hidden from the plan by replication), the writes that give the existing grant what
 * it lacks: the requested scopes it does not hold (compared without case), added to the scopes it keeps. A grant
 * that already holds everything needs no write.
 * https://learn.microsoft.com/graph/api/oauth2permissiongrant-update
 */
export const existingGrantWrites = (
  changes: readonly DelegatedGrantChange[],
  grants: readonly DelegatedGrantSnapshot[],
  ids: PrincipalIds,
): ExistingGrantWrites => {
  const writes: PlannedWrite[] = [];
  const unseen: DelegatedGrantChange[] = [];
  changes.forEach((change, index) => {
    const resource = resourceId(ids, change.resourceAppId).toLowerCase();
    const grant = grants.find(
      (g) =>
        g.consentType === 'AllPrincipals' &&
        g.clientId.toLowerCase() === ids.clientId.toLowerCase() &&
        g.resourceId.toLowerCase() === resource,
    );
    if (grant === undefined) {
      unseen.push(change);
      return;
    }
    const held = splitScopes(grant.scope);
    const missing: string[] = [];
    for (const scope of [...change.keepScopes, ...change.addScopes]) {
      if (!holdsScope(held, scope) && !holdsScope(missing, scope)) missing.push(scope);
    }
    if (missing.length === 0) return;
    const extended: DelegatedGrantChange = {
      ...change,
      grantId: grant.id,
      keepScopes: held,
      addScopes: missing,
    };
    writes.push({
      item: {
        id: `existing-grant-${index}`,
        method: 'PATCH',
        url: `/oauth2PermissionGrants/${grant.id}`,
        body: { scope: [...held, ...missing].join(' ') },
      },
      intent: { kind: 'extend-grant', change: extended },
    });
  });
  return { writes, unseen };
};
