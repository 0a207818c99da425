import { findRoleTemplate } from '../directory/role-templates';
import type {
  Application,
  AppRoleAssignment,
  Domain,
  OAuth2PermissionGrant,
  RoleAssignment,
  RoleEligibilitySchedule,
  ServicePrincipal,
  Tenant,
  User,
} from '../directory/scenario';
import { stableId } from '../directory/stable-id';
import { ofGraphType } from './null-properties';

// Shapes of Graph v1.0 resources, property for property as the examples of the Graph reference show them
// (https://learn.microsoft.com/graph/api/resources/serviceprincipal and its siblings). Properties the practice
// tenant has no data for carry Graph's empty values (null or []). Only properties Microsoft's v1.0 metadata declares
// (microsoftgraph/msgraph-metadata, schemas/v1.0-Prod.csdl) are sent: some reference examples show beta-only ones
// (`publisherName` and `createdDateTime` of a service principal, `directorySizeQuota`, `resourceScope`), which v1.0
// does not have.

/** Graph's `organization` resource for a tenant. */
export const organizationShape = (tenant: Tenant): Record<string, unknown> =>
  ofGraphType('organization', {
    id: tenant.id,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: tenant.countryLetterCode,
    createdDateTime: tenant.createdDateTime,
    defaultUsageLocation: null,
    displayName: tenant.displayName,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    partnerTenantType: null,
    postalCode: null,
    preferredLanguage: 'en',
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: [],
    tenantType: 'AAD',
    privacyProfile: null,
    assignedPlans: [],
    provisionedPlans: [],
    verifiedDomains: tenant.domains
      .filter((d) => d.isVerified)
      .map((d) =>
        ofGraphType('verifiedDomain', {
          capabilities: 'Email, OfficeCommunicationsOnline',
          isDefault: d.isDefault,
          isInitial: d.isInitial,
          name: d.id,
          type: 'Managed',
        }),
      ),
  });

/** Graph's `domain` resource. */
export const domainShape = (domain: Domain): Record<string, unknown> =>
  ofGraphType('domain', {
    authenticationType: domain.authenticationType,
    availabilityStatus: null,
    id: domain.id,
    isAdminManaged: true,
    isDefault: domain.isDefault,
    isInitial: domain.isInitial,
    isRoot: true,
    isVerified: domain.isVerified,
    passwordNotificationWindowInDays: 14,
    passwordValidityPeriodInDays: 2147483647,
    supportedServices: domain.isVerified ? ['Email', 'OfficeCommunicationsOnline'] : [],
    state: null,
  });

/** Graph's `user` resource with its default properties (what `GET /me` returns without `$select`). */
export const userShape = (user: User): Record<string, unknown> =>
  ofGraphType('user', {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
  });

/** The object ID of an activated directory role in a tenant (distinct from its template ID, as in Entra). */
export const directoryRoleId = (tenantId: string, templateId: string): string =>
  stableId(`${tenantId.toLowerCase()}/directory-role/${templateId.toLowerCase()}`);

/** Graph's `directoryRole` resource, as a member of a `directoryObject` collection. */
export const directoryRoleShape = (tenantId: string, templateId: string): Record<string, unknown> => {
  const template = findRoleTemplate(templateId);
  return ofGraphType('directoryRole', {
    '@odata.type': '#microsoft.graph.directoryRole',
    id: directoryRoleId(tenantId, templateId),
    deletedDateTime: null,
    description: template?.description ?? null,
    displayName: template?.displayName ?? templateId,
    roleTemplateId: templateId,
  });
};

/** Graph's `unifiedRoleAssignment` resource (`resourceScope` is the older name of the directory scope). */
export const roleAssignmentShape = (assignment: RoleAssignment): Record<string, unknown> =>
  ofGraphType('unifiedRoleAssignment', {
    id: assignment.id,
    principalId: assignment.principalId,
    directoryScopeId: assignment.directoryScopeId,
    roleDefinitionId: assignment.roleDefinitionId,
  });

/**
 * Graph's `unifiedRoleAssignmentScheduleInstance` resource: an active assignment, permanent (`Assigned`) or
 * activated through PIM (`Activated`): https://learn.microsoft.com/graph/api/resources/unifiedroleassignmentscheduleinstance
 */
export const roleAssignmentScheduleInstanceShape = (assignment: RoleAssignment): Record<string, unknown> =>
  ofGraphType('unifiedRoleAssignmentScheduleInstance', {
    id: assignment.id,
    principalId: assignment.principalId,
    roleDefinitionId: assignment.roleDefinitionId,
    directoryScopeId: assignment.directoryScopeId,
    appScopeId: null,
    startDateTime: null,
    endDateTime: null,
    assignmentType: assignment.assignmentType,
    memberType: 'Direct',
    roleAssignmentOriginId: assignment.id,
    roleAssignmentScheduleId: assignment.id,
  });

