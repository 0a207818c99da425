import { MICROSOFT_GRAPH_APP_ID, MICROSOFT_GRAPH_DISPLAY_NAME } from '../cloud/microsoft-graph';
import { type PermissionProfile, PermissionProfileSchema } from './permission-profile';

/**
 * The application ID of the stand-in for Pia that the practice tenant registers. Pia's real application ID
 * is known only to the MSP (it is in the MSP's own app registration): the MSP sets it in a profile of its own
 * before onboarding a real client (docs/profiles.md).
 */
export const PRACTICE_TARGET_APP_ID = '9824b0b2-4dda-5ea8-b75b-3284340f4004';

/** The admin-consent redirect URI the practice tenant's stand-in for Pia registers. */
export const PRACTICE_TARGET_APP_REDIRECT_URI = 'https://pia.example/onboarding/admin-consent';

/** The target app's display name in the default profile. */
export const DEFAULT_TARGET_APP_DISPLAY_NAME = 'Pia';

/**
 * The delegated Microsoft Graph permissions Pia needs, in the order and with the descriptions of Pia's
 * published list (19 permissions).
 */
const DELEGATED: readonly (readonly [name: string, description: string])[] = [
  ['Directory.AccessAsUser.All', 'Access directory as the signed in user'],
  ['Mail.Read', 'Read user mail'],
  ['offline_access', 'Maintain access to data you have given it access to'],
  ['AppCatalog.ReadWrite.All', 'Read and write to all app catalogs'],
  ['AuditLog.Read.All', 'Read audit log data'],
  [
    'DeviceManagementConfiguration.ReadWrite.All',
    'Read and write Microsoft Intune Device Configuration and Policies',
  ],
  ['DeviceManagementRBAC.ReadWrite.All', 'Read and write Microsoft Intune RBAC settings'],
  [
    'DeviceManagementManagedDevices.PrivilegedOperations.All',
    'Perform user-impacting remote actions on Microsoft Intune devices',
  ],
  ['Calendars.ReadWrite.Shared', 'Read and write user and shared calendars'],
  ['User.Read', 'Sign in and read user profile'],
  ['Group.ReadWrite.All', 'Read and write all groups'],
  ['Mail.Send', 'Send mail as a user'],
  ['IdentityRiskEvent.Read.All', 'Read identity risk event information'],
  ['AppRoleAssignment.ReadWrite.All', 'Manage app permission grants and app role assignments'],
  ['BitlockerKey.Read.All', 'Read BitLocker keys'],
  ['UserAuthenticationMethod.ReadWrite.All', "Read and write all users' authentication methods"],
  ['ConsentRequest.ReadWrite.All', 'Read and write consent requests'],
  ['Device.ReadWrite.All', 'Read and write devices'],
  ['User.ReadWrite.All', "Read and write all users' full profiles"],
];

/**
 * The application Microsoft Graph permissions Pia needs, in the order and with the descriptions of Pia's
 * published list (21 permissions).
 */
const APPLICATION: readonly (readonly [name: string, description: string])[] = [
  ['UserAuthenticationMethod.ReadWrite.All', "Read and write all users' authentication methods"],
  ['WindowsUpdates.ReadWrite.All', 'Read and write all Windows update deployment settings'],
  ['Directory.ReadWrite.All', 'Read and write directory data'],
  ['Group.ReadWrite.All', 'Read and write all groups'],
  ['DeviceManagementServiceConfig.ReadWrite.All', 'Read and write Microsoft Intune configuration'],
  ['TeamMember.ReadWrite.All', 'Add and remove members from all teams'],
  ['Organization.ReadWrite.All', 'Read and write organization information'],
  ['ConsentRequest.ReadWrite.All', 'Read and write all consent requests'],
  ['AppRoleAssignment.ReadWrite.All', 'Manage app permission grants and app role assignments'],
  ['User.ManageIdentities.All', "Manage all users' identities"],
  ['MailboxSettings.ReadWrite', 'Read and write all user mailbox settings'],
  ['ChannelMember.ReadWrite.All', 'Add and remove members from all channels'],
  ['RoleManagement.ReadWrite.Directory', 'Read and write all directory RBAC settings'],
  ['GroupMember.ReadWrite.All', 'Read and write all group memberships'],
  ['IdentityRiskEvent.Read.All', 'Read all identity risk event information'],
  ['AdministrativeUnit.ReadWrite.All', 'Read and write all administrative units'],
  ['AuditLog.Read.All', 'Read all audit log data'],
  [
    'DeviceManagementConfiguration.ReadWrite.All',
    'Read and write Microsoft Intune device configuration and policies',
  ],
  [
    'DeviceManagementManagedDevices.PrivilegedOperations.All',
    'Perform user-impacting remote actions on Microsoft Intune devices',
  ],
  ['ServiceHealth.Read.All', 'Read service health'],
  ['DeviceManagementRBAC.ReadWrite.All', 'Read and write Microsoft Intune RBAC settings'],
];

const entries = (list: readonly (readonly [string, string])[]) =>
  list.map(([name, description]) => ({ name, description }));

/**
 * The built-in profile: Pia's 19 delegated and 21 application Microsoft Graph permissions, exactly as Pia
 * lists them, for the practice tenant's stand-in app ({@link PRACTICE_TARGET_APP_ID}).
 */
export const DEFAULT_PROFILE: PermissionProfile = PermissionProfileSchema.parse({
  schemaVersion: 1,
  name: 'Pia (default permissions)',
  targetApp: {
    displayName: DEFAULT_TARGET_APP_DISPLAY_NAME,
    appId: PRACTICE_TARGET_APP_ID,
    adminConsentRedirectUri: PRACTICE_TARGET_APP_REDIRECT_URI,
  },
  permissions: [
    {
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      resourceDisplayName: MICROSOFT_GRAPH_DISPLAY_NAME,
      delegated: entries(DELEGATED),
      application: entries(APPLICATION),
    },
  ],
});
