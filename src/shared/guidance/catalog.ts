import type { CatalogEntry } from './guidance';

const GRAPH_ERRORS = 'https://learn.microsoft.com/graph/errors';

/**
 * Microsoft's page for one AADSTS code. Microsoft keeps the current text of every code there.
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes#lookup-current-error-code-information
 */
export const aadstsLearnMore = (code: string): string =>
  `https://login.microsoftonline.com/error?code=${code}`;

const sign = (code: string, entry: Omit<CatalogEntry, 'learnMore'>): CatalogEntry => ({
  ...entry,
  learnMore: aadstsLearnMore(code),
});

/**
 * Guidance for Microsoft Entra sign-in errors, by AADSTS number. Meanings follow Microsoft's reference
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes); the words are ours, written
 * for a technician onboarding a client.
 */
export const AADSTS_CATALOG: Readonly<Record<string, CatalogEntry>> = {
  '50011': sign('50011', {
    title: 'The reply address is not registered on the app',
    whatHappened:
      'Microsoft refused to send the result back because the address it was asked to return to (the redirect URI) is not one of those registered on the app.',
    whatToDo: [
      'During sign-in: in your MSP’s tenant, open the tool’s sign-in app registration and add http://localhost under “Mobile and desktop applications” (see docs/sign-in-app.md).',
      'On the admin-consent page: add the profile’s admin-consent redirect URI to the target app’s registration, or correct the URI in the profile.',
    ],
    whoCanFix: 'msp-app-owner',
    retryable: false,
  }),
  '50020': sign('50020', {
    title: 'This account cannot sign in to the client’s tenant',
    whatHappened:
      'The account you used belongs to another organization, or is a personal Microsoft account, and is neither a member nor a guest of the client’s tenant.',
    whatToDo: [
      'Sign in again with an administrator account of the client’s own tenant (for example admin@contoso.onmicrosoft.com).',
      'Check that the client shown in the tool is the one you meant to onboard.',
    ],
    whoCanFix: 'technician',
    retryable: false,
  }),
  '50034': sign('50034', {
    title: 'The account does not exist in the client’s tenant',
    whatHappened: 'Microsoft found no account with this user name in the client’s tenant.',
    whatToDo: [
      'Check the spelling of the user name.',
      'Use an administrator account of the client’s tenant, not one from your MSP’s tenant.',
    ],
    whoCanFix: 'technician',
    retryable: false,
  }),
  '50076': sign('50076', {
    title: 'Multifactor authentication is required',
    whatHappened:
      'The client’s policy requires this account to complete multifactor authentication, and this sign-in did not include it (often after a policy change or from a new location).',
    whatToDo: [
      'Sign in again and complete the multifactor prompt.',
      'If no prompt appears, close the sign-in window and start signing in again.',
    ],
    whoCanFix: 'technician',
    retryable: true,
  }),
  '50079': sign('50079', {
    title: 'The account must set up multifactor authentication first',
    whatHappened:
      'The client requires this account to register a multifactor authentication method before it can sign in.',
    whatToDo: [
      'Sign in again and follow Microsoft’s prompts to register a method (Microsoft Authenticator or a phone).',
      'If the account’s owner is not with you, ask the client’s administrator to complete the registration or to provide another administrator account.',
    ],
    whoCanFix: 'client-administrator',
    retryable: false,
  }),
  '50105': sign('50105', {
    title: 'This account is not assigned to the sign-in app',
    whatHappened:
      'In the client’s tenant, the tool’s sign-in app requires assignment (“Assignment required?” is Yes on its enterprise application), and this account is neither assigned to it nor a member of an assigned group.',
    whatToDo: [
      'Ask the client’s administrator to open Microsoft Entra admin center › Enterprise applications › the sign-in app › Users and groups, and assign this administrator account (or a group it belongs to directly).',
      'Or sign in with another administrator account that is assigned.',
    ],
    whoCanFix: 'client-administrator',
    retryable: false,
  }),
  '50126': sign('50126', {
    title: 'Wrong user name or password',
    whatHappened: 'Microsoft did not accept the password for this account.',
    whatToDo: [
      'Sign in again and check the password.',
      'If the account is locked or the password expired, ask the client to reset it.',
    ],
    whoCanFix: 'technician',
    retryable: false,
  }),
  '53000': sign('53000', {
    title: 'The client requires a compliant device',
    whatHappened:
      'A Conditional Access policy in the client’s tenant allows this sign-in only from a device their device management (such as Intune) marks as compliant, and this computer is not one.',
    whatToDo: [
      'Sign in from a device the client manages and marks as compliant.',
      'Or ask the client’s administrator to exclude this administrator account or the tool’s sign-in app from the policy for the time of the onboarding; the sign-in logs, searched by the correlation ID below, name the policy.',
    ],
    whoCanFix: 'client-administrator',
    retryable: false,
  }),
  '53003': sign('53003', {
    title: 'Blocked by the client’s Conditional Access',
    whatHappened:
      'A Conditional Access policy in the client’s tenant blocked this sign-in, for example because of the location, the device, or the app being used.',
    whatToDo: [
      'Ask the client’s administrator to open the Microsoft Entra sign-in logs and search for the correlation ID below: the entry names the policy that blocked the sign-in.',
      'Sign in from a location or device the policy allows, or have the administrator exclude this administrator account or the tool’s sign-in app for the time of the onboarding.',
    ],
    whoCanFix: 'client-administrator',
    retryable: false,
  }),
  '65001': sign('65001', {
    title: 'Consent has not been given yet',
    whatHappened:
      'The app asked for permissions that nobody in the client’s tenant has consented to, and the request could not show a consent prompt.',
    whatToDo: [
      'Sign in again interactively as the client’s administrator and accept the permissions the tool asks for.',
      'If the client blocks user consent, the administrator must accept on behalf of the organization.',
    ],
    whoCanFix: 'technician',
    retryable: false,
  }),
  '65004': sign('65004', {
    title: 'Consent was declined',
    whatHappened: 'Cancel was chosen on Microsoft’s permission request page, so Microsoft granted nothing.',
    whatToDo: [
      'If it was a mistake, start again and choose Accept.',
      'If the client’s administrator declined on purpose, go through the plan with them (it lists every permission and why) before trying again.',
    ],
    whoCanFix: 'technician',
    retryable: false,
  }),
  '90002': sign('90002', {
    title: 'No tenant found for this client',
    whatHappened:
      'Microsoft found no tenant for this domain or tenant ID in this cloud. The domain may be misspelt or not yet added to the client’s Microsoft 365, the tenant may have been deleted, or it may live in another cloud.',
    whatToDo: [
      'Check the spelling, or use the client’s onmicrosoft.com domain or its tenant ID.',
      'Ask the client which Microsoft 365 environment they use: US Government (GCC High, DoD) and China tenants exist only in their own cloud.',
    ],
    whoCanFix: 'technician',
    retryable: false,
  }),
  '90072': sign('90072', {
    title: 'This account is not in the client’s tenant',
    whatHappened:
      'The account you signed in with comes from another organization and has no access to the client’s tenant.',
    whatToDo: ['Sign in again with an administrator account of the client’s own tenant.'],
    whoCanFix: 'technician',
    retryable: false,
  }),
  '90094': sign('90094', {
    title: 'An administrator must grant these permissions',
    whatHappened:
      'The signed-in account may not consent to these permissions for the organization: that takes an administrator with an active Global Administrator or Privileged Role Administrator role.',
    whatToDo: [
      'Sign in with an account that holds an active Global Administrator or Privileged Role Administrator role.',
      'If the role is only eligible in Privileged Identity Management, activate it in the Microsoft Entra admin center (My roles), then sign in again.',
    ],
    whoCanFix: 'client-administrator',
    retryable: false,
  }),
  '500011': sign('500011', {
    title: 'A service is missing from the client’s tenant',
    whatHappened:
      'The service (API) a token was asked for has no enterprise application in the client’s tenant, so Microsoft cannot issue a token for it. This happens with services the tenant has never used, or when a request goes to the wrong tenant. (Admin consent to such a service fails with AADSTS650052 instead.)',
    whatToDo: [
      'Use the “Direct grant” strategy: it creates the missing enterprise applications before granting.',
      'Check that the tenant shown in the tool is the client’s.',
    ],
    whoCanFix: 'technician',
    retryable: false,
  }),
  '650051': sign('650051', {
    title: 'The app’s enterprise application is already there, or still being removed',
    whatHappened:
      'Microsoft could not create the app’s service principal (its enterprise application) in the client’s tenant because one with the same application ID already exists, or was deleted moments ago and is still being removed.',
    whatToDo: [
      'If the enterprise application was just deleted, wait about 15 minutes and try again.',
      'Otherwise use the “Direct grant” strategy: it keeps the existing enterprise application and adds only what is missing.',
    ],
    whoCanFix: 'wait-and-retry',
    retryable: true,
  }),
  '650052': sign('650052', {
    title: 'The client’s tenant lacks a service the app needs',
    whatHappened:
      'Admin consent asked for permissions of a Microsoft service (such as Microsoft Teams) that has no enterprise application in the client’s tenant, and Microsoft’s consent page does not create it, so nothing was granted.',
    whatToDo: [
      'Use the “Direct grant” strategy: it creates the missing enterprise applications first, then grants.',
      'Or have the client’s administrator enable the service (its license or subscription) and consent again.',
    ],
    whoCanFix: 'technician',
    retryable: false,
  }),
  '700016': sign('700016', {
    title: 'The app is not available to the client’s tenant',
    whatHappened:
      'Microsoft found no app with this application ID for the client’s tenant. The ID may be wrong, the app may be registered for its own organization only (single-tenant), or it may be registered in another cloud.',
    whatToDo: [
      'Check the application ID in the profile against the app’s registration in your MSP’s tenant.',
      'Have the app’s owner set “Supported account types” to accounts in any organizational directory (multi-tenant).',
      'For a client in US Government or China, the app must be registered in that cloud as well.',
    ],
    whoCanFix: 'msp-app-owner',
    retryable: false,
  }),
  '700082': sign('700082', {
    title: 'The sign-in has expired',
    whatHappened:
      'The sign-in was kept too long without being used (refresh tokens expire after 90 days of inactivity), so Microsoft asks for a new sign-in.',
    whatToDo: ['Sign in again; the run continues where it stopped.'],
    whoCanFix: 'technician',
    retryable: false,
  }),
  '900144': sign('900144', {
    title: 'The sign-in request was incomplete',
    whatHappened:
      'Microsoft rejected the request because a required parameter was missing (the message below names it). This is a configuration problem of the tool or its sign-in app, not of the client.',
    whatToDo: [
      'Check that the sign-in app’s client ID is configured (see docs/sign-in-app.md).',
      'If it persists, send the details below to the tool’s maintainers.',
    ],
    whoCanFix: 'msp-app-owner',
    retryable: false,
  }),
  '7000215': sign('7000215', {
    title: 'An invalid client secret was sent',
    whatHappened:
      'The app presented a client secret Microsoft did not accept: expired, deleted, or the secret’s ID given in place of its value. This tool signs in as a public client and never sends a secret, so its sign-in app is probably registered as a web (confidential) app.',
    whatToDo: [
      'In the sign-in app’s registration, register the redirect URI under “Mobile and desktop applications” and set “Allow public client flows” to Yes (see docs/sign-in-app.md).',
    ],
    whoCanFix: 'msp-app-owner',
    retryable: false,
  }),
  '7000218': sign('7000218', {
    title: 'The sign-in app is not set up as a public client',
    whatHappened:
      'Microsoft expected a client secret or certificate because the tool’s sign-in app is registered as a web (confidential) app, but this tool signs in as a desktop (public) client.',
    whatToDo: [
      'In the sign-in app’s registration, set “Allow public client flows” to Yes and register http://localhost under “Mobile and desktop applications” (see docs/sign-in-app.md).',
    ],
    whoCanFix: 'msp-app-owner',
    retryable: false,
  }),
};

