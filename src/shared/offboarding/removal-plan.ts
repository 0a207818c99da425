import { z } from 'zod';
import { holdsScope, type RequestedResource, splitScopes } from '../onboarding/tenant-snapshot';

/**
 * Offboarding: taking an app's access to a client's tenant away again, and proving it is gone (docs/offboarding.md).
 * The plan is everything the target app holds in the tenant, read from Microsoft Graph v1.0, whether the profile
 * lists it or not (offboarding removes the app's access, not just the profile's part):
 *
 * - each delegated grant whose client is the app's enterprise application, tenant-wide or one user's, removed by
 *   `DELETE /oauth2PermissionGrants/{id}` (https://learn.microsoft.com/graph/api/oauth2permissiongrant-delete);
 * - each app role assignment the enterprise application holds, on any resource, removed by
 *   `DELETE /servicePrincipals/{id}/appRoleAssignments/{id}`
 *   (https://learn.microsoft.com/graph/api/serviceprincipal-delete-approleassignments);
 * - the enterprise application itself, which the technician chooses to disable (`PATCH /servicePrincipals/{id}` with
 *   `accountEnabled` false, https://learn.microsoft.com/graph/api/serviceprincipal-update; "if set to false, then no
 *   users are able to sign in to this app, even if they're assigned to it",
 *   https://learn.microsoft.com/graph/api/resources/serviceprincipal) or delete (`DELETE /servicePrincipals/{id}`,
 *   https://learn.microsoft.com/graph/api/serviceprincipal-delete; Entra keeps it in deleted items for 30 days,
 *   https://learn.microsoft.com/entra/identity/enterprise-apps/restore-application).
 */

/** What happens to the app's enterprise application once its permissions are removed. */
export const EnterpriseAppActionSchema = z.enum(['disable', 'delete']);

/** What happens to the app's enterprise application. */
export type EnterpriseAppAction = z.infer<typeof EnterpriseAppActionSchema>;

/** What the technician chose on the Client step for an offboarding run. */
export const OffboardChoiceSchema = z.object({ enterpriseApp: EnterpriseAppActionSchema }).readonly();

/** What the technician chose for an offboarding run. */
export type OffboardChoice = z.infer<typeof OffboardChoiceSchema>;

/** The resource a grant or an assignment is on, as far as the tenant names it. */
export const HeldResourceSchema = z
  .object({
    /** The resource's service principal (object) ID. */
    id: z.string(),
    /** Null when the resource's service principal could not be read (deleted since). */
    appId: z.string().nullable(),
    displayName: z.string().nullable(),
  })
  .readonly();

/** The resource a grant or an assignment is on. */
export type HeldResource = z.infer<typeof HeldResourceSchema>;

/** One thing the target app holds in the tenant, to be removed. */
export const HeldAccessSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('delegated-grant'),
      grantId: z.string(),
      resource: HeldResourceSchema,
      consentType: z.enum(['AllPrincipals', 'Principal']),
      principalId: z.string().nullable(),
      scopes: z.array(z.string()).readonly(),
      /** The grant's scopes the profile does not list for this resource. */
      unlisted: z.array(z.string()).readonly(),
    })
    .readonly(),
  z
    .object({
      kind: z.literal('app-role-assignment'),
      assignmentId: z.string(),
      resource: HeldResourceSchema,
      appRoleId: z.string(),
      /** The app role's value ("User.Read.All"); null when the resource does not publish the role (any more). */
      permission: z.string().nullable(),
      /** Whether the profile lists this application permission. */
      listed: z.boolean(),
    })
    .readonly(),
]);

/** One thing the target app holds in the tenant. */
export type HeldAccess = z.infer<typeof HeldAccessSchema>;

/** The target app's enterprise application as the plan read it. */
export const TargetEnterpriseAppSchema = z
  .object({
    id: z.string(),
    appId: z.string(),
    displayName: z.string().nullable(),
    accountEnabled: z.boolean(),
  })
  .readonly();

/** The target app's enterprise application. */
export type TargetEnterpriseApp = z.infer<typeof TargetEnterpriseAppSchema>;

