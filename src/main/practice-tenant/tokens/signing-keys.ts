import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * The key pair the practice tenant signs its tokens with; the public half is published in the JWKS document.
 *
 * One pair per server start: tokens of an earlier run are never valid against a new one.
 */
export interface SigningKeys {
  /** Key ID, carried in every token header (`kid`) and in the JWKS entry. */
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** The public key as a JWKS entry: `kty`, `use`, `kid`, `x5t`, `n`, `e`, like Microsoft's keys document. */
  readonly publicJwk: JWK;
}

/** Creates a fresh RS256 key pair for one practice tenant run. */
export const createSigningKeys = async (): Promise<SigningKeys> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  // Microsoft's `kid` (and `x5t`) is the base64url SHA-1 thumbprint of the signing certificate; the practice tenant
  // has no certificate for its key, so the RFC 7638 thumbprint of the key plays that role.
  // https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference#header-claims
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    privateKey,
    publicJwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e },
  };
};
