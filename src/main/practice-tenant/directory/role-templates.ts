/**
 * Built-in Microsoft Entra directory roles by their template IDs, which are the same in every tenant:
 * https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
 */
export const roleTemplates = {
  globalAdministrator: {
    id: '62e90394-69f5-4237-9190-012177145e10',
    displayName: 'Global Administrator',
    description: 'Manages every aspect of the directory and of the services that use its identities.',
  },
  privilegedRoleAdministrator: {
    id: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
    displayName: 'Privileged Role Administrator',
    description: 'Manages directory role assignments and Privileged Identity Management.',
  },
  applicationAdministrator: {
    id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
    displayName: 'Application Administrator',
    description: 'Manages app registrations and enterprise applications, including application proxy.',
  },
  cloudApplicationAdministrator: {
    id: '158c047a-c907-4556-b7ef-446551a6b5f7',
    displayName: 'Cloud Application Administrator',
    description: 'Manages app registrations and enterprise applications, except application proxy.',
  },
  applicationDeveloper: {
    id: 'cf1c38e5-3621-4004-a7cb-879624dced7c',
    displayName: 'Application Developer',
    description:
      'Creates app registrations and service principals whatever the user settings say, as their owner.',
  },
  helpdeskAdministrator: {
    id: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
    displayName: 'Helpdesk Administrator',
    description: 'Resets passwords of non-administrators and helpdesk administrators.',
  },
  userAdministrator: {
    id: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
    displayName: 'User Administrator',
    description: 'Manages users and groups, including resetting passwords of limited administrators.',
  },
  globalReader: {
    id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
    displayName: 'Global Reader',
    description: 'Reads everything a Global Administrator can, without changing anything.',
  },
} as const;

/** A built-in directory role. */
export interface RoleTemplate {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
}

/** The built-in role with this template ID, if the practice tenant knows it. */
export const findRoleTemplate = (templateId: string): RoleTemplate | undefined =>
  Object.values(roleTemplates).find((template) => template.id === templateId.toLowerCase());

/**
 * Roles that may grant any application permission, including Microsoft Graph's, and admin consent for any
 * delegated permission: https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent
 */
export const privilegedConsentRoleIds: readonly string[] = [
  roleTemplates.globalAdministrator.id,
  roleTemplates.privilegedRoleAdministrator.id,
];

/** Roles that may consent for the organization to permissions other than Microsoft Graph's app roles. */
export const appConsentRoleIds: readonly string[] = [
  ...privilegedConsentRoleIds,
  roleTemplates.applicationAdministrator.id,
  roleTemplates.cloudApplicationAdministrator.id,
];

/**
 * Roles that may create service principals (`POST /servicePrincipals`) whatever the tenant's user settings say.
 * Privileged Role Administrator is not among them: its role actions hold no `servicePrincipals/create`
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference). The supported roles
 * of the operation: https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals
 */
export const servicePrincipalCreatorRoleIds: readonly string[] = [
  roleTemplates.globalAdministrator.id,
  roleTemplates.applicationAdministrator.id,
  roleTemplates.cloudApplicationAdministrator.id,
  roleTemplates.applicationDeveloper.id,
];

/**
 * Roles that may delete or update (`accountEnabled`) any service principal in delegated calls. Application Developer
 * may change only those it owns, which the practice tenant does not model, so it is not among them.
 * https://learn.microsoft.com/graph/api/serviceprincipal-delete, https://learn.microsoft.com/graph/api/serviceprincipal-update
 */
export const servicePrincipalManagerRoleIds: readonly string[] = [
  roleTemplates.globalAdministrator.id,
  roleTemplates.applicationAdministrator.id,
  roleTemplates.cloudApplicationAdministrator.id,
];

/**
 * Roles that may remove an app role assignment in delegated calls (of the roles the practice tenant models):
 * https://learn.microsoft.com/graph/api/serviceprincipal-delete-approleassignments
 */
export const appRoleAssignmentRemoverRoleIds: readonly string[] = [
  roleTemplates.globalAdministrator.id,
  roleTemplates.privilegedRoleAdministrator.id,
  roleTemplates.userAdministrator.id,
  roleTemplates.applicationAdministrator.id,
  roleTemplates.cloudApplicationAdministrator.id,
];

/**
 * Roles that may read PIM's role assignment schedule instances in delegated calls (read operations of PIM for
 * Microsoft Entra roles; Security roles are not modelled): https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignmentscheduleinstances
 */
export const pimReaderRoleIds: readonly string[] = [
  roleTemplates.globalAdministrator.id,
  roleTemplates.privilegedRoleAdministrator.id,
  roleTemplates.globalReader.id,
];
