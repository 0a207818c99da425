import { z } from 'zod';

/** A delegated permission a resource publishes (`oauth2PermissionScopes`). */
export const PublishedScopeSchema = z
  .object({
    id: z.string(),
    value: z.string(),
    isEnabled: z.boolean(),
    /** `Admin`: only an administrator can consent for the organization. */
    type: z.string(),
  })
  .readonly();

/** An application permission a resource publishes (`appRoles`). */
export const PublishedAppRoleSchema = z
  .object({
    id: z.string(),
    value: z.string().nullable(),
    isEnabled: z.boolean(),
    allowedMemberTypes: z.array(z.string()).readonly(),
  })
  .readonly();

/** A service principal as the engine reads it from Microsoft Graph. */
export const ServicePrincipalSnapshotSchema = z
  .object({
    id: z.string(),
    appId: z.string(),
    displayName: z.string().nullable(),
    accountEnabled: z.boolean(),
    appRoles: z.array(PublishedAppRoleSchema).readonly(),
    oauth2PermissionScopes: z.array(PublishedScopeSchema).readonly(),
  })
  .readonly();

/** A service principal as read from the tenant. */
export type ServicePrincipalSnapshot = z.infer<typeof ServicePrincipalSnapshotSchema>;

/** An `oauth2PermissionGrant`: delegated permissions a client holds on a resource. */
export const DelegatedGrantSnapshotSchema = z
  .object({
    id: z.string(),
    clientId: z.string(),
    resourceId: z.string(),
    consentType: z.enum(['AllPrincipals', 'Principal']),
    principalId: z.string().nullable(),
    scope: z.string(),
  })
  .readonly();

/** A delegated permission grant as read from the tenant. */
export type DelegatedGrantSnapshot = z.infer<typeof DelegatedGrantSnapshotSchema>;

/** An `appRoleAssignment`: one application permission a client holds on a resource. */
export const AppRoleAssignmentSnapshotSchema = z
  .object({
    id: z.string(),
    appRoleId: z.string(),
    principalId: z.string(),
    resourceId: z.string(),
    createdDateTime: z.string().nullable().optional(),
  })
  .readonly();

/** An app role assignment as read from the tenant. */
export type AppRoleAssignmentSnapshot = z.infer<typeof AppRoleAssignmentSnapshotSchema>;

/**
 * What the tenant holds for one target app, read back from Microsoft Graph: the app's service principal, each
 * requested resource's service principal (null when the tenant has none), and the client's grants and
 * assignments. Plan and verification are pure functions of this snapshot.
 */
export const TenantSnapshotSchema = z
  .object({
    targetAppId: z.string(),
    client: ServicePrincipalSnapshotSchema.nullable(),
    resources: z.record(z.string(), ServicePrincipalSnapshotSchema.nullable()),
    grants: z.array(DelegatedGrantSnapshotSchema).readonly(),
    assignments: z.array(AppRoleAssignmentSnapshotSchema).readonly(),
  })
  .readonly();

/** What the tenant holds for one target app. */
export type TenantSnapshot = z.infer<typeof TenantSnapshotSchema>;

/** The permissions requested of one resource, by value, as a profile lists them. */
export const RequestedResourceSchema = z
  .object({
    resourceAppId: z.string(),
    resourceName: z.string(),
    delegated: z.array(z.string()).readonly(),
    application: z.array(z.string()).readonly(),
  })
  .readonly();

/** The permissions requested of one resource. */
export type RequestedResource = z.infer<typeof RequestedResourceSchema>;

/** Splits an `oauth2PermissionGrant` scope string ("User.Read Mail.Send") into its scopes. */
export const splitScopes = (scope: string): readonly string[] => scope.split(' ').filter((s) => s !== '');

/**
 * Whether scopes hold one, compared without case as Entra compares scope values: "Scopes are case insensitive, so
 * `User.Read` is the same as `user.read`"
 * (https://learn.microsoft.com/aspnet/core/blazor/security/webassembly/microsoft-entra-id-groups-and-roles#scopes).
 * A grant holding `user.read` holds `User.Read`; adding it again would only repeat it.
 */
export const holdsScope = (scopes: readonly string[], scope: string): boolean =>
  scopes.some((held) => held.toLowerCase() === scope.toLowerCase());
