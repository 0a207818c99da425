import { createHash, timingSafeEqual } from 'node:crypto';

// RFC 7636 §4.1: 43 to 128 characters of the unreserved set. An S256 challenge is the 43-character base64url
// SHA-256 of the verifier (§4.2).
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const S256_CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

/** Whether a `code_challenge` has the shape of an S256 challenge. */
export const isS256Challenge = (challenge: string): boolean => S256_CHALLENGE.test(challenge);

/** The S256 challenge of a verifier: BASE64URL(SHA256(ASCII(code_verifier))), RFC 7636 §4.2. */
export const s256Challenge = (verifier: string): string =>
  createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** Whether `verifier` proves possession of the S256 `challenge` sent with the authorization request. */
export const verifyPkce = (verifier: string, challenge: string): boolean => {
  if (!VERIFIER.test(verifier)) return false;
  const expected = Buffer.from(challenge, 'ascii');
  const actual = Buffer.from(s256Challenge(verifier), 'ascii');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};
