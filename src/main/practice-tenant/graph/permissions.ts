import { accessDenied } from './graph-error';
import type { GraphCaller } from './graph-exchange';

/** The permissions, any one of which allows a call, for each kind of token. */
export interface PermissionRule {
  readonly delegated: readonly string[];
  readonly application: readonly string[];
}

const rule = (delegated: readonly string[], application: readonly string[]): PermissionRule => ({
  delegated,
  application,
});

const DIRECTORY_READ = ['Directory.Read.All', 'Directory.ReadWrite.All'];
const APPLICATION_READ = ['Application.Read.All', 'Application.ReadWrite.All', ...DIRECTORY_READ];

/**
 * Permissions per operation, from the "Permissions" section of each API's page in the Microsoft Graph v1.0
 * reference (https://learn.microsoft.com/graph/api/overview). Delegated calls also accept
 * `Directory.AccessAsUser.All` where the reference lists it.
 */
export const graphPermissions = {
  // GET /organization: https://learn.microsoft.com/graph/api/organization-list
  readOrganization: rule(
    [
      'User.Read',
      'User.ReadWrite',
      'User.ReadBasic.All',
      'User.Read.All',
      'User.ReadWrite.All',
      'Organization.Read.All',
      'Organization.ReadWrite.All',
      ...DIRECTORY_READ,
      'Directory.AccessAsUser.All',
    ],
    ['Organization.Read.All', 'Organization.ReadWrite.All', ...DIRECTORY_READ],
  ),
  // GET /domains: https://learn.microsoft.com/graph/api/domain-list
  readDomains: rule(
    ['Domain.Read.All', 'Domain.ReadWrite.All', ...DIRECTORY_READ, 'Directory.AccessAsUser.All'],
    ['Domain.Read.All', 'Domain.ReadWrite.All', ...DIRECTORY_READ],
  ),
  // GET /me: https://learn.microsoft.com/graph/api/user-get
  readMe: rule(
    [
      'User.Read',
      'User.ReadWrite',
      'User.ReadBasic.All',
      'User.Read.All',
      'User.ReadWrite.All',
      ...DIRECTORY_READ,
      'Directory.AccessAsUser.All',
    ],
    [],
  ),
  // GET /me/transitiveMemberOf: https://learn.microsoft.com/graph/api/user-list-transitivememberof
  readMyMemberships: rule(
    [
      'User.Read',
      'User.ReadBasic.All',
      'User.Read.All',
      'GroupMember.Read.All',
      'Group.Read.All',
      'RoleManagement.Read.Directory',
      ...DIRECTORY_READ,
      'Directory.AccessAsUser.All',
    ],
    [],
  ),
  // GET /roleManagement/directory/roleAssignments: https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments
  readRoleAssignments: rule(
    [
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'RoleManagement.ReadWrite.Directory',
      ...DIRECTORY_READ,
      'Directory.AccessAsUser.All',
    ],
    [
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'RoleManagement.ReadWrite.Directory',
      ...DIRECTORY_READ,
    ],
  ),
  // GET /roleManagement/directory/roleAssignmentScheduleInstances:
  // https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignmentscheduleinstances
  readRoleAssignmentScheduleInstances: rule(
    [
      'RoleAssignmentSchedule.Read.Directory',
      'RoleAssignmentSchedule.ReadWrite.Directory',
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'RoleManagement.ReadWrite.Directory',
    ],
    [
      'RoleAssignmentSchedule.Read.Directory',
      'RoleAssignmentSchedule.ReadWrite.Directory',
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'RoleManagement.ReadWrite.Directory',
    ],
  ),
  // GET /roleManagement/directory/roleEligibilitySchedules:
  // https://learn.microsoft.com/graph/api/rbacapplication-list-roleeligibilityschedules
  readRoleEligibilitySchedules: rule(
    [
      'RoleEligibilitySchedule.Read.Directory',
      'RoleEligibilitySchedule.ReadWrite.Directory',
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'RoleManagement.ReadWrite.Directory',
    ],
    [
      'RoleEligibilitySchedule.Read.Directory',
      'RoleEligibilitySchedule.ReadWrite.Directory',
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'RoleManagement.ReadWrite.Directory',
    ],
  ),
  // GET /servicePrincipals: https://learn.microsoft.com/graph/api/serviceprincipal-list
  readServicePrincipals: rule(
    [...APPLICATION_READ, 'Directory.AccessAsUser.All'],
    [...APPLICATION_READ, 'Application.ReadWrite.OwnedBy'],
  ),
  // POST /servicePrincipals: https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals
  createServicePrincipal: rule(
    ['Application.ReadWrite.All', 'Directory.AccessAsUser.All'],
    ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All'],
  ),
  // DELETE /servicePrincipals/{id}: https://learn.microsoft.com/graph/api/serviceprincipal-delete
  deleteServicePrincipal: rule(
    ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
    ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  ),
  // PATCH /servicePrincipals/{id}: https://learn.microsoft.com/graph/api/serviceprincipal-update
  updateServicePrincipal: rule(
    ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
    ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  ),
  // DELETE …/appRoleAssignments/{id} and …/appRoleAssignedTo/{id}:
  // https://learn.microsoft.com/graph/api/serviceprincipal-delete-approleassignments
  deleteAppRoleAssignment: rule(['AppRoleAssignment.ReadWrite.All'], ['AppRoleAssignment.ReadWrite.All']),
  // GET …/appRoleAssignments and …/appRoleAssignedTo:
  // https://learn.microsoft.com/graph/api/serviceprincipal-list-approleassignedto
  readAppRoleAssignments: rule(
    [...APPLICATION_READ, 'AppRoleAssignment.ReadWrite.All', 'Directory.AccessAsUser.All'],
    [...APPLICATION_READ, 'AppRoleAssignment.ReadWrite.All'],
  ),
  // POST …/appRoleAssignedTo: https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignedto
  assignAppRole: rule(
    ['AppRoleAssignment.ReadWrite.All', 'Directory.AccessAsUser.All'],
    ['AppRoleAssignment.ReadWrite.All'],
  ),
  // GET /oauth2PermissionGrants: https://learn.microsoft.com/graph/api/oauth2permissiongrant-list
  readGrants: rule(
    [
      'DelegatedPermissionGrant.Read.All',
      'DelegatedPermissionGrant.ReadWrite.All',
      ...DIRECTORY_READ,
      'Directory.AccessAsUser.All',
    ],
    ['DelegatedPermissionGrant.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', ...DIRECTORY_READ],
  ),
  // POST, PATCH, DELETE /oauth2PermissionGrants: https://learn.microsoft.com/graph/api/oauth2permissiongrant-post-oauth2permissiongrants
  writeGrants: rule(
    ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'],
    ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'],
  ),
} as const;

/** An operation of the practice Graph, named for its permission rule. */
export type GraphOperation = keyof typeof graphPermissions;

/** Throws Graph's 403 unless the caller's token carries a permission that allows the operation. */
export const authorize = (caller: GraphCaller, operation: GraphOperation): void => {
  const allowed = graphPermissions[operation][caller.kind];
  const held = new Set(caller.permissions.map((p) => p.toLowerCase()));
  if (!allowed.some((permission) => held.has(permission.toLowerCase()))) throw accessDenied();
};
