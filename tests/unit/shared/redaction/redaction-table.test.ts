import { describe, expect, it } from 'vitest';
import { redact } from '../../../../src/main/logging/redact';
import { redactReportText } from '../../../../src/shared/report/redact-report';

// One table of secrets as they turn up in text, through the log's redaction and the report's: the app has one text
// redactor, so both must remove each, and keep what support needs.
const REFRESH_TOKEN = `1.AXEA${'Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MA'.repeat(12)}-_dQ.AgABAwEAAADnfolhJpSnRYB1SVj-Hgd8AgDs`;
const AUTH_CODE = `0.AXEAn${'aGVsbG9Xb3JsZDk4NzY1NDMyMQ'.repeat(10)}_r2Q`;

const SECRETS: readonly (readonly [string, string, string])[] = [
  ['a bare opaque refresh token', `token was ${REFRESH_TOKEN} and expired`, REFRESH_TOKEN],
  ["the sign-in form's passwd field", 'login=admin%40contoso.com&passwd=Hunter2!x&ctx=1', 'Hunter2!x'],
  ['a password pair in text', 'password: Hunter2!x', 'Hunter2!x'],
  ['a quoted pwd', 'pwd="Hunter2!x"', 'Hunter2!x'],
  [
    'an Entra session cookie written as text',
    'kept ESTSAUTH=AQABAAEAAAD-secret-session; then',
    'AQABAAEAAAD-secret-session',
  ],
  ['a Cookie header', 'sent Cookie: buid=0.AX-browser-id; x=1', '0.AX-browser-id'],
  ['code= after a quote', `redirect 'code=${AUTH_CODE.slice(0, 40)}' refused`, AUTH_CODE.slice(0, 40)],
  ['code= after a parenthesis', '(code=Mz-short-code-value) dropped', 'Mz-short-code-value'],
  ['code= after a comma', 'state=x,code=Mz-short-code-value', 'Mz-short-code-value'],
  ['a password in a URL', 'proxy https://tech:Hunter2!x@proxy.msp.example:8080/ refused', 'Hunter2!x'],
  ['a refresh_token parameter', `grant_type=refresh_token&refresh_token=${REFRESH_TOKEN}`, REFRESH_TOKEN],
  ['a JWT', 'Bearer eyJ0eXAiOiJKV1QifQ.eyJ0aWQiOiJjb250b3NvIn0.c2ln', 'eyJ0eXAiOiJKV1QifQ'],
];

const KEPT: readonly (readonly [string, string])[] = [
  ['an AADSTS error number', 'https://login.microsoftonline.com/error?code=50076'],
  ['a GUID', 'tenant 6d2c1f0e-2b5c-4d33-9a4e-1f2b3c4d5e6f'],
  [
    'a Graph error code in a message',
    'Graph answered 403 Authorization_RequestDenied: Insufficient privileges.',
  ],
  ['a scope list', 'scope=User.Read Directory.Read.All&state=s1'],
  ['an error_code parameter', 'error_code=50020&error=access_denied'],
  ['a URL without a password', 'https://graph.microsoft.com/v1.0/servicePrincipals?$filter=appId eq x'],
];

describe.each([
  ['the log', (text: string) => String(redact(text))],
  ['the report', redactReportText],
] as const)('%s removes every secret of the table', (_where, redactor) => {
  it.each(SECRETS)('%s', (_what, text, secret) => {
    const out = redactor(text);
    expect(out).not.toContain(secret);
    expect(out).toMatch(/\[redacted/);
  });

  it.each(KEPT)('and keeps %s', (_what, text) => {
    expect(redactor(text)).toBe(text);
  });
});
