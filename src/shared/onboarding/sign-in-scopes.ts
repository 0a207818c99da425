/**
 * The delegated Microsoft Graph permissions the tool's own sign-in app asks for, and why each is needed. The
 * fewest that do the job: every one is used by a step of the run, none grants more than that step needs among the
 * permissions Microsoft publishes for it. docs/permissions.md explains each to the MSP registering the app.
 */
export const SIGN_IN_PERMISSIONS = [
  {
    name: 'User.Read',
    why: 'Read who signed in (/me), the organization’s name and verified domains (/organization) and the signed-in administrator’s active directory roles (/me/transitiveMemberOf).',
  },
  {
    name: 'RoleManagement.Read.Directory',
    why: 'Read the administrator’s PIM eligibilities (/roleManagement/directory/roleEligibilitySchedules), to say when a role is eligible but not active.',
  },
  {
    name: 'Application.ReadWrite.All',
    why: 'Read the enterprise applications (service principals, in Microsoft Graph) of the app and of each API, and create those the tenant lacks (POST /servicePrincipals).',
  },
  {
    name: 'DelegatedPermissionGrant.ReadWrite.All',
    why: 'Read and add delegated permission grants (oauth2PermissionGrants): admin consent for the delegated permissions.',
  },
  {
    name: 'AppRoleAssignment.ReadWrite.All',
    why: 'Assign application permissions (appRoleAssignments) to the app’s enterprise application: admin consent for the application permissions.',
  },
] as const;

/** The scopes requested at sign-in, qualified with the cloud's Graph resource (`https://graph.microsoft.com/User.Read`). */
export const signInScopes = (graphResourceId: string): readonly string[] =>
  SIGN_IN_PERMISSIONS.map((permission) => `${graphResourceId}/${permission.name}`);