/**
 * Guidance for OAuth errors that come without an AADSTS code, by their `error` value (RFC 6749 section
 * 4.1.2.1), such as a consent page closed with Cancel.
 */
export const OAUTH_ERROR_CATALOG: Readonly<Record<string, CatalogEntry>> = {
  access_denied: {
    title: 'Sign-in or consent was cancelled',
    whatHappened:
      'The sign-in or the consent page was closed or cancelled before it finished, so nothing was granted.',
    whatToDo: ['Start again and complete the sign-in; choose Accept on the permission page.'],
    whoCanFix: 'technician',
    retryable: false,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/v2-admin-consent#unsuccessful-response',
  },
  temporarily_unavailable: {
    title: 'Microsoft’s sign-in service is busy',
    whatHappened: 'Microsoft’s sign-in service could not handle the request right now.',
    whatToDo: ['Wait a minute and try again.'],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
  },
  server_error: {
    title: 'Microsoft’s sign-in service failed',
    whatHappened: 'Microsoft’s sign-in service hit an error of its own.',
    whatToDo: ['Wait a minute and try again. If it persists, check the Microsoft 365 service health page.'],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
  },
};

/**
 * Guidance for Microsoft Graph errors, keyed `status:code` for a specific error code and `status` for any
 * error of that status. Meanings follow https://learn.microsoft.com/graph/errors; the words are ours.
 */
