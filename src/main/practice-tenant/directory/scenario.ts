import { z } from 'zod';
import { FaultRuleSchema } from '../knobs/fault-rule';
import { TenantKnobsSchema } from '../knobs/tenant-knobs';

// Object IDs in Microsoft Entra ID are GUIDs; Microsoft's own (00000003-0000-0000-c000-…) are not RFC 4122 UUIDs,
// so `z.guid()` rather than `z.uuid()`.
const Guid = z.guid();
const DateTime = z.iso.datetime({ offset: true });

/** A domain of a tenant, with the flags Graph's `domain` resource carries. */
export const DomainSchema = z
  .object({
    /** The fully qualified domain name, e.g. `contoso.com`. Graph uses it as the domain's `id`. */
    id: z.string().min(3),
    isDefault: z.boolean().default(false),
    isInitial: z.boolean().default(false),
    isVerified: z.boolean().default(true),
    /**
     * Managed: users sign in with Microsoft Entra ID. Federated: with the organization's own identity provider
     * (AD FS, say), where Microsoft sends them, `domain_hint` included.
     * https://learn.microsoft.com/graph/api/resources/domain
     */
    authenticationType: z.enum(['Managed', 'Federated']).default('Managed'),
  })
  .readonly();

/** A domain of a tenant. */
export type Domain = z.infer<typeof DomainSchema>;

/** A work account of a practice tenant. */
export const UserSchema = z
  .object({
    id: Guid,
    userPrincipalName: z.string().includes('@'),
    /** The practice password (a rehearsal tenant: passwords are fixed and documented). */
    password: z.string().min(1),
    displayName: z.string(),
    givenName: z.string().nullable().default(null),
    surname: z.string().nullable().default(null),
    jobTitle: z.string().nullable().default(null),
    mail: z.string().nullable().default(null),
    accountEnabled: z.boolean().default(true),
    /** The account's role in plain words, shown to technicians ("Global Administrator", …). */
    description: z.string(),
  })
  .readonly();

/** A work account of a practice tenant. */
export type User = z.infer<typeof UserSchema>;

/** An active directory role assignment (Graph's `unifiedRoleAssignment`). */
export const RoleAssignmentSchema = z
  .object({
    id: z.string().min(1),
    /** A user, or a role-assignable group whose members all hold the role. */
    principalId: Guid,
    /** For built-in roles, the role's template ID. */
    roleDefinitionId: Guid,
    directoryScopeId: z.string().default('/'),
    /**
     * `Assigned` (permanently active) or `Activated` (an eligible administrator activated it through PIM), as
     * `unifiedRoleAssignmentScheduleInstance.assignmentType` reports it:
     * https://learn.microsoft.com/graph/api/resources/unifiedroleassignmentscheduleinstance
     */
    assignmentType: z.enum(['Assigned', 'Activated']).default('Assigned'),
  })
  .readonly();

/** An active directory role assignment. */
export type RoleAssignment = z.infer<typeof RoleAssignmentSchema>;

/**
 * A security group that Microsoft Entra roles can be assigned to (`isAssignableToRole`): its members hold the
 * group's roles. Role-assignable groups cannot have groups as members, so membership is direct:
 * https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept
 */
export const RoleAssignableGroupSchema = z
  .object({
    id: Guid,
    displayName: z.string(),
    /** Object IDs of the member users. */
    members: z.array(Guid).readonly().default([]),
  })
  .readonly();

/** A security group that Microsoft Entra roles can be assigned to. */
export type RoleAssignableGroup = z.infer<typeof RoleAssignableGroupSchema>;

/** A PIM eligibility for a directory role (Graph's `unifiedRoleEligibilitySchedule`): not active until activated. */
export const RoleEligibilityScheduleSchema = z
  .object({
    id: z.string().min(1),
    principalId: Guid,
    roleDefinitionId: Guid,
    directoryScopeId: z.string().default('/'),
    memberType: z.enum(['Direct', 'Group', 'Inherited']).default('Direct'),
    status: z.string().default('Provisioned'),
    createdDateTime: DateTime,
    startDateTime: DateTime,
    /** End of the eligibility; never when null. */
    endDateTime: DateTime.nullable().default(null),
  })
  .readonly();

/** A PIM eligibility for a directory role. */
export type RoleEligibilitySchedule = z.infer<typeof RoleEligibilityScheduleSchema>;

/** A delegated permission (`permissionScope`) that a resource app exposes. */
export const PermissionScopeSchema = z
  .object({
    id: Guid,
    value: z.string().min(1),
    /** `Admin`: only an administrator can consent; `User`: users may consent for themselves. */
    type: z.enum(['Admin', 'User']),
    isEnabled: z.boolean().default(true),
    /** Shown on the consent page; the permission's value is shown when absent. */
    description: z.string().optional(),
  })
  .readonly();

/** A delegated permission that a resource app exposes. */
export type PermissionScope = z.infer<typeof PermissionScopeSchema>;

/** An application permission (`appRole`) that a resource app exposes. */
export const AppRoleSchema = z
  .object({
    id: Guid,
    value: z.string().min(1),
    allowedMemberTypes: z
      .array(z.enum(['User', 'Application']))
      .readonly()
      .default(['Application']),
    isEnabled: z.boolean().default(true),
    description: z.string().optional(),
  })
  .readonly();

/** An application permission that a resource app exposes. */
export type AppRole = z.infer<typeof AppRoleSchema>;

