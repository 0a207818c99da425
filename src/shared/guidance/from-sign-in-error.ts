import { z } from 'zod';
import { buildGuidance, cleanMessage, compactSupportIds, supportIdsInText } from './build-guidance';
import { AADSTS_CATALOG, aadstsLearnMore, OAUTH_ERROR_CATALOG, UNKNOWN_ENTRIES } from './catalog';
import { guidanceFromNetworkFailure } from './from-network-failure';
import type { Guidance } from './guidance';
import { runGuidance } from './run-guidance';

const text = z.string().nullish();
const numberish = z.union([z.string(), z.number()]).nullish();

/**
 * An error thrown by msal-node 7: `AuthError` and its subclasses `ServerError` and
 * `InteractionRequiredAuthError` (from @azure/msal-common). `errorCode` is the OAuth `error`; for token
 * responses `errorMessage` is msal's "Error(s): 50076 - Timestamp: … - Description: AADSTS50076: … -
 * Correlation ID: … - Trace ID: …"; `errorNo` is the first of `error_codes` (a number at run time despite its
 * declared string type); only InteractionRequiredAuthError has `traceId`.
 */
const MsalErrorSchema = z.looseObject({
  errorCode: z.string(),
  errorMessage: text,
  subError: text,
  correlationId: text,
  traceId: text,
  timestamp: text,
  errorNo: numberish,
  status: z.number().nullish(),
});

/**
 * A token endpoint error response.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#error-response-1
 */
const OAuthErrorResponseSchema = z.looseObject({
  error: z.string(),
  error_description: text,
  error_codes: z.array(z.number()).nullish(),
  error_uri: text,
  correlation_id: text,
  trace_id: text,
  timestamp: text,
  suberror: text,
});

/** The AADSTS number in a message, `error_codes` or `error_uri`: `AADSTS50076` gives `50076`. */
export const findAadstsNumber = (
  ...candidates: readonly (string | number | null | undefined)[]
): string | null => {
  for (const candidate of candidates) {
    if (candidate === null || candidate === undefined) continue;
    if (typeof candidate === 'number') return String(candidate);
    const match = /AADSTS(\d{5,7})\b/.exec(candidate) ?? /[?&]code=(\d{5,7})\b/.exec(candidate);
    if (match?.[1] !== undefined) return match[1];
    if (/^\d{5,7}$/.test(candidate)) return candidate;
  }
  return null;
};

type SignInFacts = {
  readonly error: string;
  readonly message: string;
  readonly aadsts: string | null;
  readonly httpStatus: number | null;
  readonly ids: Parameters<typeof compactSupportIds>[0];
};

const fromFacts = (source: 'sign-in' | 'redirect', facts: SignInFacts): Guidance => {
  const common = {
    source,
    httpStatus: facts.httpStatus,
    rawMessage: cleanMessage(facts.message) || facts.error,
    retryAfterSeconds: null,
    support: compactSupportIds(facts.ids),
  } as const;
  if (facts.aadsts !== null) {
    const code = `AADSTS${facts.aadsts}`;
    const entry = AADSTS_CATALOG[facts.aadsts];
    if (entry !== undefined) return buildGuidance(code, true, entry, { ...common, code });
    return buildGuidance(
      `unknown:${source}`,
      false,
      { ...UNKNOWN_ENTRIES[source], learnMore: aadstsLearnMore(facts.aadsts) },
      { ...common, code },
    );
  }
  const entry = Object.hasOwn(OAUTH_ERROR_CATALOG, facts.error)
    ? OAUTH_ERROR_CATALOG[facts.error]
    : undefined;
  if (entry !== undefined)
    return buildGuidance(`oauth:${facts.error}`, true, entry, { ...common, code: facts.error });
  return buildGuidance(`unknown:${source}`, false, UNKNOWN_ENTRIES[source], {
    ...common,
    code: facts.error || 'unknown',
  });
};

/**
 * The facts of an error Microsoft described in `description`: its support IDs come from its own fields or, where
 * a field is empty, from the trace lines in the description.
 */
const describedFacts = (
  error: string,
  description: string,
  aadsts: string | null,
  httpStatus: number | null,
  fields: {
    readonly correlationId?: string | null;
    readonly traceId?: string | null;
    readonly timestamp?: string | null;
  },
): SignInFacts => {
  const inText = supportIdsInText(description);
  return {
    error,
    message: description || error,
    aadsts,
    httpStatus,
    ids: {
      correlationId: fields.correlationId || inText.correlationId,
      traceId: fields.traceId || inText.traceId,
      timestamp: fields.timestamp || inText.timestamp,
    },
  };
};

