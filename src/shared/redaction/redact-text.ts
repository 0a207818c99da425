// Secrets removed from free text: the one text redactor of the app. The main process's log (src/main/logging/
// redact.ts, which adds secret keys of objects) and every report (src/shared/report/redact-report.ts) use it, so what
// one removes the other removes too. It runs anywhere: no Node or DOM.

/** What replaces a secret in a log line or a report. */
export const REDACTED = '[redacted]';

/** What replaces an opaque token-like run. */
export const REDACTED_TOKEN = '[redacted token]';

// Three or more base64url segments starting with `eyJ` (a JSON header `{"`): a JWS (3 parts) or a JWE (5 parts).
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){1,3}/g;
// `Authorization: Bearer …`, `Basic …`, wherever the scheme appears with its credential.
const AUTH_SCHEME = /\b(Bearer|Basic|Negotiate|NTLM)\s+[A-Za-z0-9\-._~+/]+=*/gi;
// Query and form parameters that carry secrets: the authorization code and PKCE verifier of the OAuth 2.0 code
// flow (RFC 6749 §4.1.2, RFC 7636) and tokens in fragments (passwords: PASSWORD_PAIRS). The parameter must start a query component, a line, a word, or follow a quote, bracket or comma, so
// `error_code=` or `barcode=` stay readable.
const SECRET_PARAMS =
  /([?&#;,([{]|^|\s|"|')(code|code_verifier|access_token|refresh_token|id_token|client_info|client_secret|client_assertion|session_state)=([^&#\s"';)\]}]*)/gi;
// `"password": "…"`-style pairs inside text that is JSON but was logged as a string.
const SECRET_JSON_PAIRS =
  /("(?:access_?token|refresh_?token|id_?token|client_?info|code_?verifier|client_?secret|password|passwd|secret|authorization|code)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
// A password in a URL's user information: `https://user:password@host/`.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@"']+):[^/\s@"']+@/gi;
// A `Cookie:` or `Set-Cookie:` header quoted in a message: everything up to the end of the line.
const COOKIE_HEADER = /\b(Set-Cookie|Cookie)(\s*:\s*)[^\r\n"]*/gi;
// Microsoft Entra's sign-in cookies as `name=value` pairs, wherever they are written: the session cookies
// (ESTSAUTH, ESTSAUTHPERSISTENT, ESTSAUTHLIGHT), browser ID and state cookies.
// https://learn.microsoft.com/entra/identity/authentication/concept-authentication-web-browser-cookies
const SIGN_IN_COOKIES =
  /\b(ESTSAUTH\w*|SignInStateCookie|buid|fpc|esctx[\w-]*|ESTSSC|CCState|stsservicecookie|x-ms-gateway-slice|brcap|wlidperf|clrc)=([^;\s"&,]*)/gi;
// A password written as `password: …`, `passwd=…` or `pwd="…"` (Entra's sign-in form names its field `passwd`).
const PASSWORD_PAIRS = /\b(password|passwd|pwd|passcode)(\s*[:=]\s*)("?)([^\s"&;,]+)/gi;
// A long run of token characters: refresh tokens and authorization codes of Microsoft Entra are opaque strings of
// hundreds of characters, and may be written bare. Only runs of 64 or more that mix upper case, lower case and
// digits count, so GUIDs, Graph object IDs (43 characters), permission names, host names and URL paths stay readable.
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

/**
 * Removes tokens, codes, passwords, cookies and credentials from one string: JWTs, `Bearer`/`Basic` credentials,
 * secret query and form parameters (after `?`, `&`, a space, a quote or a bracket), secret JSON pairs, passwords in
 * URLs and in `password: …` form, `Cookie:` headers and Entra's sign-in cookies, and long opaque tokens.
 */
export const redactText = (text: string): string =>
  text
    .replaceAll(ERROR_NUMBER_MARK, '\uFFFD')
    .replace(ERROR_NUMBER, `$1${ERROR_NUMBER_MARK}$2`)
    .replace(JWT, '[redacted jwt]')
    .replace(AUTH_SCHEME, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(
      PASSWORD_PAIRS,
      (_match, name: string, separator: string, quote: string) => `${name}${separator}${quote}${REDACTED}`,
    )
    .replace(SECRET_PARAMS, (_match, lead: string, name: string) => `${lead}${name}=${REDACTED}`)
    .replace(SECRET_JSON_PAIRS, (_match, key: string) => `${key}"${REDACTED}"`)
    .replaceAll(`code${ERROR_NUMBER_MARK}=`, 'code=')
    .replace(URL_PASSWORD, (_match, userPart: string) => `${userPart}:${REDACTED}@`)
    .replace(COOKIE_HEADER, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`)
    .replace(SIGN_IN_COOKIES, (_match, name: string) => `${name}=${REDACTED}`)
    .replace(OPAQUE_RUN, (run) => (looksOpaque(run) ? REDACTED_TOKEN : run));
