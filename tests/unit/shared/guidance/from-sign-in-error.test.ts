import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { AADSTS_CATALOG } from '../../../../src/shared/guidance/catalog';
import {
  guidanceFromRedirect,
  guidanceFromSignInError,
} from '../../../../src/shared/guidance/from-sign-in-error';

const CORRELATION = '0b5e3c2a-4d1f-4e8b-9a7c-6f5e4d3c2b1a';
const TRACE = '1aaa8b90-afd9-4aba-afc4-206aa5850d00';

/** The message msal-common's ResponseHandler builds from a token endpoint error response. */
const msalTokenErrorMessage = (code: number, description: string) =>
  `Error(s): ${code} - Timestamp: 2026-11-28 10:00:00Z - Description: AADSTS${code}: ${description}\r\n` +
  `Trace ID: ${TRACE}\r\nCorrelation ID: ${CORRELATION}\r\nTimestamp: 2026-11-28 10:00:00Z - ` +
  `Correlation ID: ${CORRELATION} - Trace ID: ${TRACE}`;

describe('guidanceFromSignInError', () => {
  it('reads an msal-node ServerError from the token endpoint: code, guidance and support IDs', () => {
    const error = new ServerError(
      'invalid_grant',
      CORRELATION,
      msalTokenErrorMessage(53003, 'Access has been blocked by Conditional Access policies.'),
      undefined,
      53003 as unknown as string, // error_codes[0] is a number at run time
      400,
    );
    const guidance = guidanceFromSignInError(error);
    expect(guidance).toMatchObject({
      source: 'sign-in',
      code: 'AADSTS53003',
      known: true,
      httpStatus: 400,
      title: 'Blocked by the client’s Conditional Access',
      whoCanFix: 'client-administrator',
      rawMessage: 'AADSTS53003: Access has been blocked by Conditional Access policies.',
      support: { correlationId: CORRELATION, traceId: TRACE, timestamp: '2026-11-28 10:00:00Z' },
      learnMore: 'https://login.microsoftonline.com/error?code=53003',
    });
  });

  it('reads an InteractionRequiredAuthError (MFA required) with its own trace ID', () => {
    const error = new InteractionRequiredAuthError(
      'interaction_required',
      CORRELATION,
      'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.',
      'basic_action',
      '2026-11-28 10:00:00Z',
      TRACE,
      '',
      '50076',
    );
    expect(guidanceFromSignInError(error)).toMatchObject({
      code: 'AADSTS50076',
      known: true,
      retryable: true,
      whoCanFix: 'technician',
      support: { correlationId: CORRELATION, traceId: TRACE },
    });
  });

  it('reads a raw OAuth error response from the token endpoint', () => {
    const guidance = guidanceFromSignInError({
      error: 'invalid_client',
      error_description: `AADSTS7000215: Invalid client secret provided.\r\nTrace ID: ${TRACE}\r\nCorrelation ID: ${CORRELATION}\r\nTimestamp: 2026-11-28 10:00:00Z`,
      error_codes: [7000215],
      correlation_id: CORRELATION,
      trace_id: TRACE,
    });
    expect(guidance).toMatchObject({
      code: 'AADSTS7000215',
      whoCanFix: 'msp-app-owner',
      rawMessage: 'AADSTS7000215: Invalid client secret provided.',
      support: { correlationId: CORRELATION, traceId: TRACE },
    });
  });

  it.each([
    '50011',
    '50020',
    '50076',
    '50079',
    '53003',
    '65001',
    '65004',
    '90002',
    '90094',
    '500011',
    '650051',
    '700016',
    '900144',
    '7000215',
  ])('knows AADSTS%s', (code) => {
    const guidance = guidanceFromSignInError({
      error: 'invalid_request',
      error_description: `AADSTS${code}: x`,
    });
    expect(guidance.known).toBe(true);
    expect(guidance.code).toBe(`AADSTS${code}`);
    expect(guidance.title).toBe(AADSTS_CATALOG[code]?.title);
    expect(guidance.whatToDo.length).toBeGreaterThan(0);
  });

  it('falls back honestly on an unknown AADSTS code, keeping the code and Microsoft’s page for it', () => {
    const guidance = guidanceFromSignInError({
      error: 'invalid_request',
      error_description: 'AADSTS9999999: Something new.',
    });
    expect(guidance).toMatchObject({
      known: false,
      code: 'AADSTS9999999',
      catalogKey: 'unknown:sign-in',
      title: 'Sign-in failed',
      rawMessage: 'AADSTS9999999: Something new.',
      learnMore: 'https://login.microsoftonline.com/error?code=9999999',
    });
  });

  it('turns anything else into the unknown entry with its message kept', () => {
    expect(guidanceFromSignInError(new Error('socket hang up'))).toMatchObject({
      known: false,
      code: 'unknown',
      rawMessage: 'socket hang up',
    });
  });
});

describe('guidanceFromRedirect', () => {
  it('returns null for a successful admin-consent redirect', () => {
    expect(
      guidanceFromRedirect('http://localhost:5000/consent?admin_consent=True&tenant=abc&state=xyz'),
    ).toBeNull();
  });

  it('reports a declined consent even when admin_consent=True comes with it', () => {
    const query =
      '?admin_consent=True&error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent+to+access+the+app.%0D%0ATrace+ID%3A+' +
      `${TRACE}%0D%0ACorrelation+ID%3A+${CORRELATION}%0D%0ATimestamp%3A+2026-11-28+10%3A00%3A00Z&state=xyz`;
    expect(guidanceFromRedirect(query)).toMatchObject({
      source: 'redirect',
      code: 'AADSTS65004',
      title: 'Consent was declined',
      rawMessage: 'AADSTS65004: User declined to consent to access the app.',
      support: { traceId: TRACE, correlationId: CORRELATION },
    });
  });

  it('explains a cancelled sign-in that carries no AADSTS code', () => {
    expect(guidanceFromRedirect('error=access_denied&error_subcode=cancel&state=1')).toMatchObject({
      code: 'access_denied',
      known: true,
      title: 'Sign-in or consent was cancelled',
    });
  });

  it('never copies an authorization code into the guidance', () => {
    const guidance = guidanceFromRedirect(
      'code=0.AAAA-secret-code&error=server_error&error_description=boom',
    );
    expect(JSON.stringify(guidance)).not.toContain('secret-code');
    expect(guidance).toMatchObject({ code: 'server_error', retryable: true });
  });
});
