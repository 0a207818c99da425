import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_PASSWORD } from '../../../src/main/practice-tenant/directory/builtin-scenario';
import {
  type ChromiumPdfPrinter,
  createChromiumPdfPrinter,
} from '../../../src/main/preview/chromium-pdf-printer';
import { exportReportFiles } from '../../../src/main/report/export-report';
import { guidanceFromNetworkFailure } from '../../../src/shared/guidance/from-network-failure';
import { guidanceFromSignInError } from '../../../src/shared/guidance/from-sign-in-error';
import type { GuardResult } from '../../../src/shared/onboarding/run-entry';
import { renderCanonicalJson } from '../../../src/shared/report/render-json';
import { chromiumLaunchOptions } from '../../e2e/support/chromium';
import { graphErrorGuidance, startRun } from '../../support/run-fixtures';
import { pdfPages, squeezed } from './pdf-text';

// Every kind of secret a run handles, shaped as Microsoft Entra and the browser shape them, fresh for each test run
// so nothing can match by accident.
const b64url = (bytes: number): string => randomBytes(bytes).toString('base64url');
const jwt = (claims: object): string =>
  [
    Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: 'k1' })).toString('base64url'),
    Buffer.from(JSON.stringify(claims)).toString('base64url'),
    b64url(256),
  ].join('.');
const SECRETS = {
  accessToken: jwt({
    aud: 'https://graph.microsoft.com',
    scp: 'Application.ReadWrite.All',
    nonce: b64url(12),
  }),
  idToken: jwt({ aud: 'sign-in-app', upn: 'admin@contoso.com', nonce: b64url(12) }),
  refreshToken: `1.AXEA${b64url(600)}.AgABAwEAAAApTwJmzXqdR4BN2miheQMYAgDs_wUA9P8${b64url(120)}`,
  authorizationCode: `0.AXEA${b64url(420)}`,
  codeVerifier: b64url(32),
  clientInfo: Buffer.from(JSON.stringify({ uid: b64url(8), utid: b64url(8) })).toString('base64url'),
  cookie: `0.AXEA${b64url(300)}`,
  password: PRACTICE_PASSWORD,
} as const;

// Where a careless engine would let each secret into the journal: Microsoft's messages quoting a redirect, a request,
// a header or a token response; a guard quoting the sign-in form; the ticket a technician typed.
const leakyRecord = () => {
  const signIn = guidanceFromSignInError({
    errorCode: 'invalid_grant',
    errorMessage: `AADSTS50126: Error validating credentials due to invalid username or password. Redirect was https://pia.example/onboarding/cb?code=${SECRETS.authorizationCode}&client_info=${SECRETS.clientInfo}&state=ab12&session_state=cd34 Trace ID: 0f1e2d3c-0000-4000-8000-000000000001 Correlation ID: 0f1e2d3c-0000-4000-8000-000000000002 Timestamp: 2026-11-30 09:16:01Z`,
  });
  const network = guidanceFromNetworkFailure(
    new Error(
      `fetch failed: POST https://graph.microsoft.com/v1.0/$batch with Authorization: Bearer ${SECRETS.accessToken}\nCookie: ESTSAUTHPERSISTENT=${SECRETS.cookie}; buid=${b64url(40)}`,
    ),
  );
  const refused = {
    ...graphErrorGuidance(
      400,
      'Request_BadRequest',
      `Token ${SECRETS.refreshToken} was not accepted; id ${SECRETS.idToken}`,
    ),
  };
  const guard: GuardResult = {
    guard: 'tenant',
    passed: false,
    message: `Signed in with login=admin@contoso.com&passwd=${SECRETS.password}&code_verifier=${SECRETS.codeVerifier} to another tenant.`,
    whatToDo: [`Retry with {"password": "${SECRETS.password}", "code": "${SECRETS.authorizationCode}"}`],
  };
  return startRun({ practice: true, ticket: `T-20931 (password: ${SECRETS.password})` })
    .discover()
    .problem('sign-in', signIn)
    .signIn()
    .readIdentity()
    .guards()
    .plan()
    .confirm()
    .write({ refuse: (w) => (w.intent.kind === 'create-grant' ? refused : null) })
    .problem('grant', network)
    .append({
      type: 'admin-consent-opened',
      url: `https://login.microsoftonline.com/contoso.com/v2.0/adminconsent?state=${b64url(8)}`,
    })
    .append({
      type: 'admin-consent-returned',
      adminConsent: false,
      error: 'invalid_request',
      errorDescription: `AADSTS90014 token response {"refresh_token":"${SECRETS.refreshToken}","id_token":"${SECRETS.idToken}","access_token":"${SECRETS.accessToken}"}`,
    })
    .append({ type: 'guard', result: guard })
    .end('failed')
    .record();
};

let printer: ChromiumPdfPrinter;
beforeAll(() => {
  printer = createChromiumPdfPrinter(chromiumLaunchOptions());
});
afterAll(async () => {
  await printer?.close();
});

// A secret leaks if it appears whole, or any 20-character piece of it does (a token cut by a line wrap or a
// partial redaction still leaks); the password is short, so it is looked for whole.
const leaksIn = (haystack: string): string[] =>
  Object.entries(SECRETS).flatMap(([name, secret]) => {
    const pieces =
      secret.length <= 24
        ? [secret]
        : Array.from({ length: Math.ceil(secret.length / 20) }, (_, i) =>
            secret.slice(i * 20, i * 20 + 20),
          ).filter((piece) => piece.length === 20);
    return pieces.some((piece) => haystack.includes(piece) || squeezed(haystack).includes(piece))
      ? [name]
      : [];
  });

describe('secrets never reach a report', () => {
  it('the journal really holds every secret: the test would catch a leak', () => {
    expect(leaksIn(JSON.stringify(leakyRecord())).sort()).toEqual(Object.keys(SECRETS).sort());
  });

  it('no format of a full run shows any secret, or any piece of one', async () => {
    const { report, files } = await exportReportFiles(
      leakyRecord(),
      ['pdf', 'html', 'csv', 'json', 'md', 'summary'],
      {
        toolVersion: '0.1.0',
        now: () => new Date('2026-11-30T10:00:00.000Z'),
        pdfPrinter: printer,
      },
    );
    expect(files).toHaveLength(6);
    for (const file of files) {
      const text =
        file.format === 'pdf'
          ? (await pdfPages(file.bytes)).map((page) => page.text).join('\n')
          : new TextDecoder().decode(file.bytes);
      expect(leaksIn(text), `${file.format}`).toEqual([]);
      // What support needs stays: Microsoft's error codes and the redaction marks where the secrets were.
      expect(squeezed(text), `${file.format}`).toContain(report.digest);
    }
    const json = renderCanonicalJson(report);
    expect(leaksIn(json)).toEqual([]);
    expect(json).toContain('AADSTS50126');
    expect(json).toContain('Cookie: [redacted]');
    expect(json).toContain('code=[redacted]');
    expect(report.warnings.find((w) => w.kind === 'admin-consent')?.message).toContain(
      '{"refresh_token":"[redacted]"',
    );
    // A password runs to the next space, quote or separator: the closing parenthesis goes with it.
    expect(report.ticket).toBe('T-20931 (password: [redacted]');
  });
});