/** What an offboarding run removes: everything the target app holds, and what happens to its enterprise application. */
export const RemovalPlanSchema = z
  .object({
    targetAppId: z.string(),
    /** Null when the tenant holds no enterprise application of the app: there is nothing to remove. */
    enterpriseApp: TargetEnterpriseAppSchema.nullable(),
    action: EnterpriseAppActionSchema,
    remove: z.array(HeldAccessSchema).readonly(),
    /**
     * What is done to the enterprise application: null when nothing is (there is none, or it is disabled already and
     * disabling was chosen).
     */
    enterpriseAppChange: EnterpriseAppActionSchema.nullable(),
  })
  .readonly();

/** What an offboarding run removes. */
export type RemovalPlan = z.infer<typeof RemovalPlanSchema>;

/** What the target app holds in the tenant, read from Graph (the shell reads it; planning is pure). */
export interface TargetHoldings {
  readonly targetAppId: string;
  readonly enterpriseApp: TargetEnterpriseApp | null;
  readonly grants: readonly {
    readonly id: string;
    readonly resourceId: string;
    readonly consentType: 'AllPrincipals' | 'Principal';
    readonly principalId: string | null;
    readonly scope: string;
  }[];
  readonly assignments: readonly {
    readonly id: string;
    readonly resourceId: string;
    readonly appRoleId: string;
  }[];
  /** The resources the grants and assignments are on, by service principal ID, with their published app roles. */
  readonly resources: ReadonlyMap<
    string,
    {
      readonly appId: string | null;
      readonly displayName: string | null;
      readonly appRoles: readonly { readonly id: string; readonly value: string | null }[];
    }
  >;
}

const sameAppId = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase();

/** What the profile lists for a resource, by its application ID. */
const listedFor = (requested: readonly RequestedResource[], appId: string | null) =>
  requested.find((r) => sameAppId(appId, r.resourceAppId));

/** The held resource a grant or assignment names. */
const resourceOf = (holdings: TargetHoldings, id: string): HeldResource => {
  const resource = holdings.resources.get(id);
  return { id, appId: resource?.appId ?? null, displayName: resource?.displayName ?? null };
};

/**
 * Everything the target app holds, as removals, in the order they are sent: the delegated grants, then the app role
 * assignments, each marked where the profile does not list it; and what happens to the enterprise application.
 */
export const planRemoval = (
  holdings: TargetHoldings,
  requested: readonly RequestedResource[],
  action: EnterpriseAppAction,
): RemovalPlan => {
  const grants: HeldAccess[] = holdings.grants.map((grant) => {
    const resource = resourceOf(holdings, grant.resourceId);
    const listed = listedFor(requested, resource.appId)?.delegated ?? [];
    const scopes = splitScopes(grant.scope);
    return {
      kind: 'delegated-grant',
      grantId: grant.id,
      resource,
      consentType: grant.consentType,
      principalId: grant.principalId,
      scopes,
      unlisted: scopes.filter((scope) => !holdsScope(listed, scope)),
    };
  });
  const assignments: HeldAccess[] = holdings.assignments.map((assignment) => {
    const resource = resourceOf(holdings, assignment.resourceId);
    const role = holdings.resources
      .get(assignment.resourceId)
      ?.appRoles.find((r) => r.id === assignment.appRoleId);
    const permission = role?.value ?? null;
    const listed = listedFor(requested, resource.appId)?.application ?? [];
    return {
      kind: 'app-role-assignment',
      assignmentId: assignment.id,
      resource,
      appRoleId: assignment.appRoleId,
      permission,
      listed: permission !== null && listed.includes(permission),
    };
  });
  const app = holdings.enterpriseApp;
  const enterpriseAppChange =
    app === null ? null : action === 'disable' && !app.accountEnabled ? null : action;
  return {
    targetAppId: holdings.targetAppId,
    enterpriseApp: app,
    action,
    remove: [...grants, ...assignments],
    enterpriseAppChange,
  };
};

/** The object a removal names: the grant or the assignment. */
export const heldAccessId = (item: HeldAccess): string =>
  item.kind === 'delegated-grant' ? item.grantId : item.assignmentId;

/** Whether the profile lists none of what a removal takes away (the plan marks it). */
export const isUnlisted = (item: HeldAccess): boolean =>
  item.kind === 'delegated-grant' ? item.unlisted.length === item.scopes.length : !item.listed;

/** How many writes the plan makes: one per removal, and one for the enterprise application when it changes. */
export const removalWrites = (plan: RemovalPlan): number =>
  plan.remove.length + (plan.enterpriseAppChange === null ? 0 : 1);
