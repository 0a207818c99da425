import { z } from 'zod';
import { type PermissionType, PermissionTypeSchema } from '../profile/permission-type';
import {
  classifyPermission,
  NotOfferedReasonSchema,
  type OfferedPermission,
} from '../profile/resource-offer';
import { OwnFootprintSchema } from './own-access';
import { permissionOfResourceShape } from './permission-of-resource';
import {
  holdsScope,
  type RequestedResource,
  RequestedResourceSchema,
  splitScopes,
  type TenantSnapshot,
} from './tenant-snapshot';

/** A service principal the plan creates: the target app's, or a resource's the tenant lacks. */
export const ServicePrincipalCreationSchema = z
  .object({ appId: z.string(), role: z.enum(['target', 'resource']), displayName: z.string() })
  .readonly();

/** A service principal the plan creates. */
export type ServicePrincipalCreation = z.infer<typeof ServicePrincipalCreationSchema>;

/** Delegated scopes added to the tenant-wide (`AllPrincipals`) grant the target app holds on one resource. */
export const DelegatedGrantChangeSchema = z
  .object({
    resourceAppId: z.string(),
    resourceName: z.string(),
    /** The existing tenant-wide grant that gains scopes; null when the plan creates it. */
    grantId: z.string().nullable(),
    /** Scopes the grant already holds; the plan never removes one. */
    keepScopes: z.array(z.string()).readonly(),
    addScopes: z.array(z.string()).readonly(),
  })
  .readonly();

/** Delegated scopes added to one resource's tenant-wide grant. */
export type DelegatedGrantChange = z.infer<typeof DelegatedGrantChangeSchema>;

/** One application permission (app role) assigned to the target app. */
export const AppRoleAssignmentChangeSchema = z
  .object({ resourceAppId: z.string(), resourceName: z.string(), appRoleId: z.string(), value: z.string() })
  .readonly();

/** One application permission assigned to the target app. */
export type AppRoleAssignmentChange = z.infer<typeof AppRoleAssignmentChangeSchema>;

/** A requested permission the plan cannot grant, and why: never silently dropped, never counted as granted. */
export const NotOfferedPermissionSchema = z
  .object({
    ...permissionOfResourceShape,
    reason: NotOfferedReasonSchema,
    /** Set when the resource publishes the name as the other type: a likely mix-up in the profile. */
    publishedAs: PermissionTypeSchema.nullable().default(null),
  })
  .readonly();

/** A requested permission the plan cannot grant. */
export type NotOfferedPermission = z.infer<typeof NotOfferedPermissionSchema>;

/** Something the technician must know before applying, that the plan does not change. */
export const PlanWarningSchema = z
  .object({ kind: z.literal('target-disabled'), servicePrincipalId: z.string() })
  .readonly();

/** Something the technician must know before applying. */
export type PlanWarning = z.infer<typeof PlanWarningSchema>;

/** Exactly what applying will change in the tenant, computed before anything is written. */
export const PlanSchema = z
  .object({
    createServicePrincipals: z.array(ServicePrincipalCreationSchema).readonly(),
    delegatedGrants: z.array(DelegatedGrantChangeSchema).readonly(),
    appRoleAssignments: z.array(AppRoleAssignmentChangeSchema).readonly(),
    /** Permissions of resources the tenant lacks: looked up once each resource's service principal exists. */
    pendingResources: z.array(RequestedResourceSchema).readonly(),
    notOffered: z.array(NotOfferedPermissionSchema).readonly(),
    /** Requested permissions the tenant already holds. */
    alreadyGranted: z.number().int().nonnegative(),
    warnings: z.array(PlanWarningSchema).readonly(),
    /**
     * What the tool itself holds in the tenant (its enterprise application and delegated grants), read with the
     * plan so the technician sees what stays behind and what Finish removes. Null when it could not be read, and
     * in plans of older journals.
     */
    toolFootprint: OwnFootprintSchema.nullable().default(null),
  })
  .readonly();

