import { z } from 'zod';
import { ROLE_NAMES } from '../../shared/onboarding/guards';
import type { HeldRole, Organization, SignedInAccount } from '../../shared/onboarding/run-entry';
import { runBatched, type SendBatch } from '../graph/batch';
import { SnapshotReadError } from './read-snapshot';

// Nullability follows Microsoft's v1.0 metadata (schemas/v1.0-Prod.csdl of microsoftgraph/msgraph-metadata): a
// property may be null unless declared Nullable="false", and of these only `id` is.

const MeSchema = z.object({
  id: z.string(),
  // The run names the account from its sign-in; this one only completes it.
  userPrincipalName: z
    .string()
    .nullish()
    .transform((upn) => upn ?? ''),
  displayName: z.string().nullable().optional(),
});

const OrganizationListSchema = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      displayName: z.string().nullable().optional(),
      verifiedDomains: z
        .array(
          z.object({
            name: z.string().nullish(),
            isDefault: z.boolean().nullish(),
            isInitial: z.boolean().nullish(),
          }),
        )
        .nullish()
        // A domain without a name cannot be matched against the client's.
        .transform((domains) =>
          domains?.flatMap((d) => (typeof d.name === 'string' ? [{ ...d, name: d.name }] : [])),
        ),
    }),
  ),
});

const DirectoryRoleListSchema = z.object({
  value: z.array(
    z.object({
      displayName: z.string().nullable().optional(),
      roleTemplateId: z.string().nullable().optional(),
    }),
  ),
});

const AssignmentInstanceListSchema = z.object({
  value: z.array(
    z.object({
      roleDefinitionId: z.string().nullish(),
      directoryScopeId: z.string().nullable().optional(),
    }),
  ),
});

const EligibilityListSchema = z.object({
  value: z
    .array(
      z.object({
        roleDefinitionId: z.string().nullish(),
        directoryScopeId: z.string().nullable().optional(),
        status: z.string().nullable().optional(),
      }),
    )
    // An eligibility that names no role gives no role.
    .transform((schedules) =>
      schedules.flatMap((s) =>
        typeof s.roleDefinitionId === 'string' ? [{ ...s, roleDefinitionId: s.roleDefinitionId }] : [],
      ),
    ),
});

/** Who signed in and what they may do, read from Microsoft Graph in one `$batch`. */
export interface IdentityFacts {
  readonly account: SignedInAccount;
  readonly organization: Organization;
  readonly roles: readonly HeldRole[];
  /** False when the tenant could not list PIM eligibilities (no Entra ID P2, or not permitted). */
  readonly eligibilityKnown: boolean;
}

/**
 * Reads the signed-in administrator, the organization and the administrator's directory roles, in one `$batch`.
 *
 * Active roles come from two reads, and either is enough:
 * - `/me/transitiveMemberOf/microsoft.graph.directoryRole`: roles held directly, through a role-assignable group or
 *   activated through PIM. The OData cast on a transitive list is an advanced query: it needs
 *   `ConsistencyLevel: eventual` (a header of the batch item) and `$count=true`, or Graph refuses it.
 *   https://learn.microsoft.com/graph/aad-advanced-queries#query-scenarios-that-require-advanced-query-capabilities
 * - PIM's `roleAssignmentScheduleInstances` for the administrator: roles assigned to them or activated by them
 *   (not those of their groups), readable by Privileged Role Administrators and Global Administrators.
 *   https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignmentscheduleinstances
 *
 * The roles are the union of what answered; only when neither answers does the read fail. Eligible roles come from
 * PIM's `roleEligibilitySchedules`: https://learn.microsoft.com/graph/api/rbacapplication-list-roleeligibilityschedules
 */