export const GRAPH_CATALOG: Readonly<Record<string, CatalogEntry>> = {
  '401': {
    title: 'Microsoft Graph did not accept the sign-in',
    whatHappened:
      'The sign-in token was missing, expired, or issued for another tenant or cloud, so Microsoft Graph refused the request.',
    whatToDo: [
      'Sign in again. The tool keeps the sign-in only for the duration of a run.',
      'If it happens right after signing in, check that the client’s cloud shown in the tool is right.',
    ],
    whoCanFix: 'technician',
    retryable: false,
    learnMore: GRAPH_ERRORS,
  },
  '403:Authorization_RequestDenied': {
    title: 'Not enough privileges in the client’s tenant',
    whatHappened:
      'Microsoft Graph refused the change: the signed-in account lacks the rights for it. Usually its administrator role is not active (only eligible in Privileged Identity Management), the role was activated after signing in, or an enterprise application had to be created, which a Privileged Role Administrator alone may not do where the client stops users creating them.',
    whatToDo: [
      'Make sure the account holds an active Global Administrator role, or Privileged Role Administrator together with Cloud Application Administrator or Application Administrator when an enterprise application must be created; activate an eligible role in the Microsoft Entra admin center (My roles).',
      'Sign in again after activating, so the new role is part of the sign-in.',
    ],
    whoCanFix: 'client-administrator',
    retryable: false,
    learnMore: GRAPH_ERRORS,
  },
  '403': {
    title: 'Access denied by Microsoft Graph',
    whatHappened:
      'Microsoft Graph refused the request: the signed-in account or the tool lacks a permission, a license, or a Conditional Access requirement.',
    whatToDo: [
      'Check that the account holds an active Global Administrator or Privileged Role Administrator role, then sign in again.',
      'Give the details below to your MSP’s administrator if it persists.',
    ],
    whoCanFix: 'client-administrator',
    retryable: false,
    learnMore: GRAPH_ERRORS,
  },
  '404:Request_ResourceNotFound': {
    title: 'Not found in the client’s tenant',
    whatHappened:
      'The object asked for (an app, an enterprise application, a grant) does not exist in the client’s tenant, or was created moments ago and has not reached every Microsoft server yet.',
    whatToDo: [
      'If the tool has just created it, wait: Microsoft replicates changes within a minute or two and the tool checks again.',
      'If it is the target app that is missing, check its application ID in the profile and that the app is multi-tenant.',
    ],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: GRAPH_ERRORS,
  },
  '404': {
    title: 'Not found',
    whatHappened: 'Microsoft Graph found nothing at the requested address in the client’s tenant.',
    whatToDo: ['If the tool has just created the object, wait a minute: the tool checks again.'],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: GRAPH_ERRORS,
  },
  '409:Directory_ConcurrencyViolation': {
    title: 'Another change to the same object was in progress',
    whatHappened: 'Microsoft Graph was still applying another change to the same object.',
    whatToDo: ['Nothing: the tool waits briefly and tries again.'],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: GRAPH_ERRORS,
  },
  '409': {
    title: 'Already there',
    whatHappened:
      'The object or assignment already exists in the client’s tenant, made by an earlier run or by another administrator.',
    whatToDo: ['Nothing: the tool reads the tenant’s current state and verification shows the result.'],
    whoCanFix: 'nothing-to-fix',
    retryable: false,
    learnMore: GRAPH_ERRORS,
  },
  '424': {
    title: 'Not written: the change it depended on failed',
    whatHappened:
      'Microsoft Graph did not run this change because the change it depends on (for example, creating the app’s enterprise application) failed first (424 Failed Dependency). The tool does not send it again on its own, so nothing was written for it.',
    whatToDo: [
      'Fix what made the change it depends on fail (shown on that change), then run the grant again: the tool reads the tenant afresh and writes only what is missing.',
    ],
    whoCanFix: 'technician',
    retryable: false,
    learnMore:
      'https://learn.microsoft.com/graph/json-batching#sequencing-requests-with-the-dependson-property',
  },
  '429': {
    title: 'Microsoft Graph asked the tool to slow down',
    whatHappened:
      'Too many requests reached the client’s tenant in a short time (from this tool or others working in it), so Microsoft Graph is throttling.',
    whatToDo: [
      'Nothing: the tool waits as long as Microsoft asks (Retry-After) and carries on.',
      'If it keeps happening, pause other tools working in the same tenant.',
    ],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/graph/throttling',
  },
  '503': {
    title: 'Microsoft Graph is temporarily unavailable',
    whatHappened: 'Microsoft Graph is overloaded or under maintenance.',
    whatToDo: [
      'Nothing: the tool waits as long as Microsoft asks and tries again.',
      'If it lasts, check the Microsoft 365 service health page, then resume the run later; nothing is lost.',
    ],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: GRAPH_ERRORS,
  },
  '500': {
    title: 'Microsoft Graph failed',
    whatHappened: 'Microsoft Graph hit an error of its own.',
    whatToDo: ['Try again in a minute; the run resumes where it stopped.'],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: GRAPH_ERRORS,
  },
  '502': {
    title: 'Microsoft Graph failed',
    whatHappened: 'A Microsoft gateway could not reach Microsoft Graph.',
    whatToDo: ['Try again in a minute; the run resumes where it stopped.'],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: GRAPH_ERRORS,
  },
  '504': {
    title: 'Microsoft Graph took too long',
    whatHappened: 'Microsoft Graph did not answer in time. The change may or may not have been applied.',
    whatToDo: ['Try again: the tool reads the tenant’s state first, so nothing is applied twice.'],
    whoCanFix: 'wait-and-retry',
    retryable: true,
    learnMore: GRAPH_ERRORS,
  },
};

