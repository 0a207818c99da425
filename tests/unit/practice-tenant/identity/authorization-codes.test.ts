import { describe, expect, it } from 'vitest';
import {
  AUTHORIZATION_CODE_LIFETIME_MS,
  createAuthorizationCodeStore,
} from '../../../../src/main/practice-tenant/identity/authorization-codes';

const grant = {
  clientId: 'c',
  redirectUri: 'http://localhost:1',
  codeChallenge: 'x',
  tenantId: 't',
  userId: 'u',
  scope: 'openid',
  sessionId: 's',
};

describe('authorization codes', () => {
  it('redeem once, then report reuse', () => {
    const store = createAuthorizationCodeStore(() => 0);
    const code = store.issue(grant);
    expect(store.redeem(code)).toEqual({ kind: 'ok', grant });
    expect(store.redeem(code)).toEqual({ kind: 'redeemed' });
    expect(store.redeem('not-a-code')).toEqual({ kind: 'unknown' });
  });

  it('expire after their lifetime', () => {
    let now = 0;
    const store = createAuthorizationCodeStore(() => now);
    const code = store.issue(grant);
    now = AUTHORIZATION_CODE_LIFETIME_MS;
    expect(store.redeem(code)).toEqual({ kind: 'expired' });
  });
});
