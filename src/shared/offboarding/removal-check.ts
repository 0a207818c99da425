import { z } from 'zod';
import { type RequestedResource, splitScopes } from '../onboarding/tenant-snapshot';
import type { EnterpriseAppAction, RemovalPlan, TargetHoldings } from './removal-plan';

/**
 * Verify, for an offboarding run: the tenant read back after the removals, one row per permission the app held or
 * the profile lists. Entra ID is eventually consistent, so a removal can stay visible for a while after Graph
 * answered it; the engine reads again until it is gone or the replication deadline passes
 * (https://learn.microsoft.com/graph/known-issues, replication delay).
 */

/** Where one permission stands after the removals. */
export const RemovalStatusSchema = z.enum([
  /** The app held it when the plan was read, and holds it no more. */
  'removed',
  /** The app still holds it. */
  'still-present',
  /** The profile lists it, and the app did not hold it when the plan was read. */
  'not-present',
]);

/** Where one permission stands after the removals. */
export type RemovalStatus = z.infer<typeof RemovalStatusSchema>;

/** One permission, delegated or application, on one resource. */
export const RemovalRowSchema = z
  .object({
    /** The resource's application ID; null for a resource whose service principal could not be read. */
    resourceAppId: z.string().nullable(),
    resourceName: z.string(),
    type: z.enum(['delegated', 'application']),
    /** The scope or app role value; an app role's ID where the resource does not publish it. */
    name: z.string(),
    /** Whether the profile lists it. */
    listed: z.boolean(),
    status: RemovalStatusSchema,
  })
  .readonly();

/** One permission after the removals. */
export type RemovalRow = z.infer<typeof RemovalRowSchema>;

/** Where the app's enterprise application stands after the removals. */
export const EnterpriseAppStatusSchema = z.enum([
  /** Deleted, as chosen. */
  'removed',
  /** Disabled, as chosen. */
  'disabled',
  /** Still there (deleting chosen) or still enabled (disabling chosen). */
  'still-present',
  /** The tenant held none when the plan was read. */
  'not-present',
]);

/** Where the app's enterprise application stands after the removals. */
export type EnterpriseAppStatus = z.infer<typeof EnterpriseAppStatusSchema>;

/** The result of reading the tenant back after the removals. */
export interface RemovalCheck {
  readonly rows: readonly RemovalRow[];
  readonly enterpriseApp: EnterpriseAppStatus;
  /** Nothing of the app's access is left: no row still present, and the enterprise application as chosen. */
  readonly complete: boolean;
}

interface HeldPermission {
  readonly resourceAppId: string | null;
  readonly resourceName: string;
  readonly type: 'delegated' | 'application';
  readonly name: string;
}

const keyOf = (p: Pick<HeldPermission, 'resourceAppId' | 'type' | 'name'>): string =>
  `${(p.resourceAppId ?? '').toLowerCase()}|${p.type}|${p.type === 'delegated' ? p.name.toLowerCase() : p.name}`;

/** Every permission the holdings give the app, one per resource, type and name. */
const heldPermissions = (holdings: TargetHoldings): HeldPermission[] => {
  const resource = (id: string) => holdings.resources.get(id);
  const nameOf = (id: string): string => resource(id)?.displayName ?? resource(id)?.appId ?? id;
  return [
    ...holdings.grants.flatMap((grant) =>
      splitScopes(grant.scope).map((scope) => ({
        resourceAppId: resource(grant.resourceId)?.appId ?? null,
        resourceName: nameOf(grant.resourceId),
        type: 'delegated' as const,
        name: scope,
      })),
    ),
    ...holdings.assignments.map((assignment) => ({
      resourceAppId: resource(assignment.resourceId)?.appId ?? null,
      resourceName: nameOf(assignment.resourceId),
      type: 'application' as const,
      name:
        resource(assignment.resourceId)?.appRoles.find((r) => r.id === assignment.appRoleId)?.value ??
        assignment.appRoleId,
    })),
  ];
};

/** The permissions the plan removes, as the plan read them. */
const plannedPermissions = (plan: RemovalPlan): HeldPermission[] =>
  plan.remove.flatMap((item): HeldPermission[] => {
    const resourceName = item.resource.displayName ?? item.resource.appId ?? item.resource.id;
    return item.kind === 'delegated-grant'
      ? item.scopes.map((scope) => ({
          resourceAppId: item.resource.appId,
          resourceName,
          type: 'delegated' as const,
          name: scope,
        }))
      : [
          {
            resourceAppId: item.resource.appId,
            resourceName,
            type: 'application' as const,
            name: item.permission ?? item.appRoleId,
          },
        ];
  });

const enterpriseAppStatus = (
  plan: RemovalPlan,
  now: TargetHoldings['enterpriseApp'],
  action: EnterpriseAppAction,
): EnterpriseAppStatus => {
  if (plan.enterpriseApp === null && now === null) return 'not-present';
  if (action === 'delete') return now === null ? 'removed' : 'still-present';
  // Disabling chosen: an enterprise application deleted since holds no access either.
  if (now === null) return 'removed';
  return now.accountEnabled ? 'still-present' : 'disabled';
};

/**
 * Compares what the tenant holds now with the plan: every permission the profile lists, every one the plan found
 * (listed or not), and any the app holds now that the plan did not find (granted by someone since), each once.
 */
export const checkRemoval = (
  plan: RemovalPlan,
  requested: readonly RequestedResource[],
  now: TargetHoldings,
): RemovalCheck => {
  const rows = new Map<string, RemovalRow>();
  const planned = new Set(plannedPermissions(plan).map(keyOf));
  const held = new Set(heldPermissions(now).map(keyOf));
  const statusOf = (key: string): RemovalStatus =>
    held.has(key) ? 'still-present' : planned.has(key) ? 'removed' : 'not-present';
  for (const resource of requested) {
    const listed = [
      ...resource.delegated.map((name) => ({ type: 'delegated' as const, name })),
      ...resource.application.map((name) => ({ type: 'application' as const, name })),
    ];
    for (const { type, name } of listed) {
      const key = keyOf({ resourceAppId: resource.resourceAppId, type, name });
      if (rows.has(key)) continue;
      rows.set(key, {
        resourceAppId: resource.resourceAppId,
        resourceName: resource.resourceName,
        type,
        name,
        listed: true,
        status: statusOf(key),
      });
    }
  }
  for (const permission of [...plannedPermissions(plan), ...heldPermissions(now)]) {
    const key = keyOf(permission);
    if (rows.has(key)) continue;
    rows.set(key, { ...permission, listed: false, status: statusOf(key) });
  }
  const enterpriseApp = enterpriseAppStatus(plan, now.enterpriseApp, plan.action);
  const all = [...rows.values()];
  return {
    rows: all,
    enterpriseApp,
    complete: all.every((r) => r.status !== 'still-present') && enterpriseApp !== 'still-present',
  };
};

/** How many rows have each status. */
export const countRemovalRows = (
  rows: readonly Pick<RemovalRow, 'status'>[],
): Record<RemovalStatus, number> => {
  const counts: Record<RemovalStatus, number> = { removed: 0, 'still-present': 0, 'not-present': 0 };
  for (const row of rows) counts[row.status] += 1;
  return counts;
};