/** The permissions an app registration asks for on one resource (`requiredResourceAccess`). */
export const RequiredResourceAccessSchema = z
  .object({
    resourceAppId: Guid,
    resourceAccess: z.array(z.object({ id: Guid, type: z.enum(['Scope', 'Role']) }).readonly()).readonly(),
  })
  .readonly();

/** The permissions an app registration asks for on one resource. */
export type RequiredResourceAccess = z.infer<typeof RequiredResourceAccessSchema>;

/** What an application is to the practice tenant. */
export const ApplicationRoleSchema = z.enum([
  /** The onboarding tool's own public-client sign-in app. */
  'sign-in',
  /** An app to onboard (standing in for Pia). */
  'target',
  /** A Microsoft first-party resource app (Microsoft Graph, Exchange Online, Teams). */
  'first-party',
]);

/** What an application is to the practice tenant. */
export type ApplicationRole = z.infer<typeof ApplicationRoleSchema>;

/** An app registration in the global registry (its home tenant owns it; other tenants hold service principals). */
export const ApplicationSchema = z
  .object({
    appId: Guid,
    displayName: z.string(),
    role: ApplicationRoleSchema,
    /** The tenant that owns the registration (`appOwnerOrganizationId` of its service principals). */
    homeTenantId: Guid,
    signInAudience: z.enum(['AzureADMyOrg', 'AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount']),
    isPublicClient: z.boolean().default(false),
    /** Registered redirect URIs; for public clients `http://localhost` also allows any loopback port. */
    redirectUris: z.array(z.string()).readonly().default([]),
    /** Resource identifiers (e.g. `https://graph.microsoft.com`) that name the app as a resource. */
    identifierUris: z.array(z.string()).readonly().default([]),
    appRoles: z.array(AppRoleSchema).readonly().default([]),
    oauth2PermissionScopes: z.array(PermissionScopeSchema).readonly().default([]),
    requiredResourceAccess: z.array(RequiredResourceAccessSchema).readonly().default([]),
  })
  .readonly();

/** An app registration in the global registry. */
export type Application = z.infer<typeof ApplicationSchema>;

/** An app's instance in one tenant (Graph's `servicePrincipal`); its permissions come from its application. */
export const ServicePrincipalSchema = z
  .object({
    id: Guid,
    appId: Guid,
    displayName: z.string(),
    /** False when the app is disabled for the tenant's users (Enterprise applications → "Enabled for users"). */
    accountEnabled: z.boolean().default(true),
    createdDateTime: DateTime,
  })
  .readonly();

/** An app's instance in one tenant. */
export type ServicePrincipal = z.infer<typeof ServicePrincipalSchema>;

/** Consent to delegated permissions (Graph's `oauth2PermissionGrant`). */
export const OAuth2PermissionGrantSchema = z
  .object({
    id: z.string().min(1),
    /** Object ID of the client's service principal. */
    clientId: Guid,
    consentType: z.enum(['AllPrincipals', 'Principal']),
    /** The user who consented for themselves; null for AllPrincipals. */
    principalId: Guid.nullable(),
    /** Object ID of the resource's service principal. */
    resourceId: Guid,
    /** Space-separated scope values. */
    scope: z.string(),
  })
  .readonly();

/** Consent to delegated permissions. */
export type OAuth2PermissionGrant = z.infer<typeof OAuth2PermissionGrantSchema>;

/** An application permission granted to a client service principal (Graph's `appRoleAssignment`). */
export const AppRoleAssignmentSchema = z
  .object({
    id: z.string().min(1),
    appRoleId: Guid,
    /** Object ID of the client's service principal. */
    principalId: Guid,
    /** Object ID of the resource's service principal. */
    resourceId: Guid,
    createdDateTime: DateTime,
  })
  .readonly();

/** An application permission granted to a client service principal. */
export type AppRoleAssignment = z.infer<typeof AppRoleAssignmentSchema>;

/** One practice tenant with everything in it. */
export const TenantSchema = z
  .object({
    id: Guid,
    displayName: z.string(),
    countryLetterCode: z.string().length(2).default('US'),
    createdDateTime: DateTime,
    domains: z.array(DomainSchema).min(1).readonly(),
    users: z.array(UserSchema).readonly().default([]),
    roleAssignableGroups: z.array(RoleAssignableGroupSchema).readonly().default([]),
    roleAssignments: z.array(RoleAssignmentSchema).readonly().default([]),
    roleEligibilitySchedules: z.array(RoleEligibilityScheduleSchema).readonly().default([]),
    servicePrincipals: z.array(ServicePrincipalSchema).readonly().default([]),
    oauth2PermissionGrants: z.array(OAuth2PermissionGrantSchema).readonly().default([]),
    appRoleAssignments: z.array(AppRoleAssignmentSchema).readonly().default([]),
    knobs: TenantKnobsSchema.optional(),
  })
  .readonly();

/** One practice tenant with everything in it. */
export type Tenant = z.infer<typeof TenantSchema>;

/** Everything a practice tenant serves: the global app registry, the tenants and the run's realism settings. */
export const ScenarioSchema = z
  .object({
    applications: z.array(ApplicationSchema).readonly(),
    tenants: z.array(TenantSchema).readonly(),
    latencyMs: z.number().min(0).default(0),
    faults: z.array(FaultRuleSchema).readonly().default([]),
  })
  .readonly();

/** Everything a practice tenant serves. */
export type Scenario = z.infer<typeof ScenarioSchema>;

/** A scenario as written in JSON, before defaults are filled in. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
