import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactText } from '../../../../src/main/logging/redact';

const jwt =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0aWQiOiJjb250b3NvIiwidXBuIjoiYWRtaW5AY29udG9zby5jb20ifQ.c2lnbmF0dXJlLWJ5dGVz';

describe('redactText', () => {
  it('removes JWTs wherever they appear', () => {
    const out = redactText(`token ${jwt} expired`);
    expect(out).toBe('token [redacted jwt] expired');
  });

  it('removes bearer credentials from an Authorization header', () => {
    expect(redactText('Authorization: Bearer abc.def-ghi_jkl')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactText('authorization: Basic dXNlcjpwYXNz')).toBe(`authorization: Basic ${REDACTED}`);
  });

  it('removes the authorization code and PKCE verifier from redirect URLs and form bodies', () => {
    const url = 'http://localhost:51234/?code=0.AXoA-very-long-code&client_info=eyJ1aWQ&state=abc';
    expect(redactText(url)).toBe(
      `http://localhost:51234/?code=${REDACTED}&client_info=${REDACTED}&state=abc`,
    );
    const body =
      'grant_type=authorization_code&code=xyz&code_verifier=verifier123&redirect_uri=http%3A%2F%2Flocalhost';
    expect(redactText(body)).toBe(
      `grant_type=authorization_code&code=${REDACTED}&code_verifier=${REDACTED}&redirect_uri=http%3A%2F%2Flocalhost`,
    );
  });

  it('removes tokens from a URL fragment and passwords from a query', () => {
    expect(redactText('https://app/#access_token=abc&id_token=def')).toBe(
      `https://app/#access_token=${REDACTED}&id_token=${REDACTED}`,
    );
    expect(redactText('?user=a&password=hunter2')).toBe(`?user=a&password=${REDACTED}`);
  });

  it('keeps parameters that only end in "code" readable', () => {
    expect(redactText('?error_code=AADSTS65004&barcode=1')).toBe('?error_code=AADSTS65004&barcode=1');
  });

  it('removes secret fields inside JSON that was logged as text', () => {
    const text = '{"token_type":"Bearer","access_token":"abc\\"def","refresh_token":"r","expires_in":3599}';
    expect(redactText(text)).toBe(
      `{"token_type":"Bearer","access_token":"${REDACTED}","refresh_token":"${REDACTED}","expires_in":3599}`,
    );
  });

  it('leaves ordinary text alone', () => {
    const text = 'Granted 19 delegated permissions to Pia in contoso.onmicrosoft.com (request-id 1234-abcd).';
    expect(redactText(text)).toBe(text);
  });
});

describe('redact', () => {
  it('redacts secret fields at any depth, whatever their spelling', () => {
    const input = {
      tenant: 'contoso.com',
      response: {
        accessToken: 'a',
        refresh_token: 'r',
        idToken: 'i',
        client_info: 'c',
        headers: { Authorization: 'Bearer x', 'content-type': 'application/json' },
      },
      credentials: [{ password: 'p' }, { secret: 's' }],
    };
    expect(redact(input)).toEqual({
      tenant: 'contoso.com',
      response: {
        accessToken: REDACTED,
        refresh_token: REDACTED,
        idToken: REDACTED,
        client_info: REDACTED,
        headers: { Authorization: REDACTED, 'content-type': 'application/json' },
      },
      credentials: [{ password: REDACTED }, { secret: REDACTED }],
    });
  });

  it('redacts an authorization code but keeps the code of an error object, which support needs', () => {
    expect(redact({ code: '0.AXoA-auth-code', state: 's' })).toEqual({ code: REDACTED, state: 's' });
    const graphError = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } };
    expect(redact(graphError)).toEqual(graphError);
  });

  it('does not change the value it was given', () => {
    const input = { access_token: 'a' };
    redact(input);
    expect(input.access_token).toBe('a');
  });

  it('redacts strings inside arrays and error messages, keeping the error readable', () => {
    const error = new Error(`Token request failed for code=abc with ${jwt}`);
    const out = redact([error, 'Bearer abc']) as [Error, string];
    expect(out[0]).toBeInstanceOf(Error);
    expect(out[0].message).toBe(`Token request failed for code=${REDACTED} with [redacted jwt]`);
    expect(out[0].stack).not.toContain(jwt);
    expect(out[1]).toBe(`Bearer ${REDACTED}`);
  });

  it('survives cycles', () => {
    const node: Record<string, unknown> = { name: 'a' };
    node.self = node;
    expect(redact(node)).toEqual({ name: 'a', self: '[circular]' });
  });

  it('passes numbers, booleans and null through', () => {
    expect(redact([1, true, null, undefined])).toEqual([1, true, null, undefined]);
  });
});
