import { randomUUID } from 'node:crypto';

/**
 * The AADSTS errors the practice tenant raises, each with the OAuth `error` value it travels with and Microsoft's
 * message. Messages follow https://learn.microsoft.com/entra/identity-platform/reference-error-codes.
 */
export type AadstsError =
  | { readonly code: 50011; readonly redirectUri: string; readonly appId: string }
  | {
      readonly code: 50020;
      readonly upn: string;
      /** The account's identity provider: `https://sts.windows.net/{tenant ID}/` for a work account. */
      readonly identityProvider: string;
      readonly tenantName: string;
      readonly appId: string;
      readonly appName: string;
    }
  | { readonly code: 50034; readonly upn: string; readonly tenantName: string }
  | { readonly code: 50057 }
  | { readonly code: 50058 }
  | { readonly code: 50076; readonly resource: string }
  | { readonly code: 50079 }
  | {
      readonly code: 50105;
      readonly appId: string;
      readonly appName: string;
      readonly upn: string;
    }
  | { readonly code: 50126 }
  | { readonly code: 50148 }
  | { readonly code: 53000 }
  | { readonly code: 53003 }
  | { readonly code: 54005 }
  | { readonly code: 65001; readonly appId: string; readonly appName: string }
  | { readonly code: 65004 }
  | {
      readonly code: 650052;
      /** The service as the message names it: its resource identifier, e.g. `https://api.spaces.skype.com`. */
      readonly resource: string;
      readonly tenantName: string;
    }
  | { readonly code: 70003; readonly grantType: string }
  | { readonly code: 70008 }
  | { readonly code: 70011; readonly detail: string }
  | { readonly code: 70000; readonly detail: string }
  | { readonly code: 90002; readonly tenant: string }
  | { readonly code: 90094; readonly appName: string }
  | { readonly code: 500112; readonly sent: string; readonly expected: string }
  | { readonly code: 500011; readonly resource: string; readonly tenantName: string }
  | { readonly code: 28000; readonly scope: string }
  | {
      readonly code: 650053;
      readonly appName: string;
      readonly scope: string;
      readonly resourceAppId: string;
    }
  | { readonly code: 700016; readonly appId: string; readonly tenantName: string }
  | { readonly code: 700054; readonly responseType: string }
  | { readonly code: 9002325; readonly detail: string }
  | { readonly code: 501491 }
  | { readonly code: 700082 }
  | { readonly code: 7000218 }
  | { readonly code: 7000112; readonly appId: string; readonly appName: string }
  | { readonly code: 900144; readonly parameter: string }
  | { readonly code: 9002313 };

