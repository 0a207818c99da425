import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AccessTokenClaimsInput,
  AccessTokenError,
  issueAccessToken,
  verifyAccessToken,
} from '../../../../src/main/practice-tenant/tokens/access-token';
import {
  createSigningKeys,
  type SigningKeys,
} from '../../../../src/main/practice-tenant/tokens/signing-keys';

const tid = '11111111-2222-4333-8444-555555555555';
const now = Date.UTC(2026, 0, 15, 10, 0, 0);
const nowSeconds = now / 1000;

const claims = (overrides: Partial<AccessTokenClaimsInput> = {}): AccessTokenClaimsInput => ({
  aud: 'https://graph.microsoft.com',
  iss: `https://sts.windows.net/${tid}/`,
  iat: nowSeconds,
  nbf: nowSeconds,
  exp: nowSeconds + 3600,
  appid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  appidacr: '0',
  oid: '99999999-8888-4777-8666-555555555555',
  sub: 'pairwise-subject',
  tid,
  scp: 'Application.Read.All User.Read',
  wids: ['62e90394-69f5-4237-9190-012177145e10'],
  upn: 'admin@contoso.onmicrosoft.com',
  ...overrides,
});

const reasonOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof AccessTokenError) return error.reason;
    throw error;
  }
};

describe('access tokens for Microsoft Graph', () => {
  let keys: SigningKeys;
  beforeAll(async () => {
    keys = await createSigningKeys();
  });

  it('are v1.0 JWTs signed RS256 with the key ID Graph looks up', async () => {
    const token = await issueAccessToken(keys, claims());
    expect(decodeProtectedHeader(token)).toMatchObject({ typ: 'JWT', alg: 'RS256', kid: keys.kid });
    expect(decodeJwt(token)).toMatchObject({
      ver: '1.0',
      iss: `https://sts.windows.net/${tid}/`,
      appidacr: '0',
    });
  });

  it('verify back to their claims for the right audience and time', async () => {
    const token = await issueAccessToken(keys, claims());
    const verified = await verifyAccessToken(keys, token, { audience: 'https://graph.microsoft.com', now });
    expect(verified.scp).toBe('Application.Read.All User.Read');
    expect(verified.wids).toEqual(['62e90394-69f5-4237-9190-012177145e10']);
  });

  it('are refused once expired, before nbf, or for another audience', async () => {
    const token = await issueAccessToken(keys, claims());
    expect(
      await reasonOf(
        verifyAccessToken(keys, token, { audience: 'https://graph.microsoft.com', now: now + 3600_000 }),
      ),
    ).toBe('expired');
    expect(
      await reasonOf(
        verifyAccessToken(keys, token, { audience: 'https://graph.microsoft.com', now: now - 1000 }),
      ),
    ).toBe('not-yet-valid');
    expect(
      await reasonOf(verifyAccessToken(keys, token, { audience: 'https://outlook.office365.com', now })),
    ).toBe('audience');
  });

  it('are refused when signed by another run of the practice tenant or tampered with', async () => {
    const other = await createSigningKeys();
    const foreign = await issueAccessToken(other, claims());
    expect(
      await reasonOf(verifyAccessToken(keys, foreign, { audience: 'https://graph.microsoft.com', now })),
    ).toBe('signature');

    const [header, , signature] = (await issueAccessToken(keys, claims())).split('.');
    const forgedPayload = Buffer.from(JSON.stringify(claims({ scp: 'Directory.ReadWrite.All' }))).toString(
      'base64url',
    );
    expect(
      await reasonOf(
        verifyAccessToken(keys, `${header}.${forgedPayload}.${signature}`, {
          audience: 'https://graph.microsoft.com',
          now,
        }),
      ),
    ).toBe('signature');
  });

  it('are refused as malformed when not a JWT', async () => {
    expect(
      await reasonOf(
        verifyAccessToken(keys, 'not-a-token', { audience: 'https://graph.microsoft.com', now }),
      ),
    ).toBe('malformed');
    expect(
      await reasonOf(verifyAccessToken(keys, 'a.b.c', { audience: 'https://graph.microsoft.com', now })),
    ).toBe('malformed');
  });
});