/**
 * Turns a sign-in failure into guidance: an error thrown by msal-node (ServerError,
 * InteractionRequiredAuthError, any AuthError) or a token endpoint's JSON error response.
 *
 * The AADSTS code is read from the message, `error_codes` or `errorNo`; correlation and trace IDs from their
 * fields or, failing those, from the trace lines in Microsoft's message. Anything else (a plain Error, a
 * string) gets the unknown-error entry with its message kept.
 */
export const guidanceFromSignInError = (error: unknown): Guidance => {
  const msal = MsalErrorSchema.safeParse(error);
  if (msal.success) {
    const e = msal.data;
    const message = e.errorMessage ?? '';
    return fromFacts(
      'sign-in',
      describedFacts(e.errorCode, message, findAadstsNumber(message, e.errorNo), e.status ?? null, e),
    );
  }
  const response = OAuthErrorResponseSchema.safeParse(error);
  if (response.success) {
    const r = response.data;
    const description = r.error_description ?? '';
    return fromFacts(
      'sign-in',
      describedFacts(
        r.error,
        description,
        findAadstsNumber(description, r.error_codes?.[0], r.error_uri),
        null,
        {
          correlationId: r.correlation_id,
          traceId: r.trace_id,
          timestamp: r.timestamp,
        },
      ),
    );
  }
  const message =
    error instanceof Error ? error.message : typeof error === 'string' ? error : 'The sign-in failed.';
  const inText = supportIdsInText(message);
  return fromFacts('sign-in', {
    error: '',
    message,
    aadsts: findAadstsNumber(message),
    httpStatus: null,
    ids: inText,
  });
};

/** Reads a query string (`a=1&b=2`, `?a=1`, or a whole URL) without relying on URLSearchParams. */
const readQuery = (query: string): ReadonlyMap<string, string> => {
  const start = query.indexOf('?');
  const body = (start >= 0 ? query.slice(start + 1) : query).split('#')[0] ?? '';
  const params = new Map<string, string>();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const decode = (part: string): string => {
      try {
        return decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        return part;
      }
    };
    const key = decode(eq >= 0 ? pair.slice(0, eq) : pair);
    if (!params.has(key)) params.set(key, decode(eq >= 0 ? pair.slice(eq + 1) : ''));
  }
  return params;
};

/**
 * Turns the redirect back from Microsoft's sign-in or admin-consent page into guidance, or null when it
 * carries no error. Only `error`, `error_description`, `error_subcode`, `error_uri`, `correlation_id`,
 * `trace_id` and `timestamp` are read; an authorization `code` in the same query is never looked at.
 *
 * The admin-consent endpoint can return `error` together with `admin_consent=True`: the error wins.
 * https://learn.microsoft.com/entra/identity-platform/v2-admin-consent#unsuccessful-response
 */
export const guidanceFromRedirect = (query: string): Guidance | null => {
  const params = readQuery(query);
  const error = params.get('error');
  if (error === undefined || error === '') return null;
  const description = params.get('error_description') ?? '';
  const cancelled = params.get('error_subcode') === 'cancel';
  const facts = describedFacts(
    error,
    description,
    findAadstsNumber(description, params.get('error_uri')),
    null,
    {
      correlationId: params.get('correlation_id'),
      traceId: params.get('trace_id'),
      timestamp: params.get('timestamp'),
    },
  );
  return fromFacts('redirect', {
    ...facts,
    message: description || (cancelled ? 'The user cancelled.' : error),
  });
};

/**
 * Whether msal-node reports a request that got no answer: `network_error` for the token endpoint,
 * `endpoints_resolution_error` for the authority's metadata. A lost connection, not a sign-in Microsoft refused.
 */
export const isMsalNetworkError = (error: unknown): boolean => {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return code === 'network_error' || code === 'endpoints_resolution_error';
};

/** Guidance for an error of msal-node's interactive sign-in: a lost connection, or what Microsoft refused and why. */
export const guidanceFromMsalError = (error: unknown): Guidance =>
  isMsalNetworkError(error) ? guidanceFromNetworkFailure(error) : guidanceFromSignInError(error);

/**
 * Guidance for an access token msal-node could not renew silently (`acquireTokenSilent`): a lost connection, or
 * a refresh Microsoft refused (session revoked, password changed, a policy asking for a new sign-in), which only a
 * new sign-in mends. Microsoft's message and support IDs are kept.
 */
export const guidanceFromTokenRenewal = (error: unknown): Guidance => {
  if (isMsalNetworkError(error)) return guidanceFromNetworkFailure(error);
  const microsoft = guidanceFromSignInError(error);
  return { ...runGuidance('token-renewal-failed', microsoft.rawMessage), support: microsoft.support };
};