/** The OAuth 2.0 `error` value and message of an AADSTS error. */
export const describeAadsts = (
  e: AadstsError,
): { readonly error: string; readonly message: string; readonly suberror?: string } => {
  switch (e.code) {
    case 50011:
      return {
        error: 'invalid_request',
        message: `The redirect URI '${e.redirectUri}' specified in the request does not match the redirect URIs configured for the application '${e.appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
      };
    case 50020:
      return {
        error: 'invalid_request',
        message: `User account '${e.upn}' from identity provider '${e.identityProvider}' does not exist in tenant '${e.tenantName}' and cannot access the application '${e.appId}'(${e.appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
      };
    case 50034:
      return {
        error: 'invalid_request',
        message: `The user account ${e.upn} does not exist in the ${e.tenantName} directory. To sign into this application, the account must be added to the directory.`,
      };
    case 50057:
      return { error: 'invalid_grant', message: 'The user account is disabled.' };
    case 50058:
      return {
        error: 'login_required',
        message: 'A silent sign-in request was sent but no user is signed in.',
      };
    case 50076:
      return {
        error: 'invalid_grant',
        suberror: 'basic_action',
        message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${e.resource}'.`,
      };
    case 50079:
      // UserStrongAuthEnrollmentRequired, in the words of Microsoft's reference.
      return {
        error: 'invalid_grant',
        suberror: 'basic_action',
        message:
          'Due to a configuration change made by the admin such as a Conditional Access policy, per-user enforcement, or because the user moved to a new location, the user is required to use multifactor authentication. Either a managed user needs to register security info to complete multifactor authentication, or a federated user needs to get the multifactor claim from the federated identity provider.',
      };
    case 50105:
      // EntitlementGrantsNotFound, as the sign-in page shows it:
      // https://learn.microsoft.com/troubleshoot/entra/entra-id/app-integration/error-code-aadsts50105-user-not-assigned-role
      return {
        error: 'invalid_grant',
        message: `Your administrator has configured the application ${e.appName} ('${e.appId}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '${e.upn}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.`,
      };
    case 50126:
      return {
        error: 'invalid_grant',
        message: 'Error validating credentials due to invalid username or password.',
      };
    case 50148:
      return {
        error: 'invalid_grant',
        message:
          'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
      };
    case 53000:
      // DeviceNotCompliant, in the words of Microsoft's reference.
      return {
        error: 'interaction_required',
        message:
          "Conditional Access policy requires a compliant device, and the device isn't compliant. The user must enroll their device with an approved MDM provider like Intune.",
      };
    case 53003:
      return {
        error: 'interaction_required',
        suberror: 'message_only',
        message:
          'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
      };
    case 54005:
      return {
        error: 'invalid_grant',
        message:
          'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      };
    case 65001:
      return {
        error: 'invalid_grant',
        suberror: 'consent_required',
        message: `The user or administrator has not consented to use the application with ID '${e.appId}' named '${e.appName}'. Send an interactive authorization request for this user and resource.`,
      };
    case 65004:
      return { error: 'access_denied', message: 'User declined to consent to access the app.' };
    case 650052:
      // The documented text, with the service and the organization in double quotes as it shows them.
      return {
        error: 'invalid_client',
        message: `The app needs access to a service ("${e.resource}") that your organization "${e.tenantName}" has not subscribed to or enabled. Contact your IT Admin to review the configuration of your service subscriptions.`,
      };
    case 70003:
      return {
        error: 'unsupported_grant_type',
        message: `The app requested an unsupported grant type '${e.grantType}'.`,
      };
    case 70008:
      return {
        error: 'invalid_grant',
        message:
          'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      };
    case 70011:
      return {
        error: 'invalid_scope',
        message: `The provided value for the input parameter 'scope' is not valid. ${e.detail}`,
      };
    case 70000:
      return { error: 'invalid_grant', message: `Provided grant is invalid or malformed. ${e.detail}` };
    case 90002:
      return {
        error: 'invalid_tenant',
        message: `Tenant '${e.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
      };
    case 90094:
      return {
        error: 'access_denied',
        message: `${e.appName} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.`,
      };
    case 500112:
      return {
        error: 'invalid_grant',
        message: `The reply address '${e.sent}' does not match the reply address '${e.expected}' provided when requesting Authorization code.`,
      };
    case 500011:
      return {
        error: 'invalid_resource',
        message: `The resource principal named ${e.resource} was not found in the tenant named ${e.tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      };
    case 28000:
      return {
        error: 'invalid_scope',
        message: `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${e.scope} is not valid.`,
      };
    case 650053:
      return {
        error: 'invalid_client',
        message: `The application '${e.appName}' asked for scope '${e.scope}' that doesn't exist on the resource '${e.resourceAppId}'. Contact the app vendor.`,
      };
    case 700016:
      return {
        error: 'unauthorized_client',
        message: `Application with identifier '${e.appId}' was not found in the directory '${e.tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      };
    case 700054:
      return {
        error: 'unsupported_response_type',
        message: `response_type '${e.responseType}' is not enabled for the application.`,
      };
    case 9002325:
      return { error: 'invalid_request', message: `Proof Key for Code Exchange is required. ${e.detail}` };
    case 501491:
      return { error: 'invalid_request', message: 'Invalid size of Code_Challenge parameter.' };
    case 700082:
      return {
        error: 'invalid_grant',
        message:
          'The refresh token has expired due to inactivity. The token was issued on a date and was inactive for 90 days.',
      };
    case 7000112:
      // UnauthorizedClientApplicationDisabled; the app is named as the identity platform names it in the message.
      return {
        error: 'unauthorized_client',
        message: `Application '${e.appId}'(${e.appName}) is disabled.`,
      };
    case 7000218:
      return {
        error: 'invalid_client',
        message:
          "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      };
    case 900144:
      return {
        error: 'invalid_request',
        message: `The request body must contain the following parameter: '${e.parameter}'.`,
      };
    case 9002313:
      return { error: 'invalid_grant', message: 'Invalid request. Request is malformed or invalid.' };
  }
};

/** The identifiers Microsoft attaches to every error, for support. */
export interface ErrorTrace {
  readonly traceId: string;
  readonly correlationId: string;
  /** `YYYY-MM-DD hh:mm:ssZ`, as Microsoft writes it. */
  readonly timestamp: string;
}

/** A fresh trace for an error at `now`, reusing the client's `client-request-id` as correlation ID when sent. */
export const createErrorTrace = (now: number, clientRequestId?: string): ErrorTrace => ({
  traceId: randomUUID(),
  correlationId: clientRequestId !== undefined && clientRequestId !== '' ? clientRequestId : randomUUID(),
  timestamp: `${new Date(now).toISOString().slice(0, 19).replace('T', ' ')}Z`,
});

/**
 * `error_description` as Microsoft writes it: the AADSTS code and message, then the trace, each on its own line.
 *
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes#handling-error-codes-in-your-application
 */
export const aadstsDescription = (e: AadstsError, trace: ErrorTrace): string =>
  `AADSTS${e.code}: ${describeAadsts(e).message}\r\nTrace ID: ${trace.traceId}\r\nCorrelation ID: ${trace.correlationId}\r\nTimestamp: ${trace.timestamp}`;

/** The JSON body of an error from the token or discovery endpoints. */
export interface AadstsErrorBody {
  readonly error: string;
  readonly error_description: string;
  readonly error_codes: readonly number[];
  readonly timestamp: string;
  readonly trace_id: string;
  readonly correlation_id: string;
  readonly error_uri: string;
  readonly suberror?: string;
}

/** The JSON error body Microsoft's token endpoint sends (HTTP 400 or 401). */
export const aadstsErrorBody = (
  e: AadstsError,
  trace: ErrorTrace,
  authorityOrigin: string,
): AadstsErrorBody => {
  const { error, suberror } = describeAadsts(e);
  return {
    error,
    error_description: aadstsDescription(e, trace),
    error_codes: [e.code],
    timestamp: trace.timestamp,
    trace_id: trace.traceId,
    correlation_id: trace.correlationId,
    error_uri: `${authorityOrigin}/error?code=${e.code}`,
    ...(suberror === undefined ? {} : { suberror }),
  };
};
