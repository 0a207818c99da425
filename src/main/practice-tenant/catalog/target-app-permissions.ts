/**
 * The Microsoft Graph permissions the target app (standing in for Pia) asks for, with the descriptions Pia's own
 * permission list carries (docs: "Pia App Registration Permissions"). The practice tenant's target app requests
 * exactly these, so an onboarding rehearsed here asks for what a real one does.
 *
 * Pia's list names `Device.ReadWrite.All` as delegated, but Microsoft Graph exposes `Device.ReadWrite.All` only as an
 * application permission (it is absent from the delegated permissions of the Graph service principal), so an app
 * registration cannot request it as delegated; the practice target app's registration leaves it out, as Entra would.
 */

/** A permission the target app asks for, named by its value. */
export interface TargetAppPermission {
  readonly value: string;
  readonly description: string;
}

/** The 19 delegated Microsoft Graph permissions of the target app. */
export const targetAppDelegatedPermissions: readonly TargetAppPermission[] = [
  { value: 'Directory.AccessAsUser.All', description: 'Access directory as the signed in user' },
  { value: 'Mail.Read', description: 'Read user mail' },
  { value: 'offline_access', description: 'Maintain access to data you have given it access to' },
  { value: 'AppCatalog.ReadWrite.All', description: 'Read and write to all app catalogs' },
  { value: 'AuditLog.Read.All', description: 'Read audit log data' },
  {
    value: 'DeviceManagementConfiguration.ReadWrite.All',
    description: 'Read and write Microsoft Intune Device Configuration and Policies',
  },
  {
    value: 'DeviceManagementRBAC.ReadWrite.All',
    description: 'Read and write Microsoft Intune RBAC settings',
  },
  {
    value: 'DeviceManagementManagedDevices.PrivilegedOperations.All',
    description: 'Perform user-impacting remote actions on Microsoft Intune devices',
  },
  { value: 'Calendars.ReadWrite.Shared', description: 'Read and write user and shared calendars' },
  { value: 'User.Read', description: 'Sign in and read user profile' },
  { value: 'Group.ReadWrite.All', description: 'Read and write all groups' },
  { value: 'Mail.Send', description: 'Send mail as a user' },
  { value: 'IdentityRiskEvent.Read.All', description: 'Read identity risk event information' },
  {
    value: 'AppRoleAssignment.ReadWrite.All',
    description: 'Manage app permission grants and app role assignments',
  },
  { value: 'BitlockerKey.Read.All', description: 'Read BitLocker keys' },
  {
    value: 'UserAuthenticationMethod.ReadWrite.All',
    description: "Read and write all users' authentication methods",
  },
  { value: 'ConsentRequest.ReadWrite.All', description: 'Read and write consent requests' },
  { value: 'Device.ReadWrite.All', description: 'Read and write devices' },
  { value: 'User.ReadWrite.All', description: "Read and write all users' full profiles" },
];

/** The 21 application Microsoft Graph permissions of the target app. */
export const targetAppApplicationPermissions: readonly TargetAppPermission[] = [
  {
    value: 'UserAuthenticationMethod.ReadWrite.All',
    description: "Read and write all users' authentication methods",
  },
  {
    value: 'WindowsUpdates.ReadWrite.All',
    description: 'Read and write all Windows update deployment settings',
  },
  { value: 'Directory.ReadWrite.All', description: 'Read and write directory data' },
  { value: 'Group.ReadWrite.All', description: 'Read and write all groups' },
  {
    value: 'DeviceManagementServiceConfig.ReadWrite.All',
    description: 'Read and write Microsoft Intune configuration',
  },
  { value: 'TeamMember.ReadWrite.All', description: 'Add and remove members from all teams' },
  { value: 'Organization.ReadWrite.All', description: 'Read and write organization information' },
  { value: 'ConsentRequest.ReadWrite.All', description: 'Read and write all consent requests' },
  {
    value: 'AppRoleAssignment.ReadWrite.All',
    description: 'Manage app permission grants and app role assignments',
  },
  { value: 'User.ManageIdentities.All', description: "Manage all users' identities" },
  { value: 'MailboxSettings.ReadWrite', description: 'Read and write all user mailbox settings' },
  { value: 'ChannelMember.ReadWrite.All', description: 'Add and remove members from all channels' },
  { value: 'RoleManagement.ReadWrite.Directory', description: 'Read and write all directory RBAC settings' },
  { value: 'GroupMember.ReadWrite.All', description: 'Read and write all group memberships' },
  { value: 'IdentityRiskEvent.Read.All', description: 'Read all identity risk event information' },
  { value: 'AdministrativeUnit.ReadWrite.All', description: 'Read and write all administrative units' },
  { value: 'AuditLog.Read.All', description: 'Read all audit log data' },
  {
    value: 'DeviceManagementConfiguration.ReadWrite.All',
    description: 'Read and write Microsoft Intune device configuration and policies',
  },
  {
    value: 'DeviceManagementManagedDevices.PrivilegedOperations.All',
    description: 'Perform user-impacting remote actions on Microsoft Intune devices',
  },
  { value: 'ServiceHealth.Read.All', description: 'Read service health' },
  {
    value: 'DeviceManagementRBAC.ReadWrite.All',
    description: 'Read and write Microsoft Intune RBAC settings',
  },
];
