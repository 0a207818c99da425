import { randomBytes } from 'node:crypto';

/**
 * How long an authorization code can be redeemed. Microsoft: "Authorization codes are short lived. Typically,
 * they expire after about 10 minutes." https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow
 */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;

/** What an authorization code stands for: a signed-in user's consented request, bound to PKCE and a redirect. */
export interface CodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly tenantId: string;
  readonly userId: string;
  /** The `scope` parameter of the authorization request, space-separated. */
  readonly scope: string;
  readonly nonce?: string;
  /** The browser session's ID (`sid` claim). */
  readonly sessionId: string;
}

/** The outcome of redeeming a code. */
export type CodeRedemption =
  | { readonly kind: 'ok'; readonly grant: CodeGrant }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'redeemed' };

/** The authorization codes a practice tenant has issued. */
export interface AuthorizationCodeStore {
  issue(grant: CodeGrant): string;
  /** Redeems a code once; a second redemption, or one after the lifetime, fails. */
  redeem(code: string): CodeRedemption;
}

/** Creates an empty code store on a clock (milliseconds since the epoch). */
export const createAuthorizationCodeStore = (clock: () => number): AuthorizationCodeStore => {
  const codes = new Map<string, { grant: CodeGrant; expiresAt: number; redeemed: boolean }>();
  return {
    issue(grant) {
      // Opaque to clients, like Microsoft's; long enough that it cannot be guessed.
      const code = `1.${randomBytes(48).toString('base64url')}`;
      codes.set(code, { grant, expiresAt: clock() + AUTHORIZATION_CODE_LIFETIME_MS, redeemed: false });
      return code;
    },
    redeem(code) {
      const entry = codes.get(code);
      if (entry === undefined) return { kind: 'unknown' };
      if (entry.redeemed) return { kind: 'redeemed' };
      if (clock() >= entry.expiresAt) return { kind: 'expired' };
      entry.redeemed = true;
      return { kind: 'ok', grant: entry.grant };
    },
  };
};
