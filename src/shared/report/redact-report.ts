import { REDACTED, redactText } from '../redaction/redact-text';
import { wellFormed } from './canonical-json';

// Report text comes from the tenant and from Microsoft's error messages, which can quote a redirect URL, a request
// or a header. The log's patterns (JWTs, Bearer credentials, `code=`, `refresh_token=`, `"password": …`) run first;
// the ones below add what a log line rarely holds but a quoted message might.

// A `Cookie:` or `Set-Cookie:` header quoted in a message: everything up to the end of the line.
const COOKIE_HEADER = /\b(Set-Cookie|Cookie)(\s*:\s*)[^\r\n"]*/gi;
// Microsoft Entra's sign-in cookies as `name=value` pairs: the session cookies (ESTSAUTH, ESTSAUTHPERSISTENT,
// ESTSAUTHLIGHT), browser ID and state cookies.
// https://learn.microsoft.com/entra/identity/authentication/concept-authentication-web-browser-cookies
const SIGN_IN_COOKIES =
  /\b(ESTSAUTH\w*|SignInStateCookie|buid|fpc|esctx[\w-]*|ESTSSC|CCState|stsservicecookie|x-ms-gateway-slice|brcap|wlidperf|clrc)=([^;\s"&,]*)/gi;
// A password written as `password: …` or `passwd=…` (Entra's sign-in form names the field `passwd`).
const PASSWORD_PAIRS = /\b(password|passwd|pwd|passcode)(\s*[:=]\s*)("?)([^\s"&;,]+)/gi;
// A long run of token characters: refresh tokens and authorization codes of Microsoft Entra are opaque strings of
// hundreds of characters. Only runs of 64 or more that mix upper case, lower case and digits count, so GUIDs,
// Graph object IDs (43 characters), permission names, host names and URL paths stay readable.
const OPAQUE_RUN = /[A-Za-z0-9+/=_.~-]{64,}/g;

// login.microsoftonline.com/error?code=50076 names an AADSTS error number, not an authorization code (those are long
// and opaque): it is kept out of the `code=` rule by a marker that the rule does not match, then restored.
const ERROR_NUMBER = /([?&]code)(=\d{1,9}(?=$|[&#\s"']))/g;
const ERROR_NUMBER_MARK = '\uE000';

const mixesCases = (text: string): boolean => /[A-Z]/.test(text) && /[a-z]/.test(text) && /\d/.test(text);

// A URL path is a run with `/` between readable segments; a standard-base64 token has `/` inside random text.
const looksOpaque = (run: string): boolean =>
  mixesCases(run) &&
  (run.split('/').some((segment) => segment.length >= 64 && mixesCases(segment)) || /[+=]/.test(run));

/** What replaces an opaque token-like run in a report. */
export const REDACTED_TOKEN = '[redacted token]';

/**
 * Removes anything token-like from one string of a report: what the log's redaction removes, plus quoted cookies,
 * passwords in `password: …` form and long opaque tokens. Also makes the string well formed (a lone surrogate
 * becomes U+FFFD), so that every format and every JSON tool sees the same text.
 */
export const redactReportText = (text: string): string =>
  redactText(
    wellFormed(text)
      .replaceAll(ERROR_NUMBER_MARK, '\uFFFD')
      .replace(ERROR_NUMBER, `$1${ERROR_NUMBER_MARK}$2`),
  )
    .replaceAll(`code${ERROR_NUMBER_MARK}=`, 'code=')
    .replace(COOKIE_HEADER, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`)
    .replace(SIGN_IN_COOKIES, (_match, name: string) => `${name}=${REDACTED}`)
    .replace(
      PASSWORD_PAIRS,
      (_match, name: string, separator: string, quote: string) => `${name}${separator}${quote}${REDACTED}`,
    )
    .replace(OPAQUE_RUN, (run) => (looksOpaque(run) ? REDACTED_TOKEN : run));

/** Applies {@link redactReportText} to every string in a JSON-shaped value (object keys included). */
export const redactReportStrings = <T>(value: T): T => redactJson(value) as T;

const redactJson = (value: unknown): unknown => {
  if (typeof value === 'string') return redactReportText(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [redactReportText(key), redactJson(inner)]),
    );
  }
  return value;
};