/** Graph's `unifiedRoleEligibilitySchedule` resource. */
export const roleEligibilityShape = (schedule: RoleEligibilitySchedule): Record<string, unknown> =>
  ofGraphType('unifiedRoleEligibilitySchedule', {
    id: schedule.id,
    principalId: schedule.principalId,
    roleDefinitionId: schedule.roleDefinitionId,
    directoryScopeId: schedule.directoryScopeId,
    appScopeId: null,
    createdUsing: schedule.id,
    createdDateTime: schedule.createdDateTime,
    modifiedDateTime: null,
    status: schedule.status,
    memberType: schedule.memberType,
    scheduleInfo: {
      startDateTime: schedule.startDateTime,
      recurrence: null,
      expiration:
        schedule.endDateTime === null
          ? { type: 'noExpiration', endDateTime: null, duration: null }
          : { type: 'afterDateTime', endDateTime: schedule.endDateTime, duration: null },
    },
  });

/** Graph's `servicePrincipal` resource; permissions and names come from the app registration. */
export const servicePrincipalShape = (
  sp: ServicePrincipal,
  app: Application | undefined,
): Record<string, unknown> =>
  ofGraphType('servicePrincipal', {
    id: sp.id,
    deletedDateTime: null,
    accountEnabled: sp.accountEnabled,
    alternativeNames: [],
    appDisplayName: app?.displayName ?? sp.displayName,
    appDescription: null,
    appId: sp.appId,
    applicationTemplateId: null,
    appOwnerOrganizationId: app?.homeTenantId ?? null,
    appRoleAssignmentRequired: false,
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: sp.displayName,
    endpoints: [],
    homepage: null,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: app?.redirectUris ?? [],
    servicePrincipalNames: [sp.appId, ...(app?.identifierUris ?? [])],
    servicePrincipalType: 'Application',
    signInAudience: app?.signInAudience ?? 'AzureADMultipleOrgs',
    tags: [],
    tokenEncryptionKeyId: null,
    samlSingleSignOnSettings: null,
    addIns: [],
    appRoles: (app?.appRoles ?? []).map((role) =>
      ofGraphType('appRole', {
        allowedMemberTypes: role.allowedMemberTypes,
        description: role.description ?? role.value,
        displayName: role.value,
        id: role.id,
        isEnabled: role.isEnabled,
        origin: 'Application',
        value: role.value,
      }),
    ),
    info: {
      logoUrl: null,
      marketingUrl: null,
      privacyStatementUrl: null,
      supportUrl: null,
      termsOfServiceUrl: null,
    },
    keyCredentials: [],
    oauth2PermissionScopes: (app?.oauth2PermissionScopes ?? []).map((scope) =>
      ofGraphType('permissionScope', {
        adminConsentDescription: scope.description ?? scope.value,
        adminConsentDisplayName: scope.value,
        id: scope.id,
        isEnabled: scope.isEnabled,
        type: scope.type,
        userConsentDescription: scope.type === 'User' ? (scope.description ?? scope.value) : null,
        userConsentDisplayName: scope.type === 'User' ? scope.value : null,
        value: scope.value,
      }),
    ),
    passwordCredentials: [],
    resourceSpecificApplicationPermissions: [],
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
  });

/** Graph's `oAuth2PermissionGrant` resource. */
export const grantShape = (grant: OAuth2PermissionGrant): Record<string, unknown> =>
  ofGraphType('oAuth2PermissionGrant', {
    clientId: grant.clientId,
    consentType: grant.consentType,
    id: grant.id,
    principalId: grant.principalId,
    resourceId: grant.resourceId,
    scope: grant.scope,
  });

/** Graph's `appRoleAssignment` resource. */
export const appRoleAssignmentShape = (
  assignment: AppRoleAssignment,
  principal: ServicePrincipal | undefined,
  resource: ServicePrincipal | undefined,
): Record<string, unknown> =>
  ofGraphType('appRoleAssignment', {
    id: assignment.id,
    deletedDateTime: null,
    appRoleId: assignment.appRoleId,
    createdDateTime: assignment.createdDateTime,
    principalDisplayName: principal?.displayName ?? null,
    principalId: assignment.principalId,
    principalType: 'ServicePrincipal',
    resourceDisplayName: resource?.displayName ?? null,
    resourceId: assignment.resourceId,
  });
