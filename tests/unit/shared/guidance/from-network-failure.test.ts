import { describe, expect, it } from 'vitest';
import { guidanceFromNetworkFailure } from '../../../../src/shared/guidance/from-network-failure';
import {
  guidanceFromMsalError,
  guidanceFromTokenRenewal,
  isMsalNetworkError,
} from '../../../../src/shared/guidance/from-sign-in-error';

describe('guidanceFromNetworkFailure', () => {
  it('explains a dropped connection and keeps the system error code', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
    expect(guidanceFromNetworkFailure(error)).toMatchObject({
      source: 'network',
      code: 'ECONNRESET',
      retryable: true,
      rawMessage: 'TypeError: fetch failed (read ECONNRESET)',
    });
  });
});

// msal-node 7's errors as they arrive (AuthError and its subclasses carry errorCode and errorMessage).
const msalError = (errorCode: string, errorMessage: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(errorMessage), { errorCode, errorMessage, ...extra });

describe('msal-node errors', () => {
  it('reads a request that got no answer as a lost connection, not a refused sign-in', () => {
    for (const code of ['network_error', 'endpoints_resolution_error']) {
      const error = msalError(code, 'Network request failed.');
      expect(isMsalNetworkError(error)).toBe(true);
      expect(guidanceFromMsalError(error)).toMatchObject({ source: 'network', retryable: true });
      expect(guidanceFromTokenRenewal(error)).toMatchObject({ source: 'network' });
    }
    expect(isMsalNetworkError(new Error('plain'))).toBe(false);
    expect(isMsalNetworkError(null)).toBe(false);
  });

  it('reads Microsoft’s refusal of an interactive sign-in by its AADSTS code', () => {
    const error = msalError(
      'invalid_grant',
      'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication. Trace ID: 0b1e5d4c-8f2a-4c6e-9a7b-1d2e3f4a5b6c Correlation ID: 7c3b9a1e-2d4f-4e6a-8b0c-9d1e2f3a4b5c Timestamp: 2026-11-30 09:21:04Z',
      { correlationId: '7c3b9a1e-2d4f-4e6a-8b0c-9d1e2f3a4b5c' },
    );
    const guidance = guidanceFromMsalError(error);
    expect(guidance.source).toBe('sign-in');
    expect(guidance.code).toBe('AADSTS50076');
    expect(guidance.support.correlationId).toBe('7c3b9a1e-2d4f-4e6a-8b0c-9d1e2f3a4b5c');
  });

  it('tells the technician to sign in again when a token cannot be renewed, keeping Microsoft’s message and IDs', () => {
    const error = msalError(
      'invalid_grant',
      'AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. Trace ID: 0b1e5d4c-8f2a-4c6e-9a7b-1d2e3f4a5b6c Correlation ID: 7c3b9a1e-2d4f-4e6a-8b0c-9d1e2f3a4b5c Timestamp: 2026-11-30 09:21:04Z',
      { correlationId: '7c3b9a1e-2d4f-4e6a-8b0c-9d1e2f3a4b5c' },
    );
    const guidance = guidanceFromTokenRenewal(error);
    expect(guidance).toMatchObject({
      source: 'run',
      code: 'token-renewal-failed',
      title: 'The sign-in could not be renewed',
    });
    expect(guidance.rawMessage).toContain('AADSTS50173');
    expect(guidance.support.correlationId).toBe('7c3b9a1e-2d4f-4e6a-8b0c-9d1e2f3a4b5c');
  });
});
