import { describe, expect, it } from 'vitest';
import {
  TARGET_APP_ID,
  TARGET_APP_REDIRECT_URI,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { MICROSOFT_GRAPH_APP_ID } from '../../../../src/shared/cloud/microsoft-graph';
import {
  DEFAULT_PROFILE,
  PRACTICE_TARGET_APP_ID,
  PRACTICE_TARGET_APP_REDIRECT_URI,
} from '../../../../src/shared/profile/default-profile';
import { countPermissions } from '../../../../src/shared/profile/permission-profile';

// Pia's published permission list (shared/reference/000_1a940ee9ee4777a7.txt), transcribed row by row:
// name, description, type, in the order the list gives them.
const REFERENCE_ROWS: readonly (readonly [string, string, 'Delegated' | 'Application'])[] = [
  ['Directory.AccessAsUser.All', 'Access directory as the signed in user', 'Delegated'],
  ['Mail.Read', 'Read user mail', 'Delegated'],
  ['offline_access', 'Maintain access to data you have given it access to', 'Delegated'],
  ['AppCatalog.ReadWrite.All', 'Read and write to all app catalogs', 'Delegated'],
  ['AuditLog.Read.All', 'Read audit log data', 'Delegated'],
  [
    'DeviceManagementConfiguration.ReadWrite.All',
    'Read and write Microsoft Intune Device Configuration and Policies',
    'Delegated',
  ],
  ['DeviceManagementRBAC.ReadWrite.All', 'Read and write Microsoft Intune RBAC settings', 'Delegated'],
  [
    'DeviceManagementManagedDevices.PrivilegedOperations.All',
    'Perform user-impacting remote actions on Microsoft Intune devices',
    'Delegated',
  ],
  ['Calendars.ReadWrite.Shared', 'Read and write user and shared calendars', 'Delegated'],
  ['User.Read', 'Sign in and read user profile', 'Delegated'],
  ['Group.ReadWrite.All', 'Read and write all groups', 'Delegated'],
  ['Mail.Send', 'Send mail as a user', 'Delegated'],
  ['IdentityRiskEvent.Read.All', 'Read identity risk event information', 'Delegated'],
  ['AppRoleAssignment.ReadWrite.All', 'Manage app permission grants and app role assignments', 'Delegated'],
  ['BitlockerKey.Read.All', 'Read BitLocker keys', 'Delegated'],
  ['UserAuthenticationMethod.ReadWrite.All', "Read and write all users' authentication methods", 'Delegated'],
  ['ConsentRequest.ReadWrite.All', 'Read and write consent requests', 'Delegated'],
  ['Device.ReadWrite.All', 'Read and write devices', 'Delegated'],
  ['User.ReadWrite.All', "Read and write all users' full profiles", 'Delegated'],
  [
    'UserAuthenticationMethod.ReadWrite.All',
    "Read and write all users' authentication methods",
    'Application',
  ],
  ['WindowsUpdates.ReadWrite.All', 'Read and write all Windows update deployment settings', 'Application'],
  ['Directory.ReadWrite.All', 'Read and write directory data', 'Application'],
  ['Group.ReadWrite.All', 'Read and write all groups', 'Application'],
  [
    'DeviceManagementServiceConfig.ReadWrite.All',
    'Read and write Microsoft Intune configuration',
    'Application',
  ],
  ['TeamMember.ReadWrite.All', 'Add and remove members from all teams', 'Application'],
  ['Organization.ReadWrite.All', 'Read and write organization information', 'Application'],
  ['ConsentRequest.ReadWrite.All', 'Read and write all consent requests', 'Application'],
  ['AppRoleAssignment.ReadWrite.All', 'Manage app permission grants and app role assignments', 'Application'],
  ['User.ManageIdentities.All', "Manage all users' identities", 'Application'],
  ['MailboxSettings.ReadWrite', 'Read and write all user mailbox settings', 'Application'],
  ['ChannelMember.ReadWrite.All', 'Add and remove members from all channels', 'Application'],
  ['RoleManagement.ReadWrite.Directory', 'Read and write all directory RBAC settings', 'Application'],
  ['GroupMember.ReadWrite.All', 'Read and write all group memberships', 'Application'],
  ['IdentityRiskEvent.Read.All', 'Read all identity risk event information', 'Application'],
  ['AdministrativeUnit.ReadWrite.All', 'Read and write all administrative units', 'Application'],
  ['AuditLog.Read.All', 'Read all audit log data', 'Application'],
  [
    'DeviceManagementConfiguration.ReadWrite.All',
    'Read and write Microsoft Intune device configuration and policies',
    'Application',
  ],
  [
    'DeviceManagementManagedDevices.PrivilegedOperations.All',
    'Perform user-impacting remote actions on Microsoft Intune devices',
    'Application',
  ],
  ['ServiceHealth.Read.All', 'Read service health', 'Application'],
  ['DeviceManagementRBAC.ReadWrite.All', 'Read and write Microsoft Intune RBAC settings', 'Application'],
];

const rowsOfType = (type: 'Delegated' | 'Application') =>
  REFERENCE_ROWS.filter(([, , t]) => t === type).map(([name, description]) => ({ name, description }));

describe('the default profile', () => {
  it('requests 19 delegated and 21 application permissions', () => {
    expect(countPermissions(DEFAULT_PROFILE)).toEqual({ delegated: 19, application: 21 });
  });

  it('lists every delegated permission of the mission, in order, with its description', () => {
    expect(DEFAULT_PROFILE.permissions[0]?.delegated).toEqual(rowsOfType('Delegated'));
  });

  it('lists every application permission of the mission, in order, with its description', () => {
    expect(DEFAULT_PROFILE.permissions[0]?.application).toEqual(rowsOfType('Application'));
  });

  it('asks everything of Microsoft Graph, for the practice tenant’s stand-in of Pia', () => {
    expect(DEFAULT_PROFILE.permissions.map((r) => [r.resourceAppId, r.resourceDisplayName])).toEqual([
      [MICROSOFT_GRAPH_APP_ID, 'Microsoft Graph'],
    ]);
    expect(DEFAULT_PROFILE.targetApp).toEqual({
      displayName: 'Pia',
      appId: PRACTICE_TARGET_APP_ID,
      adminConsentRedirectUri: PRACTICE_TARGET_APP_REDIRECT_URI,
    });
  });

  it('names the stand-in app the practice tenant registers, with its admin-consent redirect', () => {
    expect(PRACTICE_TARGET_APP_ID).toBe(TARGET_APP_ID);
    expect(PRACTICE_TARGET_APP_REDIRECT_URI).toBe(TARGET_APP_REDIRECT_URI);
  });
});
