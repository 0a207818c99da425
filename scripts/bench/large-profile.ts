import { microsoftGraphPermissions } from '../../src/main/practice-tenant/catalog/first-party-apps';
import { MICROSOFT_GRAPH_APP_ID, MICROSOFT_GRAPH_DISPLAY_NAME } from '../../src/shared/cloud/microsoft-graph';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';
import { type PermissionProfile, PermissionProfileSchema } from '../../src/shared/profile/permission-profile';

/**
 * Microsoft Graph's enabled application permissions that an app may hold, from the generated catalog
 * (src/main/practice-tenant/catalog/microsoft-graph.json), by name.
 */
const assignableApplicationPermissions = (): readonly string[] =>
  microsoftGraphPermissions
    .filter((p) => p.type === 'application' && p.isEnabled && p.allowedMemberTypes.includes('Application'))
    .map((p) => p.value)
    .sort((a, b) => a.localeCompare(b));

/**
 * A profile for the default target app asking `count` real Microsoft Graph application permissions, spread evenly
 * over the catalog. Application permissions are the worst case for writes: each one is an app role assignment of its
 * own, where any number of delegated permissions share one grant.
 */
export const largeProfile = (count: number): PermissionProfile => {
  const all = assignableApplicationPermissions();
  if (count > all.length)
    throw new Error(`The catalog has only ${all.length} assignable application permissions.`);
  const names = Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)] ?? '');
  return PermissionProfileSchema.parse({
    schemaVersion: 1,
    name: `Bench: ${count} Microsoft Graph application permissions`,
    targetApp: DEFAULT_PROFILE.targetApp,
    permissions: [
      {
        resourceAppId: MICROSOFT_GRAPH_APP_ID,
        resourceDisplayName: MICROSOFT_GRAPH_DISPLAY_NAME,
        application: names.map((name) => ({ name })),
      },
    ],
  });
};
