import { describe, expect, it } from 'vitest';
import { decodeClientInfo, encodeClientInfo } from '../../../../src/main/practice-tenant/tokens/client-info';

describe('client_info', () => {
  it('is base64url JSON with uid and utid, as MSAL reads it', () => {
    const value = encodeClientInfo(
      '99999999-8888-4777-8666-555555555555',
      '11111111-2222-4333-8444-555555555555',
    );
    expect(value).not.toMatch(/[+/=]/);
    expect(JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))).toEqual({
      uid: '99999999-8888-4777-8666-555555555555',
      utid: '11111111-2222-4333-8444-555555555555',
    });
    expect(decodeClientInfo(value).utid).toBe('11111111-2222-4333-8444-555555555555');
  });
});
