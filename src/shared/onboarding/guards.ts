import { enableEnterpriseAppSteps } from '../guidance/enable-enterprise-app';
import type { GuardResult, HeldRole, Organization, SignedInAccount } from './run-entry';

/** Directory role template IDs (the same in every tenant). https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference */
export const ROLE_TEMPLATES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
} as const;

/** The roles that may grant admin consent to Microsoft Graph application permissions. */
export const CONSENTING_ROLE_IDS: ReadonlySet<string> = new Set(Object.values(ROLE_TEMPLATES));

/**
 * The roles that may create service principals (enterprise applications) whatever the tenant's user settings:
 * Global Administrator, Application Administrator, Cloud Application Administrator and Application Developer.
 * Privileged Role Administrator may not: its role actions hold no `microsoft.directory/servicePrincipals/create`
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference), and Graph's
 * `POST /servicePrincipals` lets other users create them only where the tenant still allows every user to
 * (https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals), which the sign-in cannot read.
 */
export const SERVICE_PRINCIPAL_CREATOR_ROLE_IDS: ReadonlySet<string> = new Set([
  ROLE_TEMPLATES.globalAdministrator,
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  '158c047a-c907-4556-b7ef-446551a6b5f7', // Cloud Application Administrator
  'cf1c38e5-3621-4004-a7cb-879624dced7c', // Application Developer
]);

/**
 * The roles that may disable (`accountEnabled`) or delete any enterprise application in delegated calls: Global
 * Administrator, Application Administrator and Cloud Application Administrator
 * (https://learn.microsoft.com/graph/api/serviceprincipal-update, https://learn.microsoft.com/graph/api/serviceprincipal-delete).
 * A Privileged Role Administrator may remove grants and app role assignments, but not this.
 */
export const SERVICE_PRINCIPAL_MANAGER_ROLE_IDS: ReadonlySet<string> = new Set([
  ROLE_TEMPLATES.globalAdministrator,
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  '158c047a-c907-4556-b7ef-446551a6b5f7', // Cloud Application Administrator
]);

const holdsActive = (roles: readonly HeldRole[], ids: ReadonlySet<string>): boolean =>
  roles.some((r) => r.state === 'active' && ids.has(r.roleTemplateId.toLowerCase()));

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
      message: holdsActive(roles, SERVICE_PRINCIPAL_CREATOR_ROLE_IDS)
        ? `${account.userPrincipalName} holds the active role ${active.displayName}.`
        : `${account.userPrincipalName} holds the active role ${active.displayName}: it may grant every permission, but not create enterprise applications, so the plan must find every one it needs already in the tenant.`,
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
        whatToDo: state.enabled ? [] : enableEnterpriseAppSteps(appName),
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

/** The target-app guard of an offboarding run: it only says what the tenant holds, and always passes. */
export const offboardTargetAppGuard = (
  appName: string,
  appId: string,
  state: { readonly kind: 'present'; readonly enabled: boolean } | { readonly kind: 'absent' },
): GuardResult => ({
  guard: 'target-app',
  passed: true,
  message:
    state.kind === 'absent'
      ? `${appName} (${appId}) has no enterprise application in the tenant: it holds nothing here, and there is nothing to remove.`
      : `${appName} (${appId}) is an enterprise application in the tenant${state.enabled ? '' : ', disabled already'}: everything it holds is listed in the plan.`,
  whatToDo: [],
});

/**
 * The role guard again, once an offboarding's plan is known: disabling or deleting the enterprise application needs
 * a role a Privileged Role Administrator does not hold (see {@link SERVICE_PRINCIPAL_MANAGER_ROLE_IDS}). Without one,
 * the guard fails before anything is written and says who can.
 */
export const offboardRoleGuard = (
  account: SignedInAccount,
  roles: readonly HeldRole[],
  enterpriseAppChange: 'disable' | 'delete' | null,
): GuardResult => {
  const atSignIn = roleGuard(account, roles);
  if (
    !atSignIn.passed ||
    enterpriseAppChange === null ||
    holdsActive(roles, SERVICE_PRINCIPAL_MANAGER_ROLE_IDS)
  ) {
    return atSignIn;
  }
  return {
    guard: 'role',
    passed: false,
    message: `The plan ${enterpriseAppChange === 'delete' ? 'deletes' : 'disables'} the app’s enterprise application, and ${account.userPrincipalName} may remove permissions but not ${enterpriseAppChange} enterprise applications: a Privileged Role Administrator cannot. Nothing was written.`,
    whatToDo: [
      'Sign in again as a Global Administrator of the client’s tenant.',
      'Or ask the client’s Global Administrator to also assign this account Cloud Application Administrator (or Application Administrator), then sign in again with the “login” prompt.',
    ],
  };
};

/**
 * The role guard again, once the plan is known: a direct grant creates the service principals the plan lists, which
 * a Privileged Role Administrator may not do (see {@link SERVICE_PRINCIPAL_CREATOR_ROLE_IDS}). Without a role that
 * may create them, the guard fails before anything is written and says who can.
 */
export const planRoleGuard = (
  account: SignedInAccount,
  roles: readonly HeldRole[],
  creations: readonly { readonly displayName: string }[],
): GuardResult => {
  const atSignIn = roleGuard(account, roles);
  if (!atSignIn.passed || creations.length === 0 || holdsActive(roles, SERVICE_PRINCIPAL_CREATOR_ROLE_IDS)) {
    return atSignIn;
  }
  const names = creations.map((c) => c.displayName).join(', ');
  const count =
    creations.length === 1 ? 'an enterprise application' : `${creations.length} enterprise applications`;
  return {
    guard: 'role',
    passed: false,
    message: `The plan needs ${count} that the tenant does not have yet (${names}), and ${account.userPrincipalName} may grant permissions but not create enterprise applications: a Privileged Role Administrator cannot. Nothing was written.`,
    whatToDo: [
      'Sign in again as a Global Administrator of the client’s tenant.',
      'Or ask the client’s Global Administrator to also assign this account Cloud Application Administrator (or Application Administrator), then sign in again with the “login” prompt.',
    ],
  };
};
