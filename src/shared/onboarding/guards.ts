import type { GuardResult, HeldRole, Organization, SignedInAccount } from './run-entry';

/** Directory role template IDs (the same in every tenant). https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference */
export const ROLE_TEMPLATES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
} as const;

/** The roles that may grant admin consent to Microsoft Graph application permissions. */
export const CONSENTING_ROLE_IDS: ReadonlySet<string> = new Set(Object.values(ROLE_TEMPLATES));

/** Display names of the roles the guard speaks of, for eligibilities Graph returns without one. */
export const ROLE_NAMES: Readonly<Record<string, string>> = {
  [ROLE_TEMPLATES.globalAdministrator]: 'Global Administrator',
  [ROLE_TEMPLATES.privilegedRoleAdministrator]: 'Privileged Role Administrator',
};

/**
 * The signed-in account must belong to the tenant discovered for the client: the `tid` of its token.
 * "You signed in to Fabrikam, not Contoso."
 */
export const tenantGuard = (
  discoveredTenantId: string,
  clientName: string,
  account: SignedInAccount,
  organization: Organization | null,
): GuardResult => {
  const passed = account.tenantId.toLowerCase() === discoveredTenantId.toLowerCase();
  const signedInTo = organization?.displayName ?? `the tenant ${account.tenantId}`;
  return passed
    ? {
        guard: 'tenant',
        passed,
        message: `${account.userPrincipalName} signed in to ${signedInTo} (${account.tenantId}), the client’s tenant.`,
        whatToDo: [],
      }
    : {
        guard: 'tenant',
        passed,
        message: `You signed in to ${signedInTo}, not ${clientName}. Nothing was written.`,
        whatToDo: [
          `Sign in again with “Use another account” and choose an administrator of ${clientName}.`,
          'If the client is not the one you meant, go back to the Client step.',
        ],
      };
};

/**
 * The account must hold an active Global Administrator or Privileged Role Administrator role; a role that is only
 * eligible through PIM does not count, and the guard says how to activate it.
 * https://learn.microsoft.com/graph/permissions-reference#role-based-access-control-for-application-permissions
 */
export const roleGuard = (account: SignedInAccount, roles: readonly HeldRole[]): GuardResult => {
  const active = roles.find((r) => r.state === 'active' && CONSENTING_ROLE_IDS.has(r.roleTemplateId));
  if (active !== undefined) {
    return {
      guard: 'role',
      passed: true,
      message: `${account.userPrincipalName} holds the active role ${active.displayName}.`,
      whatToDo: [],
    };
  }
  const eligible = roles.find((r) => r.state === 'eligible' && CONSENTING_ROLE_IDS.has(r.roleTemplateId));
  if (eligible !== undefined) {
    return {
      guard: 'role',
      passed: false,
      message: `${account.userPrincipalName} is eligible for ${eligible.displayName} through Privileged Identity Management, but the role is not active. Nothing was written.`,
      whatToDo: [
        'Open the Microsoft Entra admin center as this account: Identity governance › Privileged Identity Management › My roles › Eligible assignments.',
        `Select Activate on ${eligible.displayName}, give the justification the client requires, and wait until it shows as active (a minute or two).`,
        'Sign in again here with the “login” prompt, so the new sign-in carries the active role.',
      ],
    };
  }
  const held = roles.filter((r) => r.state === 'active').map((r) => r.displayName);
  return {
    guard: 'role',
    passed: false,
    message: `${account.userPrincipalName} is neither a Global Administrator nor a Privileged Role Administrator${
      held.length > 0 ? ` (active roles: ${held.join(', ')})` : ' (no active administrator role)'
    }. Nothing was written.`,
    whatToDo: [
      'Sign in again as a Global Administrator of the client’s tenant.',
      'Or ask the client’s Global Administrator to assign this account the Privileged Role Administrator role.',
    ],
  };
};

/** The target app's check: its service principal exists (or Microsoft confirms the app when it is created). */
export const targetAppGuard = (
  appName: string,
  appId: string,
  state:
    | { readonly kind: 'present'; readonly enabled: boolean }
    | { readonly kind: 'absent' }
    | { readonly kind: 'unknown-app'; readonly detail: string },
): GuardResult => {
  switch (state.kind) {
    case 'present':
      return {
        guard: 'target-app',
        passed: true,
        message: state.enabled
          ? `${appName} (${appId}) is already an enterprise application in the tenant.`
          : `${appName} (${appId}) is an enterprise application in the tenant, but disabled: permissions can be granted, but nobody can use them until it is enabled.`,
        whatToDo: state.enabled
          ? []
          : [
              'Ask the client’s administrator to enable it: Enterprise applications › the app › Properties › Enabled for users to sign-in: Yes.',
            ],
      };
    case 'absent':
      return {
        guard: 'target-app',
        passed: true,
        message: `${appName} (${appId}) is not yet in the tenant: its enterprise application is created first, and Microsoft confirms there that it is a multi-tenant app before anything else is written.`,
        whatToDo: [],
      };
    case 'unknown-app':
      return {
        guard: 'target-app',
        passed: false,
        message: `Microsoft does not know ${appName} (${appId}) as a multi-tenant app: ${state.detail} Nothing else was written.`,
        whatToDo: [
          'Check the application ID in the permission profile against the app registration at your MSP.',
          'In that registration, set Supported account types to “Accounts in any organizational directory”.',
        ],
      };
  }
};
