import { MICROSOFT_GRAPH_APP_ID } from '../catalog/first-party-apps';
import type { Directory } from '../directory/directory';
import { appConsentRoleIds, privilegedConsentRoleIds } from '../directory/role-templates';
import type { Application } from '../directory/scenario';
import type { Knobs } from '../knobs/knobs';
import type { AadstsError } from './aadsts';
import type { BrowserSession, SessionAccount } from './browser-sessions';
import type { ConsentItem, PickerAccount } from './pages';
import type { PendingFlow } from './pending-flow';
import { describePermission } from './permission-descriptions';

/** What the browser sees next in a sign-in flow. */
export type Step =
  | { readonly kind: 'account-picker'; readonly accounts: readonly PickerAccount[] }
  | { readonly kind: 'email'; readonly value?: string; readonly error?: string }
  | { readonly kind: 'password'; readonly upn: string; readonly error?: string }
  /** An error Microsoft shows on its own page rather than sending to the app. */
  | { readonly kind: 'error-page'; readonly error: AadstsError; readonly useAnotherAccount: boolean }
  | { readonly kind: 'need-admin-approval'; readonly error: AadstsError }
  | {
      readonly kind: 'consent';
      /** Who is asked: the flow's account, or the session's when single sign-on chose it. */
      readonly account: SessionAccount;
      readonly items: readonly ConsentItem[];
      readonly offerOrganizationConsent: boolean;
    }
  /** Authorize: send a code for this account. */
  | { readonly kind: 'issue-code'; readonly account: SessionAccount }
  /** Send an error to the app's redirect URI. */
  | {
      readonly kind: 'answer-error';
      readonly error: AadstsError;
      readonly oauthError?: string;
      readonly subcode?: string;
    };

