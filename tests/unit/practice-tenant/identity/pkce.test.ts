import { describe, expect, it } from 'vitest';
import {
  isS256Challenge,
  s256Challenge,
  verifyPkce,
} from '../../../../src/main/practice-tenant/identity/pkce';

describe('PKCE (S256)', () => {
  it("matches RFC 7636's worked example", () => {
    // RFC 7636 Appendix B.
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('accepts the verifier of the challenge and refuses any other or a malformed one', () => {
    const verifier = 'a'.repeat(43);
    const challenge = s256Challenge(verifier);
    expect(isS256Challenge(challenge)).toBe(true);
    expect(verifyPkce(verifier, challenge)).toBe(true);
    expect(verifyPkce(`${verifier}b`, challenge)).toBe(false);
    expect(verifyPkce('short', s256Challenge('short'))).toBe(false);
  });
});