/** The entries used when the code is not in the catalog: honest, with the raw code kept for support. */
export const UNKNOWN_ENTRIES: Readonly<Record<'sign-in' | 'redirect' | 'graph' | 'network', CatalogEntry>> = {
  'sign-in': {
    title: 'Sign-in failed',
    whatHappened: 'Microsoft’s sign-in service returned an error this tool has no specific advice for.',
    whatToDo: [
      'Read Microsoft’s message below; Microsoft’s page for the code (Learn more) explains it.',
      'Try signing in again; if it fails the same way, give the details below to your MSP’s administrator.',
    ],
    whoCanFix: 'technician',
    retryable: false,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
  },
  redirect: {
    title: 'Microsoft’s page returned an error',
    whatHappened:
      'Microsoft’s sign-in or consent page sent back an error this tool has no specific advice for.',
    whatToDo: [
      'Read Microsoft’s message below.',
      'Try again; if it fails the same way, give the details below to your MSP’s administrator.',
    ],
    whoCanFix: 'technician',
    retryable: false,
    learnMore: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
  },
  graph: {
    title: 'Microsoft Graph refused the request',
    whatHappened: 'Microsoft Graph returned an error this tool has no specific advice for.',
    whatToDo: [
      'Read Microsoft’s message below.',
      'Verify the run to see what the tenant holds now; give the details below to your MSP’s administrator if it persists.',
    ],
    whoCanFix: 'technician',
    retryable: false,
    learnMore: GRAPH_ERRORS,
  },
  network: {
    title: 'The connection to Microsoft was lost',
    whatHappened:
      'No answer came back from Microsoft: the network dropped, a proxy or firewall interfered, or the request timed out. A change sent just before may or may not have been applied.',
    whatToDo: [
      'Check this computer’s internet connection, then resume the run: the tool reads the tenant’s state first, so nothing is applied twice.',
    ],
    whoCanFix: 'technician',
    retryable: true,
    learnMore: 'https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors',
  },
};

/**
 * Microsoft Graph answered, but in a shape this version of the tool does not understand (a `null` where it expects
 * a value, a property of another type). Not a lost connection: the answer came, and its request ID locates it.
 */
export const UNEXPECTED_ANSWER_ENTRY: CatalogEntry = {
  title: 'Microsoft answered in a way this version does not understand',
  whatHappened:
    'Microsoft Graph answered, but its answer holds something this version of the tool does not expect (an empty value where it expects one, or a value of another kind). The connection is fine, and the run stopped there: a change sent in the same request may or may not have been applied.',
  whatToDo: [
    'Resume the run: the tool reads the tenant’s state first, so nothing is applied twice, and an answer that was a one-off passes.',
    'If it stops the same way, update the tool to its latest version, or send the request ID below to its maintainers.',
  ],
  whoCanFix: 'technician',
  retryable: false,
  learnMore: 'https://learn.microsoft.com/graph/api/overview?view=graph-rest-1.0',
};