/** What the decision reads. */
export interface StepEnvironment {
  readonly directory: Directory;
  readonly knobs: Knobs;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Whether the user can consent for the organization to these permissions (Graph app roles need more). */
export const canConsentForOrganization = (
  env: StepEnvironment,
  account: SessionAccount,
  needsGraphAppRoles: boolean,
): boolean => {
  const roles = env.directory.activeRoleTemplateIds(account.tenantId, account.userId);
  const allowed = needsGraphAppRoles ? privilegedConsentRoleIds : appConsentRoleIds;
  return roles.some((r) => allowed.includes(r));
};

/** The delegated permissions of the request the account does not hold yet, by resource. */
export const missingDelegated = (
  env: StepEnvironment,
  flow: PendingFlow,
  account: SessionAccount,
): readonly { readonly resourceAppId: string; readonly values: readonly string[] }[] =>
  flow.request.delegated
    .map(({ resourceAppId, values }) => {
      const held = env.directory.grantedDelegatedScopes(
        account.tenantId,
        flow.client.appId,
        account.userId,
        resourceAppId,
      );
      return { resourceAppId, values: values.filter((v) => !held.some((h) => same(h, v))) };
    })
    .filter((r) => r.values.length > 0);

const delegatedItems = (
  env: StepEnvironment,
  requests: readonly { readonly resourceAppId: string; readonly values: readonly string[] }[],
): ConsentItem[] =>
  requests.flatMap(({ resourceAppId, values }) => {
    const resource = env.directory.findApplication(resourceAppId);
    return values.map((value) => {
      const scope = resource?.oauth2PermissionScopes.find((s) => same(s.value, value));
      return {
        resourceName: resource?.displayName ?? resourceAppId,
        value,
        description: scope?.description ?? describePermission(value, 'delegated'),
        adminOnly: scope?.type === 'Admin',
        kind: 'delegated' as const,
      };
    });
  });

/** The consent page's list for the admin-consent endpoint: delegated and application permissions. */
export const adminConsentItems = (env: StepEnvironment, flow: PendingFlow): ConsentItem[] => [
  ...delegatedItems(env, flow.request.delegated),
  ...flow.request.appRoles.flatMap(({ resourceAppId, appRoleIds }) => {
    const resource = env.directory.findApplication(resourceAppId);
    return appRoleIds.flatMap((id) => {
      const role = resource?.appRoles.find((r) => same(r.id, id));
      return role === undefined
        ? []
        : [
            {
              resourceName: resource?.displayName ?? resourceAppId,
              value: role.value,
              description: role.description ?? describePermission(role.value, 'application'),
              adminOnly: true,
              kind: 'application' as const,
            },
          ];
    });
  }),
];

/**
 * AADSTS7000112 when the client's service principal in the tenant exists but is disabled ("Enabled for users to
 * sign in?" set to No): the app can neither sign users in nor get tokens there.
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes (UnauthorizedClientApplicationDisabled)
 */
export const disabledClientError = (
  env: Pick<StepEnvironment, 'directory'>,
  tenantId: string,
  client: Application,
): AadstsError | undefined =>
  env.directory.findServicePrincipalByAppId(tenantId, client.appId)?.accountEnabled === false
    ? { code: 7000112, appId: client.appId, appName: client.displayName }
    : undefined;

/**
 * AADSTS650052 when a resource the consent would grant has no service principal in the tenant and consent cannot
 * create one: the organization has not subscribed to that service (a tenant without Microsoft Teams, for example).
 * The practice tenant never creates a missing resource's service principal. Checked before anything is written, so
 * a refused consent leaves the tenant as it was.
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS650052)
 */
export const missingServiceError = (
  env: StepEnvironment,
  tenantId: string,
  resourceAppIds: readonly string[],
): AadstsError | undefined => {
  const absent = resourceAppIds.find(
    (appId) => env.directory.findServicePrincipalByAppId(tenantId, appId) === undefined,
  );
  if (absent === undefined) return undefined;
  const resource = env.directory.findApplication(absent);
  return {
    code: 650052,
    resource: resource?.identifierUris[0] ?? absent,
    tenantName: env.directory.findTenant(tenantId)?.displayName ?? tenantId,
  };
};

/**
 * AADSTS50105 when the client's service principal in the tenant requires assignment (the tenant knob
 * `assignmentRequiredAppIds`) and the user holds no app role assignment to it. Microsoft shows it on its own error
 * page during sign-in (the app gets no answer) and returns it from the token endpoint on a refresh.
 * https://learn.microsoft.com/troubleshoot/entra/entra-id/app-integration/error-code-aadsts50105-user-not-assigned-role
 */
export const unassignedUserError = (
  env: StepEnvironment,
  tenantId: string,
  client: Application,
  user: { readonly id: string; readonly userPrincipalName: string },
): AadstsError | undefined => {
  const required = env.knobs.tenant(tenantId).assignmentRequiredAppIds.some((id) => same(id, client.appId));
  if (!required) return undefined;
  const sp = env.directory.findServicePrincipalByAppId(tenantId, client.appId);
  const assigned =
    sp !== undefined &&
    env.directory
      .tenant(tenantId)
      .appRoleAssignments.some((a) => same(a.principalId, user.id) && same(a.resourceId, sp.id));
  return assigned
    ? undefined
    : { code: 50105, appId: client.appId, appName: client.displayName, upn: user.userPrincipalName };
};

/** Session accounts as the account picker lists them. */
const pickerAccounts = (env: StepEnvironment, accounts: readonly SessionAccount[]): PickerAccount[] =>
  accounts.flatMap((a) => {
    const user = env.directory.findUser(a.tenantId, a.userId);
    return user === undefined
      ? []
      : [{ userId: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName }];
  });

/** Who the flow is for, or the step that asks. */
const chooseAccount = (
  env: StepEnvironment,
  flow: PendingFlow,
  session: BrowserSession,
): { readonly account: SessionAccount } | { readonly step: Step } => {
  if (flow.account !== undefined) return { account: flow.account };
  if (flow.typedUpn !== undefined) return { step: { kind: 'password', upn: flow.typedUpn } };

  const inAuthority = session.accounts.filter(
    (a) => flow.authority.kind === 'multi' || same(a.tenantId, flow.authority.tenant.id),
  );
  const hinted =
    flow.loginHint === undefined
      ? undefined
      : session.accounts.find((a) => {
          const user = env.directory.findUser(a.tenantId, a.userId);
          return user !== undefined && same(user.userPrincipalName, flow.loginHint ?? '');
        });

  if (flow.prompt === 'none') {
    // Silent sign-in: only an existing session can answer. https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
    const account = hinted ?? (inAuthority.length === 1 ? inAuthority[0] : undefined);
    if (account !== undefined) return { account };
    return {
      step:
        session.accounts.length === 0
          ? { kind: 'answer-error', error: { code: 50058 } }
          : { kind: 'answer-error', error: { code: 50058 }, oauthError: 'interaction_required' },
    };
  }

  const forceCredentials = flow.prompt === 'login' && !flow.accountPromptDone;
  if (!flow.wantsOtherAccount && !forceCredentials) {
    const mustPick = flow.prompt === 'select_account' && !flow.accountPromptDone;
    if (mustPick && session.accounts.length > 0) {
      return { step: { kind: 'account-picker', accounts: pickerAccounts(env, session.accounts) } };
    }
    if (!mustPick) {
      if (hinted !== undefined) return { account: hinted };
      // domain_hint skips the account picker: only the hinted tenant's accounts are candidates, and with none the
      // sign-in page asks for an email straight away.
      const domainHint = flow.domainHintTenantId;
      const candidates =
        domainHint === undefined ? inAuthority : inAuthority.filter((a) => same(a.tenantId, domainHint));
      if (flow.loginHint === undefined && candidates.length === 1 && candidates[0] !== undefined) {
        return { account: candidates[0] };
      }
      const pickable = domainHint === undefined ? session.accounts : candidates;
      if (flow.loginHint === undefined && pickable.length > 1) {
        return { step: { kind: 'account-picker', accounts: pickerAccounts(env, pickable) } };
      }
    }
  }
  // With login_hint Microsoft skips the username page and asks for the password at once.
  if (
    flow.loginHint !== undefined &&
    !flow.wantsOtherAccount &&
    env.directory.findUserByUpn(flow.loginHint) !== undefined
  ) {
    return { step: { kind: 'password', upn: flow.loginHint } };
  }
  return { step: { kind: 'email', value: flow.wantsOtherAccount ? undefined : flow.loginHint } };
};

/**
 * Decides what a sign-in flow shows or answers next: who signs in (single sign-on, account picker, email and
 * password), whether that account may sign in here (AADSTS50020, the tenant's Conditional Access and MFA knobs), and
 * whether consent is needed (consent page, "Need admin approval").
 */
export const nextStep = (env: StepEnvironment, flow: PendingFlow, session: BrowserSession): Step => {
  const chosen = chooseAccount(env, flow, session);
  if ('step' in chosen) return chosen.step;
  const { account } = chosen;

  const user = env.directory.findUser(account.tenantId, account.userId);
  const accountTenant = env.directory.findTenant(account.tenantId);
  if (user === undefined || accountTenant === undefined) return { kind: 'email' };
  if (flow.authority.kind === 'tenant' && !same(flow.authority.tenant.id, account.tenantId)) {
    return {
      kind: 'error-page',
      useAnotherAccount: true,
      error: {
        code: 50020,
        upn: user.userPrincipalName,
        // Work accounts come from their home tenant's security token service.
        identityProvider: `https://sts.windows.net/${accountTenant.id}/`,
        tenantName: flow.authority.tenant.displayName,
        appId: flow.client.appId,
        appName: flow.client.displayName,
      },
    };
  }
  if (!user.accountEnabled) return { kind: 'error-page', useAnotherAccount: true, error: { code: 50057 } };
  // With organizations or common the app's tenant is known only now (a tenant's own authority checked it earlier).
  const disabled = disabledClientError(env, account.tenantId, flow.client);
  if (disabled !== undefined) return { kind: 'error-page', useAnotherAccount: true, error: disabled };
  const unassigned = unassignedUserError(env, account.tenantId, flow.client, user);
  if (unassigned !== undefined) return { kind: 'error-page', useAnotherAccount: true, error: unassigned };

  const knobs = env.knobs.tenant(account.tenantId);
  // Conditional Access and MFA are evaluated after the user is known, before anything is issued.
  if (knobs.conditionalAccessBlock)
    return { kind: 'answer-error', error: { code: 53003 }, oauthError: 'access_denied' };
  if (knobs.compliantDeviceRequired)
    return { kind: 'answer-error', error: { code: 53000 }, oauthError: 'access_denied' };
  if (knobs.mfaRequired) {
    return {
      kind: 'answer-error',
      error: { code: 50076, resource: flow.request.resource.appId },
      oauthError: 'interaction_required',
    };
  }
  if (knobs.mfaRegistrationRequired) {
    return { kind: 'answer-error', error: { code: 50079 }, oauthError: 'interaction_required' };
  }

  if (flow.kind === 'admin-consent') {
    const needsGraphAppRoles = flow.request.appRoles.some((r) =>
      same(r.resourceAppId, MICROSOFT_GRAPH_APP_ID),
    );
    if (!canConsentForOrganization(env, account, needsGraphAppRoles)) {
      return { kind: 'need-admin-approval', error: { code: 90094, appName: flow.client.displayName } };
    }
    return { kind: 'consent', account, items: adminConsentItems(env, flow), offerOrganizationConsent: false };
  }

  const missing = missingDelegated(env, flow, account);
  const promptConsent = flow.prompt === 'consent' && !flow.consentPromptDone;
  if (missing.length === 0 && !promptConsent) return { kind: 'issue-code', account };
  if (flow.prompt === 'none') {
    return {
      kind: 'answer-error',
      error: { code: 65001, appId: flow.client.appId, appName: flow.client.displayName },
      oauthError: 'consent_required',
    };
  }
  const shown = promptConsent ? flow.request.delegated : missing;
  const items = delegatedItems(env, shown);
  const isAdmin = canConsentForOrganization(env, account, false);
  if (items.some((i) => i.adminOnly) && !isAdmin) {
    return { kind: 'need-admin-approval', error: { code: 90094, appName: flow.client.displayName } };
  }
  return { kind: 'consent', account, items, offerOrganizationConsent: isAdmin };
};
