import { GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import {
  guidanceFromGraphClientError,
  guidanceFromGraphError,
  guidanceFromUnexpectedAnswer,
  parseRetryAfter,
} from '../../../../src/shared/guidance/from-graph-error';
import { guidanceFromNetworkFailure } from '../../../../src/shared/guidance/from-network-failure';

const REQUEST_ID = '8c2f5a8e-1f0a-4f3e-9d2c-7a6b5c4d3e21';
const CLIENT_REQUEST_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

const body = (code: string, message: string) => ({
  error: {
    code,
    message,
    innerError: {
      date: '2026-11-28T10:00:00',
      'request-id': REQUEST_ID,
      'client-request-id': CLIENT_REQUEST_ID,
    },
  },
});

describe('guidanceFromGraphError', () => {
  it('explains 403 Authorization_RequestDenied and keeps the IDs from the headers', () => {
    const guidance = guidanceFromGraphError({
      status: 403,
      body: body('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
      headers: new Headers({
        'request-id': REQUEST_ID,
        'client-request-id': CLIENT_REQUEST_ID,
        date: 'Sat, 28 Nov 2026 10:00:00 GMT',
      }),
    });
    expect(guidance).toMatchObject({
      source: 'graph',
      code: 'Authorization_RequestDenied',
      httpStatus: 403,
      catalogKey: 'graph:403:Authorization_RequestDenied',
      known: true,
      whoCanFix: 'client-administrator',
      rawMessage: 'Insufficient privileges to complete the operation.',
      support: {
        requestId: REQUEST_ID,
        clientRequestId: CLIENT_REQUEST_ID,
        timestamp: 'Sat, 28 Nov 2026 10:00:00 GMT',
      },
    });
  });

  it('reads the IDs from innerError when a $batch item has no such headers', () => {
    const guidance = guidanceFromGraphError({
      status: 404,
      body: body('Request_ResourceNotFound', "Resource 'x' does not exist."),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(guidance).toMatchObject({
      catalogKey: 'graph:404:Request_ResourceNotFound',
      retryable: true,
      support: {
        requestId: REQUEST_ID,
        clientRequestId: CLIENT_REQUEST_ID,
        timestamp: '2026-11-28T10:00:00',
      },
    });
  });

  it('honours Retry-After on 429 and 503', () => {
    expect(
      guidanceFromGraphError({
        status: 429,
        body: body('TooManyRequests', 'Too many'),
        headers: { 'Retry-After': '7' },
      }),
    ).toMatchObject({
      catalogKey: 'graph:429',
      retryable: true,
      whoCanFix: 'wait-and-retry',
      retryAfterSeconds: 7,
    });
    expect(
      guidanceFromGraphError({ status: 503, body: '', headers: { 'retry-after': ['30'] } }),
    ).toMatchObject({ catalogKey: 'graph:503', code: 'HTTP 503', retryAfterSeconds: 30 });
  });

  it('tells a concurrency conflict (retry) from an object that already exists (nothing to fix)', () => {
    expect(
      guidanceFromGraphError({ status: 409, body: body('Directory_ConcurrencyViolation', 'busy') }),
    ).toMatchObject({ retryable: true, whoCanFix: 'wait-and-retry' });
    expect(
      guidanceFromGraphError({
        status: 409,
        body: body(
          'Request_MultipleObjectsWithSameKeyValue',
          'Permission being assigned already exists on the object',
        ),
      }),
    ).toMatchObject({ catalogKey: 'graph:409', retryable: false, whoCanFix: 'nothing-to-fix' });
  });

  it('parses a body given as text, and explains 401', () => {
    const guidance = guidanceFromGraphError({
      status: 401,
      body: JSON.stringify(
        body('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'),
      ),
    });
    expect(guidance).toMatchObject({
      code: 'InvalidAuthenticationToken',
      catalogKey: 'graph:401',
      known: true,
    });
  });

  it('falls back on the unknown entry, retryable for other server errors', () => {
    expect(
      guidanceFromGraphError({ status: 400, body: body('Request_BadRequest', 'Invalid value') }),
    ).toMatchObject({
      known: false,
      catalogKey: 'unknown:graph',
      code: 'Request_BadRequest',
      retryable: false,
    });
    expect(guidanceFromGraphError({ status: 507, body: null })).toMatchObject({
      known: false,
      retryable: true,
    });
  });
});

describe('guidanceFromGraphClientError', () => {
  it('reads a GraphError thrown by the Microsoft Graph client library', () => {
    const error = new GraphError(403, 'Insufficient privileges to complete the operation.');
    error.code = 'Authorization_RequestDenied';
    error.requestId = REQUEST_ID;
    error.body = JSON.stringify(
      body('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
    );
    expect(guidanceFromGraphClientError(error)).toMatchObject({
      catalogKey: 'graph:403:Authorization_RequestDenied',
      support: { requestId: REQUEST_ID },
    });
  });

  it('returns null for something that is not a Graph error', () => {
    expect(guidanceFromGraphClientError(new Error('x'))).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, or an HTTP date against the response date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:00:30 GMT', 'Sat, 28 Nov 2026 10:00:00 GMT')).toBe(30);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});

describe('guidanceFromUnexpectedAnswer', () => {
  it('says Microsoft answered in a way this version does not understand, not that the connection was lost', () => {
    const guidance = guidanceFromUnexpectedAnswer({
      detail: 'value.0.id: Invalid input: expected string, received null',
      requestId: REQUEST_ID,
    });
    expect(guidance).toMatchObject({
      title: 'Microsoft answered in a way this version does not understand',
      source: 'graph',
      code: 'unexpected-answer',
      known: true,
      support: { requestId: REQUEST_ID },
    });
    expect(guidance.title).not.toBe(guidanceFromNetworkFailure(new Error('x')).title);
  });
});
