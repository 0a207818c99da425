import { type CryptoKey, SignJWT } from 'jose';
import { z } from 'zod';
import type { SigningKeys } from './signing-keys';
import { tokenTimeClaims } from './token-times';

const Guid = z.guid();

/**
 * Claims of a v2.0 ID token, as the identity platform issues it to the signed-in client.
 *
 * https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference
 */
export const IdTokenClaimsSchema = z
  .object({
    /** The client's application ID. */
    aud: Guid,
    /** `{authority}/{tid}/v2.0`. */
    iss: z.string().min(1),
    ...tokenTimeClaims,
    aio: z.string().optional(),
    name: z.string().optional(),
    /** Echo of the authorization request's `nonce`; MSAL rejects a response whose nonce differs. */
    nonce: z.string().optional(),
    oid: Guid,
    preferred_username: z.string().optional(),
    rh: z.string().optional(),
    /** Session ID, stable for one browser session. */
    sid: z.string().optional(),
    /** Pairwise subject: unique per user and client. */
    sub: z.string().min(1),
    tid: Guid,
    uti: z.string().optional(),
    ver: z.literal('2.0').default('2.0'),
    /** Optional claim: template IDs of the user's active directory roles. */
    wids: z.array(Guid).readonly().optional(),
  })
  .readonly();

/** Claims of a v2.0 ID token. */
export type IdTokenClaims = z.infer<typeof IdTokenClaimsSchema>;

/** Claims of an ID token as given to {@link issueIdToken}, before defaults (`ver`). */
export type IdTokenClaimsInput = z.input<typeof IdTokenClaimsSchema>;

/** Signs an ID token with the practice tenant's key. */
export const issueIdToken = async (keys: SigningKeys, claims: IdTokenClaimsInput): Promise<string> => {
  const payload = IdTokenClaimsSchema.parse(claims);
  const key: CryptoKey = keys.privateKey;
  return new SignJWT({ ...payload })
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: keys.kid })
    .sign(key);
};
