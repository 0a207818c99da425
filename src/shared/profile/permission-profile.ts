import { z } from 'zod';
import { EntraIdSchema } from '../guid';
import { PERMISSION_TYPES } from './permission-type';

/** The only version of the profile format this build reads and writes. */
export const PROFILE_SCHEMA_VERSION = 1;

/** An application (client) ID: any GUID, compared and stored in lower case. */
export const AppIdSchema = EntraIdSchema;

/**
 * The `value` of a delegated scope or app role as a resource publishes it: `User.Read`, `offline_access`,
 * `user_impersonation`. No spaces, since scopes travel space-separated.
 */
export const PermissionNameSchema = z
  .string({ error: 'expected a permission name such as "User.Read"' })
  .min(1, { error: 'expected a permission name such as "User.Read", not an empty string' })
  .max(200, { error: 'a permission name is at most 200 characters' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    error: 'a permission name has only letters, digits, ".", "_" and "-" (such as "User.Read")',
  });

/**
 * One requested permission. In a profile file it is either its name alone (`"User.Read"`) or an object with
 * a description for people (`{ "name": "User.Read", "description": "Sign in and read user profile" }`).
 */
export const RequestedPermissionSchema = z.preprocess(
  (entry) => (typeof entry === 'string' ? { name: entry } : entry),
  z
    .strictObject(
      {
        name: PermissionNameSchema,
        description: z.string({ error: 'expected a description (a string)' }).max(500).optional(),
      },
      { error: 'expected a permission name such as "User.Read"' },
    )
    .readonly(),
);

/** One requested permission: its name and, optionally, what it allows in plain words. */
export type RequestedPermission = z.infer<typeof RequestedPermissionSchema>;

const PermissionListSchema = z
  .array(RequestedPermissionSchema, { error: 'expected a list of permission names' })
  .min(1, { error: 'empty list: name at least one permission, or leave the field out' })
  .max(500)
  .readonly();

/** The permissions requested of one resource (an API such as Microsoft Graph), by type. */
export const ResourcePermissionsSchema = z
  .strictObject(
    {
      /** The resource's application ID (Microsoft Graph: 00000003-0000-0000-c000-000000000000). */
      resourceAppId: AppIdSchema,
      /** How people call the resource: "Microsoft Graph". */
      resourceDisplayName: z.string({ error: 'expected the resource’s name' }).trim().min(1).max(200),
      /** Delegated permissions (OAuth2 scopes), by name. */
      delegated: PermissionListSchema.optional(),
      /** Application permissions (app roles), by name. */
      application: PermissionListSchema.optional(),
    },
    { error: 'expected a resource: { "resourceAppId": …, "resourceDisplayName": …, "delegated": […] }' },
  )
  .readonly()
  .superRefine((resource, ctx) => {
    if (resource.delegated === undefined && resource.application === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `requests no permission of ${resource.resourceDisplayName}: add "delegated" or "application"`,
        path: [],
      });
    }
    for (const type of PERMISSION_TYPES) {
      const seen = new Map<string, number>();
      (resource[type] ?? []).forEach((permission, index) => {
        const key = permission.name.toLowerCase();
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, index);
          return;
        }
        ctx.addIssue({
          code: 'custom',
          message: `duplicate: "${permission.name}" is already listed at ${type}[${first}]`,
          path: [type, index],
        });
      });
    }
  });

/** The permissions requested of one resource. */
export type ResourcePermissions = z.infer<typeof ResourcePermissionsSchema>;

const isLoopbackHttp = (uri: string): boolean =>
  /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(?:\/|$)/i.test(uri);

/** The app being onboarded (Pia): what consent is granted to. */
export const TargetAppSchema = z
  .strictObject(
    {
      /** The app's name as the client's administrator will see it in Enterprise applications. */
      displayName: z.string({ error: 'expected the app’s display name' }).trim().min(1).max(200),
      /** The app's application (client) ID, from its registration in the MSP's own tenant. */
      appId: AppIdSchema,
      /**
       * Where Microsoft's admin-consent page sends the administrator back to. It must be one of the redirect
       * URIs registered on the app; without it the admin-consent strategy is not offered.
       * https://learn.microsoft.com/entra/identity-platform/v2-admin-consent#request-the-permissions-from-a-directory-admin
       */
      adminConsentRedirectUri: z
        .string({ error: 'expected a URL' })
        .trim()
        .max(2000)
        .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/, { error: 'expected an https:// URL' })
        .refine((uri) => uri.toLowerCase().startsWith('https://') || isLoopbackHttp(uri), {
          error: 'expected an https:// URL (http:// is allowed only for localhost)',
        })
        .optional(),
    },
    { error: 'expected the target app: { "displayName": …, "appId": … }' },
  )
  .readonly();

/** The app being onboarded. */
export type TargetApp = z.infer<typeof TargetAppSchema>;

/**
 * A permission profile: which app gets which permissions. Version 1 of the format; documented in
 * docs/profiles.md.
 */
export const PermissionProfileSchema = z
  .strictObject(
    {
      schemaVersion: z.literal(PROFILE_SCHEMA_VERSION, {
        error: (issue) =>
          issue.input === undefined
            ? 'missing required field'
            : `unsupported schema version ${JSON.stringify(issue.input)}: this version of the tool reads version ${PROFILE_SCHEMA_VERSION}`,
      }),
      /** A name for the technician to pick the profile by; the target app's name when absent. */
      name: z.string({ error: 'expected a name (a string)' }).trim().min(1).max(200).optional(),
      targetApp: TargetAppSchema,
      permissions: z
        .array(ResourcePermissionsSchema, { error: 'expected a list of resources' })
        .min(1, { error: 'empty list: name at least one resource and its permissions' })
        .max(50)
        .readonly(),
    },
    { error: 'expected a profile: { "schemaVersion": 1, "targetApp": …, "permissions": […] }' },
  )
  .readonly()
  .superRefine((profile, ctx) => {
    const seen = new Map<string, number>();
    profile.permissions.forEach((resource, index) => {
      const first = seen.get(resource.resourceAppId);
      if (first === undefined) {
        seen.set(resource.resourceAppId, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        message: `duplicate resource: ${resource.resourceAppId} is already listed at permissions[${first}]; merge the two`,
        path: ['permissions', index, 'resourceAppId'],
      });
    });
  });

/** A permission profile: which app gets which permissions. */
export type PermissionProfile = z.infer<typeof PermissionProfileSchema>;

/** The name to show for a profile: its own, or its target app's. */
export const profileName = (profile: PermissionProfile): string =>
  profile.name ?? profile.targetApp.displayName;

/** How many permissions of each type a profile requests, across resources. */
export const countPermissions = (profile: PermissionProfile): { delegated: number; application: number } => ({
  delegated: profile.permissions.reduce((sum, r) => sum + (r.delegated?.length ?? 0), 0),
  application: profile.permissions.reduce((sum, r) => sum + (r.application?.length ?? 0), 0),
});
