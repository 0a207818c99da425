import { z } from 'zod';

/**
 * The two kinds of Microsoft Graph permission. Delegated permissions (OAuth2 scopes) act as the signed-in
 * user and are granted tenant-wide by an `AllPrincipals` oauth2PermissionGrant; application permissions
 * (app roles) act as the app itself and are granted by app role assignments.
 * https://learn.microsoft.com/entra/identity-platform/permissions-consent-overview
 */
export const PermissionTypeSchema = z.enum(['delegated', 'application']);

/** Delegated or application. */
export type PermissionType = z.infer<typeof PermissionTypeSchema>;

/** Both permission types, delegated first as in the mission's list. */
export const PERMISSION_TYPES: readonly PermissionType[] = PermissionTypeSchema.options;
