// Secrets removed from free text: the pure part of the main process's log redaction (src/main/logging/redact.ts),
// shared so that code which runs anywhere (reports) removes them the same way.

/** What replaces a secret in a log line or a report. */
export const REDACTED = '[redacted]';

// Three or more base64url segments starting with `eyJ` (a JSON header `{"`): a JWS (3 parts) or a JWE (5 parts).
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){1,3}/g;
// `Authorization: Bearer …`, `Basic …`, wherever the scheme appears with its credential.
const AUTH_SCHEME = /\b(Bearer|Basic|Negotiate|NTLM)\s+[A-Za-z0-9\-._~+/]+=*/gi;
// Query and form parameters that carry secrets: the authorization code and PKCE verifier of the OAuth 2.0 code
// flow (RFC 6749 §4.1.2, RFC 7636), tokens in fragments, and passwords. The parameter must start a query
// component, so `error_code=` or `barcode=` stay readable.
const SECRET_PARAMS =
  /([?&#;]|^|\s|")(code|code_verifier|access_token|refresh_token|id_token|client_info|client_secret|client_assertion|password|session_state)=([^&#\s"';]*)/gi;
// `"password": "…"`-style pairs inside text that is JSON but was logged as a string.
const SECRET_JSON_PAIRS =
  /("(?:access_?token|refresh_?token|id_?token|client_?info|code_?verifier|client_?secret|password|secret|authorization|code)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/** Removes tokens, codes, passwords and credentials from one string. */
export const redactText = (text: string): string =>
  text
    .replace(JWT, '[redacted jwt]')
    .replace(AUTH_SCHEME, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_PARAMS, (_match, lead: string, name: string) => `${lead}${name}=${REDACTED}`)
    .replace(SECRET_JSON_PAIRS, (_match, key: string) => `${key}"${REDACTED}"`);
