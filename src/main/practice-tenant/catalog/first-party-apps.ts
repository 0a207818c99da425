import { z } from 'zod';
import { type Application, ApplicationSchema } from '../directory/scenario';
import graphCatalog from './microsoft-graph.json' with { type: 'json' };

/** The tenant that owns Microsoft's first-party apps (`appOwnerOrganizationId` of their service principals). */
export const MICROSOFT_SERVICES_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** Microsoft Graph's app ID, the same in every tenant. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Office 365 Exchange Online's app ID. */
export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

/** Exchange Online's `Exchange.ManageAsApp` application permission (app-only Exchange PowerShell). */
export const EXCHANGE_MANAGE_AS_APP_ROLE_ID = 'dc50a0fb-09a3-484d-be87-e023b12c6440';

/**
 * Microsoft Teams Services (resource `https://api.spaces.skype.com`). Some tenants lack its service principal, and
 * consent to an app that needs it then fails with AADSTS650052 ("…needs access to a service that your organization
 * has not subscribed to or enabled").
 */
export const MICROSOFT_TEAMS_APP_ID = 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe';

/** The Global cloud's resource identifier for Microsoft Graph, used for scopes and `aud` in the practice cloud too. */
export const MICROSOFT_GRAPH_RESOURCE = 'https://graph.microsoft.com';

const CatalogPermissionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('delegated'),
    id: z.guid(),
    value: z.string(),
    adminConsentRequired: z.boolean(),
    isEnabled: z.boolean(),
  }),
  z.object({
    type: z.literal('application'),
    id: z.guid(),
    value: z.string(),
    adminConsentRequired: z.literal(true),
    isEnabled: z.boolean(),
    allowedMemberTypes: z.array(z.enum(['User', 'Application'])),
  }),
]);

/** One permission of the generated Microsoft Graph catalog (scripts/generate-graph-catalog.ts). */
export type CatalogPermission = z.infer<typeof CatalogPermissionSchema>;

/** Microsoft Graph's permissions: IDs, values, admin-consent and enabled flags, from the generated catalog. */
export const microsoftGraphPermissions: readonly CatalogPermission[] = z
  .array(CatalogPermissionSchema)
  .parse(graphCatalog.permissions);

const common = {
  homeTenantId: MICROSOFT_SERVICES_TENANT_ID,
  signInAudience: 'AzureADMultipleOrgs',
  role: 'first-party',
} as const;

/** Microsoft Graph as a resource app, with Microsoft's real delegated and application permissions. */
export const microsoftGraphApplication: Application = ApplicationSchema.parse({
  ...common,
  appId: MICROSOFT_GRAPH_APP_ID,
  displayName: 'Microsoft Graph',
  identifierUris: [MICROSOFT_GRAPH_RESOURCE, `${MICROSOFT_GRAPH_RESOURCE}/`],
  oauth2PermissionScopes: microsoftGraphPermissions.flatMap((permission) =>
    permission.type === 'delegated'
      ? [
          {
            id: permission.id,
            value: permission.value,
            type: permission.adminConsentRequired ? 'Admin' : 'User',
            isEnabled: permission.isEnabled,
          },
        ]
      : [],
  ),
  appRoles: microsoftGraphPermissions.flatMap((permission) =>
    permission.type === 'application'
      ? [
          {
            id: permission.id,
            value: permission.value,
            allowedMemberTypes: permission.allowedMemberTypes,
            isEnabled: permission.isEnabled,
          },
        ]
      : [],
  ),
});

/** Office 365 Exchange Online, with the application permission MSP tools ask for. */
export const exchangeOnlineApplication: Application = ApplicationSchema.parse({
  ...common,
  appId: EXCHANGE_ONLINE_APP_ID,
  displayName: 'Office 365 Exchange Online',
  identifierUris: ['https://outlook.office365.com', 'https://outlook.office.com'],
  appRoles: [{ id: EXCHANGE_MANAGE_AS_APP_ROLE_ID, value: 'Exchange.ManageAsApp' }],
});

/** Microsoft Teams Services, whose service principal some tenants lack. */
export const microsoftTeamsApplication: Application = ApplicationSchema.parse({
  ...common,
  appId: MICROSOFT_TEAMS_APP_ID,
  displayName: 'Microsoft Teams Services',
  identifierUris: ['https://api.spaces.skype.com'],
});

/** Microsoft's first-party resource apps that the practice tenant knows. */
export const firstPartyApplications: readonly Application[] = [
  microsoftGraphApplication,
  exchangeOnlineApplication,
  microsoftTeamsApplication,
];

/** The ID of a Microsoft Graph permission by its value, if Graph has it. */
export const findGraphPermissionId = (type: CatalogPermission['type'], value: string): string | undefined =>
  microsoftGraphPermissions.find((p) => p.type === type && p.value === value)?.id;

/** The ID of a Microsoft Graph permission by its value; throws for a value Graph does not have. */
export const graphPermissionId = (type: CatalogPermission['type'], value: string): string => {
  const id = findGraphPermissionId(type, value);
  if (id === undefined) throw new Error(`Microsoft Graph has no ${type} permission ${value}`);
  return id;
};
