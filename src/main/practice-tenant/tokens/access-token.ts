import { compactVerify, importJWK, SignJWT } from 'jose';
import { z } from 'zod';
import type { SigningKeys } from './signing-keys';
import { NumericDate, tokenTimeClaims } from './token-times';

const Guid = z.guid();

/**
 * Claims of an access token for Microsoft Graph, in the v1.0 format that Microsoft Graph's tokens use whichever
 * endpoint issued them (Graph's app registration asks for v1.0 tokens).
 *
 * https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
 */
export const AccessTokenClaimsSchema = z
  .object({
    /** The resource: `https://graph.microsoft.com` for Graph. */
    aud: z.string().min(1),
    /** `https://sts.windows.net/{tid}/` for v1.0 tokens. */
    iss: z.string().min(1),
    ...tokenTimeClaims,
    /** `1` when the user signed in with a password only. */
    acr: z.string().optional(),
    /** Opaque; Microsoft uses it to reuse tokens. */
    aio: z.string().optional(),
    amr: z.array(z.string()).readonly().optional(),
    app_displayname: z.string().optional(),
    /** The client application's ID. */
    appid: Guid,
    /** `0` for a public client, `1` for a client secret, `2` for a certificate. */
    appidacr: z.enum(['0', '1', '2']),
    family_name: z.string().optional(),
    given_name: z.string().optional(),
    /** `user` for delegated tokens, `app` for app-only tokens (an optional claim Graph emits). */
    idtyp: z.enum(['user', 'app']).optional(),
    ipaddr: z.string().optional(),
    name: z.string().optional(),
    /** Object ID of the user (delegated) or of the client's service principal (app-only). */
    oid: Guid,
    platf: z.string().optional(),
    puid: z.string().optional(),
    rh: z.string().optional(),
    /** Delegated permissions granted to the client for this user, space-separated. */
    scp: z.string().optional(),
    /** Application permissions granted to the client (app-only tokens). */
    roles: z.array(z.string()).readonly().optional(),
    /** Pairwise subject: unique per user and client. */
    sub: z.string().min(1),
    tid: Guid,
    unique_name: z.string().optional(),
    upn: z.string().optional(),
    /** Token identifier (opaque). */
    uti: z.string().optional(),
    ver: z.literal('1.0').default('1.0'),
    /** Template IDs of the user's active directory roles. */
    wids: z.array(Guid).readonly().optional(),
    xms_tcdt: NumericDate.optional(),
  })
  .readonly();

/** Claims of an access token for Microsoft Graph (v1.0 format). */
export type AccessTokenClaims = z.infer<typeof AccessTokenClaimsSchema>;

/** Claims of an access token as given to {@link issueAccessToken}, before defaults (`ver`). */
export type AccessTokenClaimsInput = z.input<typeof AccessTokenClaimsSchema>;

/** Why an access token was refused. */
export const AccessTokenErrorReasonSchema = z.enum([
  'malformed',
  'signature',
  'expired',
  'not-yet-valid',
  'audience',
]);

/** Why an access token was refused. */
export type AccessTokenErrorReason = z.infer<typeof AccessTokenErrorReasonSchema>;

/** An access token the practice tenant did not issue, or not for this audience, or not valid now. */
export class AccessTokenError extends Error {
  override readonly name = 'AccessTokenError';
  constructor(
    readonly reason: AccessTokenErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** Signs an access token with the practice tenant's key (RS256, header `typ`, `alg`, `kid`, `x5t` as Microsoft). */
export const issueAccessToken = async (
  keys: SigningKeys,
  claims: AccessTokenClaimsInput,
): Promise<string> => {
  const payload = AccessTokenClaimsSchema.parse(claims);
  return new SignJWT({ ...payload })
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: keys.kid, x5t: keys.kid })
    .sign(keys.privateKey);
};

const audiencesMatch = (actual: string, expected: string): boolean =>
  actual.replace(/\/$/, '').toLowerCase() === expected.replace(/\/$/, '').toLowerCase();

/**
 * Checks an access token as a resource (Graph) does: issued by this practice tenant, for `audience`, valid at
 * `now` (milliseconds since the epoch). Returns its claims, or throws {@link AccessTokenError}.
 *
 * No clock skew is allowed: the practice tenant and Graph share one clock.
 */
export const verifyAccessToken = async (
  keys: SigningKeys,
  token: string,
  options: { readonly audience: string; readonly now: number },
): Promise<AccessTokenClaims> => {
  if (token.split('.').length !== 3)
    throw new AccessTokenError('malformed', 'The token is not a JWS compact JWT.');
  let payload: Uint8Array;
  try {
    const key = await importJWK({ ...keys.publicJwk, alg: 'RS256' }, 'RS256');
    const verified = await compactVerify(token, key, { algorithms: ['RS256'] });
    if (verified.protectedHeader.kid !== keys.kid) {
      throw new AccessTokenError('signature', 'The token was signed with an unknown key.');
    }
    payload = verified.payload;
  } catch (error) {
    if (error instanceof AccessTokenError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      throw new AccessTokenError('signature', 'The token signature is invalid.');
    }
    throw new AccessTokenError('malformed', 'The token could not be decoded.');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new AccessTokenError('malformed', 'The token payload is not JSON.');
  }
  const parsed = AccessTokenClaimsSchema.safeParse(json);
  if (!parsed.success) throw new AccessTokenError('malformed', 'The token lacks required claims.');
  const claims = parsed.data;
  const nowSeconds = options.now / 1000;
  if (nowSeconds >= claims.exp)
    throw new AccessTokenError('expired', 'Lifetime validation failed, the token is expired.');
  if (nowSeconds < claims.nbf) throw new AccessTokenError('not-yet-valid', 'The token is not yet valid.');
  if (!audiencesMatch(claims.aud, options.audience)) {
    throw new AccessTokenError('audience', `Invalid audience: ${claims.aud}.`);
  }
  return claims;
};
