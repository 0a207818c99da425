import { describe, expect, it } from 'vitest';
import { microsoftGraphPermissions } from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import { AADSTS_CATALOG, GRAPH_CATALOG } from '../../../../src/shared/guidance/catalog';
import { buildReport } from '../../../../src/shared/report/build-report';
import {
  REDACTED_TOKEN,
  redactReportStrings,
  redactReportText,
} from '../../../../src/shared/report/redact-report';
import { fixtureGrantId, incompleteRun } from '../../../support/run-fixtures';
import { webCryptoSha256 } from './web-crypto';

// Shaped like Microsoft Entra's opaque refresh tokens and authorization codes: "1.A" or "0.A" and base64url.
const REFRESH_TOKEN = `1.AXEA${'Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MA'.repeat(12)}-_dQ.AgABAwEAAADnfolhJpSnRYB1SVj-Hgd8AgDs_wUA9P8`;
const AUTH_CODE = `0.AXEAn${'aGVsbG9Xb3JsZDk4NzY1NDMyMQ'.repeat(10)}_r2Q`;
const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJ0aWQiOiJjb250b3NvIn0.c2lnbmF0dXJlYnl0ZXM';

describe('redactReportText', () => {
  it('removes what the log redaction removes: JWTs, bearer credentials, codes and tokens in URLs and JSON', () => {
    expect(redactReportText(`token ${JWT} rejected`)).toBe('token [redacted jwt] rejected');
    expect(redactReportText('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [redacted]');
    expect(redactReportText(`https://pia.example/cb?code=${AUTH_CODE}&state=s1`)).toBe(
      'https://pia.example/cb?code=[redacted]&state=s1',
    );
    expect(redactReportText(`{"refresh_token":"${REFRESH_TOKEN}","expires_in":3599}`)).toBe(
      '{"refresh_token":"[redacted]","expires_in":3599}',
    );
  });

  it('removes quoted cookie headers and Microsoft Entra’s sign-in cookies', () => {
    expect(redactReportText('sent Cookie: ESTSAUTH=abc; buid=def\nthen failed')).toBe(
      'sent Cookie: [redacted]\nthen failed',
    );
    expect(redactReportText('Set-Cookie: fpc=AkVr; path=/; secure')).toBe('Set-Cookie: [redacted]');
    expect(redactReportText('with ESTSAUTHPERSISTENT=0.AXEA-abc and esctx-xyz=123;')).toBe(
      'with ESTSAUTHPERSISTENT=[redacted] and esctx-xyz=[redacted];',
    );
  });

  it('removes passwords written as pairs, including the sign-in form’s passwd field', () => {
    expect(redactReportText('login=admin@contoso.com&passwd=Practice-Tenant-2026!&ctx=1')).toBe(
      'login=admin@contoso.com&passwd=[redacted]&ctx=1',
    );
    expect(redactReportText('Password: hunter2, then retry')).toBe('Password: [redacted], then retry');
    expect(redactReportText('"pwd" = "s3cret"')).toBe('"pwd" = "s3cret"');
    expect(redactReportText('pwd="s3cret"')).toBe('pwd="[redacted]"');
  });

  it('keeps an AADSTS error number in `code=` but not an authorization code, however it is disguised', () => {
    const page = 'https://login.microsoftonline.com/error?code=50076';
    expect(redactReportText(page)).toBe(page);
    expect(redactReportText('https://pia.example/cb?code=1234567890123')).toBe(
      'https://pia.example/cb?code=[redacted]',
    );
    // The marker cannot be smuggled in to turn a code back into `code=` after the rule ran.
    expect(redactReportText('?code\uE000=secret-code')).not.toContain('code=secret-code');
  });

  it('removes long opaque tokens quoted bare, in base64url and in standard base64', () => {
    expect(redactReportText(`invalid_grant for ${REFRESH_TOKEN} at 09:15`)).toBe(
      `invalid_grant for ${REDACTED_TOKEN} at 09:15`,
    );
    const standard = `${'QWxhZGRpbjpvcGVuIHNlc2FtZQ+/'.repeat(4)}==`;
    expect(redactReportText(`value ${standard}`)).toBe(`value ${REDACTED_TOKEN}`);
  });

  it('leaves permission names, IDs, URLs and Microsoft’s guidance readable', () => {
    const keep = [
      ...microsoftGraphPermissions.map((p) => p.value),
      fixtureGrantId('grant-0'),
      '9824b0b2-4dda-5ea8-b75b-3284340f4004',
      '/servicePrincipals/9824b0b2-4dda-5ea8-b75b-3284340f4004/appRoleAssignments',
      `/oauth2PermissionGrants/${fixtureGrantId('grant-0')}`,
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=9824b0b2-4dda-5ea8-b75b-3284340f4004&error_code=AADSTS65004',
      'The password is wrong: sign in again.',
      ...[...Object.values(AADSTS_CATALOG), ...Object.values(GRAPH_CATALOG)].flatMap((e) => [
        e.title,
        e.whatHappened,
        e.learnMore,
        ...e.whatToDo,
      ]),
    ];
    expect(keep.filter((text) => redactReportText(text) !== text)).toEqual([]);
  });

  it('changes nothing in the report of an ordinary run', async () => {
    const report = await buildReport(incompleteRun().record(), {
      toolVersion: '0.1.0',
      generatedAt: '2026-11-30T10:00:00.000Z',
      sha256Hex: webCryptoSha256,
    });
    expect(redactReportStrings(report)).toEqual(report);
  });
});