/** Exactly what applying will change in the tenant. */
export type Plan = z.infer<typeof PlanSchema>;

/** Whether applying the plan would write anything. */
export const planWrites = (plan: Plan): number =>
  plan.createServicePrincipals.length +
  plan.delegatedGrants.length +
  plan.appRoleAssignments.length +
  plan.pendingResources.length;

/**
 * Computes what must change for the target app to hold every requested permission.
 *
 * Only additions: scopes already granted tenant-wide are kept, assignments that exist are not repeated, and
 * nothing is removed. A scope a single user consented to is still added tenant-wide (that is what admin consent
 * means). Running it on the snapshot of a fully onboarded tenant gives a plan with no writes.
 */
export const computePlan = (
  targetName: string,
  requested: readonly RequestedResource[],
  snapshot: TenantSnapshot,
): Plan => {
  const createServicePrincipals: ServicePrincipalCreation[] = [];
  const delegatedGrants: DelegatedGrantChange[] = [];
  const appRoleAssignments: AppRoleAssignmentChange[] = [];
  const pendingResources: RequestedResource[] = [];
  const notOffered: NotOfferedPermission[] = [];
  const warnings: PlanWarning[] = [];
  let alreadyGranted = 0;

  const client = snapshot.client;
  if (client === null) {
    createServicePrincipals.push({ appId: snapshot.targetAppId, role: 'target', displayName: targetName });
  } else if (!client.accountEnabled) {
    warnings.push({ kind: 'target-disabled', servicePrincipalId: client.id });
  }

  for (const want of requested) {
    const resource = snapshot.resources[want.resourceAppId] ?? null;
    if (resource === null) {
      createServicePrincipals.push({
        appId: want.resourceAppId,
        role: 'resource',
        displayName: want.resourceName,
      });
      pendingResources.push(want);
      continue;
    }
    const grant =
      client === null
        ? undefined
        : snapshot.grants.find(
            (g) =>
              g.clientId === client.id && g.resourceId === resource.id && g.consentType === 'AllPrincipals',
          );
    // Compared without case, as Entra does; the grant keeps its own spelling of what it holds.
    const held = grant === undefined ? [] : splitScopes(grant.scope);
    const addScopes: string[] = [];
    // What the resource does not offer is recorded as such, for both types alike; the rest is granted by type.
    const offered = (type: PermissionType): readonly OfferedPermission[] =>
      [...new Set(want[type])].flatMap((name) => {
        const offer = classifyPermission(resource, resource.appId, type, name);
        if (offer.status === 'offered') return [offer];
        notOffered.push({ ...names(want), type, name, reason: offer.reason, publishedAs: offer.publishedAs });
        return [];
      });
    for (const offer of offered('delegated')) {
      if (holdsScope(held, offer.name)) {
        alreadyGranted += 1;
      } else if (!holdsScope(addScopes, offer.name)) {
        // The resource's spelling of the scope is what Entra grants and what tokens carry.
        addScopes.push(offer.name);
      }
    }
    if (addScopes.length > 0) {
      delegatedGrants.push({
        ...names(want),
        grantId: grant?.id ?? null,
        keepScopes: held,
        addScopes,
      });
    }
    const assigned = new Set(
      client === null
        ? []
        : snapshot.assignments
            .filter((a) => a.principalId === client.id && a.resourceId === resource.id)
            .map((a) => a.appRoleId),
    );
    for (const offer of offered('application')) {
      if (assigned.has(offer.id)) {
        alreadyGranted += 1;
      } else {
        appRoleAssignments.push({ ...names(want), appRoleId: offer.id, value: offer.name });
      }
    }
  }

  return {
    createServicePrincipals,
    delegatedGrants,
    appRoleAssignments,
    pendingResources,
    notOffered,
    alreadyGranted,
    warnings,
    toolFootprint: null,
  };
};

const names = (want: RequestedResource): { resourceAppId: string; resourceName: string } => ({
  resourceAppId: want.resourceAppId,
  resourceName: want.resourceName,
});