export const readIdentity = async (
  send: SendBatch,
  objectId: string,
  tenantId: string,
  sleep: (ms: number) => Promise<void>,
): Promise<IdentityFacts> => {
  const oid = objectId.replaceAll("'", "''");
  const settled = await runBatched(
    send,
    [
      { id: 'me', method: 'GET', url: '/me?$select=id,userPrincipalName,displayName' },
      { id: 'organization', method: 'GET', url: '/organization?$select=id,displayName,verifiedDomains' },
      {
        id: 'roles',
        method: 'GET',
        url: '/me/transitiveMemberOf/microsoft.graph.directoryRole?$count=true&$select=id,displayName,roleTemplateId',
        headers: { ConsistencyLevel: 'eventual' },
      },
      {
        id: 'assigned',
        method: 'GET',
        url: `/roleManagement/directory/roleAssignmentScheduleInstances?$filter=principalId eq '${oid}'&$select=roleDefinitionId,directoryScopeId`,
      },
      {
        id: 'eligible',
        method: 'GET',
        url: `/roleManagement/directory/roleEligibilitySchedules?$filter=principalId eq '${oid}'`,
      },
    ],
    { sleep },
  );
  const ok = <T extends z.ZodType>(id: string, schema: T): z.infer<T> => {
    const item = settled.get(id)?.response;
    if (item === undefined || item.status !== 200) throw new SnapshotReadError(id, item ?? { id, status: 0 });
    return schema.parse(item.body);
  };
  const me = ok('me', MeSchema);
  const org = ok('organization', OrganizationListSchema).value[0];
  if (org === undefined) throw new SnapshotReadError('organization', { id: 'organization', status: 404 });
  const answered = (id: string): unknown =>
    settled.get(id)?.response.status === 200 ? settled.get(id)?.response.body : undefined;
  const rolesBody = answered('roles');
  const assignedBody = answered('assigned');
  if (rolesBody === undefined && assignedBody === undefined) {
    const refused = settled.get('roles')?.response;
    throw new SnapshotReadError('roles', refused ?? { id: 'roles', status: 0 });
  }
  const memberships: HeldRole[] = (
    rolesBody === undefined ? [] : DirectoryRoleListSchema.parse(rolesBody).value
  ).flatMap((role) =>
    role.roleTemplateId === null || role.roleTemplateId === undefined
      ? []
      : [
          {
            roleTemplateId: role.roleTemplateId,
            displayName: role.displayName ?? ROLE_NAMES[role.roleTemplateId] ?? role.roleTemplateId,
            state: 'active' as const,
          },
        ],
  );
  // A built-in role's definition ID is its template ID; only tenant-wide assignments count.
  const assigned: HeldRole[] = (
    assignedBody === undefined ? [] : AssignmentInstanceListSchema.parse(assignedBody).value
  ).flatMap((a) =>
    typeof a.roleDefinitionId === 'string' && (a.directoryScopeId ?? '/') === '/'
      ? [
          {
            roleTemplateId: a.roleDefinitionId,
            displayName: ROLE_NAMES[a.roleDefinitionId] ?? a.roleDefinitionId,
            state: 'active' as const,
          },
        ]
      : [],
  );
  const active: HeldRole[] = [...memberships, ...assigned].filter(
    (role, index, all) =>
      all.findIndex((r) => r.roleTemplateId.toLowerCase() === role.roleTemplateId.toLowerCase()) === index,
  );
  const eligibleItem = settled.get('eligible')?.response;
  const eligibilityKnown = eligibleItem?.status === 200;
  const eligible: HeldRole[] = eligibilityKnown
    ? EligibilityListSchema.parse(eligibleItem?.body)
        .value.filter((s) => (s.directoryScopeId ?? '/') === '/')
        .filter((s) => !active.some((a) => a.roleTemplateId === s.roleDefinitionId))
        .map((s) => ({
          roleTemplateId: s.roleDefinitionId,
          displayName: ROLE_NAMES[s.roleDefinitionId] ?? s.roleDefinitionId,
          state: 'eligible' as const,
        }))
    : [];
  return {
    account: {
      userPrincipalName: me.userPrincipalName,
      displayName: me.displayName ?? null,
      objectId: me.id,
      tenantId,
    },
    organization: {
      id: org.id,
      displayName: org.displayName ?? org.id,
      verifiedDomains: (org.verifiedDomains ?? []).map((d) => ({
        name: d.name,
        isDefault: d.isDefault ?? false,
        isInitial: d.isInitial ?? false,
      })),
    },
    roles: [...active, ...eligible],
    eligibilityKnown,
  };
};
