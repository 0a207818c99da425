import type { Cloud } from '../cloud/cloud';
import { SIGN_IN_APP_CLOUD_NAMES, signInAppCloudOf } from '../cloud/sign-in-app';
import { buildGuidance } from './build-guidance';
import type { CatalogEntry, Guidance } from './guidance';

const PIM_DOCS =
  'https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-activate-role';
const ROLES_DOCS =
  'https://learn.microsoft.com/graph/permissions-reference#role-based-access-control-for-application-permissions';
const CONSENT_DOCS = 'https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent';

/**
 * What the run itself reports, in the same shape as Microsoft's errors: stops the tool decides on (guards,
 * timeouts, the technician's cancel), with the same plain guidance a technician can act on.
 */
export const RUN_CATALOG = {
  'sign-in-cancelled': {
    title: 'Sign-in cancelled',
    whatHappened:
      'The sign-in was cancelled before it finished. Nothing was read from or written to the tenant.',
    whatToDo: ['Sign in again when the client’s administrator is ready.'],
    whoCanFix: 'technician',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow',
  },
  'sign-in-app-missing': {
    title: 'No sign-in app for the client’s cloud',
    whatHappened:
      'The client’s tenant is in a Microsoft cloud for which no sign-in app client ID is configured. Each cloud (Global, US Government, China) needs its own registration of the sign-in app; Microsoft does not know an app of another cloud (AADSTS700016). Nothing was opened or written.',
    whatToDo: [
      'Register the sign-in app in the client’s cloud as described in docs/sign-in-app.md (US Government: portal.azure.us; China: portal.azure.cn).',
      'Enter its application (client) ID for that cloud in Settings › Sign-in app, then run the checks again.',
    ],
    whoCanFix: 'msp-app-owner',
    retryable: false,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud',
  },
  'sign-in-window-closed': {
    title: 'The sign-in window was closed',
    whatHappened:
      'The sign-in window was closed before Microsoft sent the administrator back. Nothing was granted.',
    whatToDo: ['Sign in again and complete every page, including the permission page if one is shown.'],
    whoCanFix: 'technician',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow',
  },
  'sign-in-timed-out': {
    title: 'Sign-in took too long',
    whatHappened:
      'The sign-in was not completed within the time allowed, so the tool stopped waiting. Nothing was written to the tenant.',
    whatToDo: ['Sign in again; have the administrator’s password and second factor ready before you start.'],
    whoCanFix: 'technician',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow',
  },
  'sign-in-page-failed': {
    title: 'Microsoft’s sign-in page did not load',
    whatHappened:
      'The sign-in window could not load Microsoft’s page (network, proxy or certificate problem).',
    whatToDo: [
      'Check this computer’s internet connection and any proxy, then sign in again.',
      'If the client’s network filters traffic, sign in over another connection.',
    ],
    whoCanFix: 'technician',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/howto-configure-proxy-authentication',
  },
  'wrong-tenant': {
    title: 'Signed in to the wrong tenant',
    whatHappened: 'The account that signed in belongs to another organization than the client you entered.',
    whatToDo: [
      'Sign in again with “Use another account” and choose an administrator of the client’s own tenant.',
      'If you entered the wrong client, go back to the Client step.',
    ],
    whoCanFix: 'technician',
    retryable: false,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference',
  },
  'role-missing': {
    title: 'The account is not an administrator',
    whatHappened:
      'Granting Microsoft Graph application permissions needs an active Global Administrator or Privileged Role Administrator role, and this account holds neither.',
    whatToDo: [
      'Sign in again as a Global Administrator of the client’s tenant.',
      'Or ask the client to assign the Privileged Role Administrator role to this account.',
    ],
    whoCanFix: 'client-administrator',
    retryable: false,
    learnMore: ROLES_DOCS,
  },
  'role-eligible-only': {
    title: 'The administrator role is not active',
    whatHappened:
      'This account is eligible for an administrator role through Privileged Identity Management (PIM), but the role is not active now, so Microsoft would refuse the grants.',
    whatToDo: [
      'In the Microsoft Entra admin center, open Identity governance › Privileged Identity Management › My roles, and Activate the eligible role (with the justification your client requires).',
      'Wait a minute for the activation to take effect, then sign in again here (choose “login” so a fresh token carries the role).',
    ],
    whoCanFix: 'client-administrator',
    retryable: true,
    learnMore: PIM_DOCS,
  },
  'target-app-unknown': {
    title: 'The app to onboard was not found',
    whatHappened:
      'Microsoft does not know an app with this application ID as a multi-tenant app: it does not exist, was deleted, or is registered for its own organization only.',
    whatToDo: [
      'Check the application ID in the permission profile against the app’s registration at your MSP.',
      'In that registration, set Supported account types to “Accounts in any organizational directory (multitenant)”.',
    ],
    whoCanFix: 'msp-app-owner',
    retryable: false,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/howto-convert-app-to-be-multi-tenant',
  },
  'replication-pending': {
    title: 'Microsoft has not finished applying the changes',
    whatHappened:
      'The changes were accepted, but Microsoft Entra ID replicates them with a delay and they are not all visible yet.',
    whatToDo: ['Verify again in a minute; if a permission is still missing after that, use Repair.'],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/graph/known-issues',
  },
  'writes-refused': {
    title: 'Microsoft Graph refused a change',
    whatHappened:
      'Microsoft Graph answered a write of the plan with an error, so the grant stopped there. Writes it accepted before stay in place; the journal lists each one with its request ID.',
    whatToDo: [
      'Read the refused write in the Grant consent step (or the report) and follow the advice for its error.',
      'Then review the plan again: it shows only what is still missing, so nothing is written twice.',
    ],
    whoCanFix: 'technician',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/graph/errors',
  },
  'plan-changed': {
    title: 'The tenant changed since the plan was shown',
    whatHappened:
      'Just before writing, the tenant was read again and no longer matches the plan you confirmed: someone or something changed the app’s permissions meanwhile. Nothing was written.',
    whatToDo: ['Review the new plan, which reflects the tenant as it is now, and confirm it if it is right.'],
    whoCanFix: 'technician',
    retryable: true,
    learnMore: CONSENT_DOCS,
  },
  'token-renewal-failed': {
    title: 'The sign-in could not be renewed',
    whatHappened:
      'The administrator’s access token ran out or was refused, and Microsoft did not renew it (the session was revoked, the password changed, or a policy now asks for a new sign-in). Nothing more was sent to the tenant.',
    whatToDo: [
      'Sign in again as the client’s administrator; the run continues where it stopped and writes nothing twice.',
    ],
    whoCanFix: 'technician',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/refresh-tokens',
  },
  'consent-not-granted': {
    title: 'Admin consent was not granted',
    whatHappened: 'Microsoft’s admin-consent page returned without granting consent.',
    whatToDo: [
      'Open the consent page again and choose Accept, as a Global Administrator of the client’s tenant.',
    ],
    whoCanFix: 'technician',
    retryable: true,
    learnMore: CONSENT_DOCS,
  },
} as const satisfies Readonly<Record<string, CatalogEntry>>;

/** A stop the run itself decides on. */
export type RunGuidanceKey = keyof typeof RUN_CATALOG;

/** Guidance for a stop the run decides on, with the specific sentence (`rawMessage`) for this case. */
export const runGuidance = (key: RunGuidanceKey, message: string): Guidance =>
  buildGuidance(`run:${key}`, true, RUN_CATALOG[key], {
    source: 'run',
    code: key,
    httpStatus: null,
    rawMessage: message,
    retryAfterSeconds: null,
    support: {},
  });

/** The stop of a run whose client's cloud has no sign-in app client ID configured. */
export const missingSignInAppGuidance = (cloud: Pick<Cloud, 'id' | 'displayName'>): Guidance => {
  const appCloud = signInAppCloudOf(cloud.id);
  const named = appCloud === 'practice' ? cloud.displayName : SIGN_IN_APP_CLOUD_NAMES[appCloud];
  return runGuidance(
    'sign-in-app-missing',
    `The client’s tenant is in ${cloud.displayName}, and no sign-in app client ID is configured for ${named}.`,
  );
};
