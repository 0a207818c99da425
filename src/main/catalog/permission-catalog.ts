import { MICROSOFT_GRAPH_APP_ID, MICROSOFT_GRAPH_DISPLAY_NAME } from '../../shared/cloud/microsoft-graph';
import type { PermissionCatalog } from '../../shared/profile/permission-catalog';
import { microsoftGraphPermissions } from '../practice-tenant/catalog/first-party-apps';

/**
 * The permission catalog the profile editor suggests from and checks names against: Microsoft Graph's delegated
 * and application permissions as Microsoft publishes them (the generated catalog the practice tenant serves,
 * scripts/generate-graph-catalog.ts). Application permissions are only the app roles an application may hold
 * (`allowedMemberTypes` includes `Application`). Other resources are not in it: their names are checked at Verify,
 * against what the client's tenant publishes.
 */
export const permissionCatalog = (): PermissionCatalog => ({
  resources: [
    {
      appId: MICROSOFT_GRAPH_APP_ID,
      displayName: MICROSOFT_GRAPH_DISPLAY_NAME,
      permissions: microsoftGraphPermissions.flatMap((permission) =>
        permission.type === 'application' && !permission.allowedMemberTypes.includes('Application')
          ? []
          : [
              {
                value: permission.value,
                type: permission.type,
                adminConsentRequired: permission.adminConsentRequired,
                isEnabled: permission.isEnabled,
              },
            ],
      ),
    },
  ],
});
