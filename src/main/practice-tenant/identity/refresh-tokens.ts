import { randomBytes } from 'node:crypto';

/**
 * Refresh tokens for public clients live 24 hours when issued to a single-page app and 90 days otherwise, with a
 * sliding window: https://learn.microsoft.com/entra/identity-platform/refresh-tokens#token-lifetime
 */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

/** What a refresh token stands for. */
export interface RefreshGrant {
  readonly clientId: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly sessionId: string;
}

/** The outcome of looking up a refresh token. */
export type RefreshLookup =
  | { readonly kind: 'ok'; readonly grant: RefreshGrant }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'expired' };

/** The refresh tokens a practice tenant has issued (opaque strings, as Microsoft's are to clients). */
export interface RefreshTokenStore {
  issue(grant: RefreshGrant): string;
  find(token: string): RefreshLookup;
}

/** Creates an empty refresh token store on a clock (milliseconds since the epoch). */
export const createRefreshTokenStore = (clock: () => number): RefreshTokenStore => {
  const tokens = new Map<string, { grant: RefreshGrant; expiresAt: number }>();
  return {
    issue(grant) {
      const token = `1.${randomBytes(96).toString('base64url')}`;
      tokens.set(token, { grant, expiresAt: clock() + REFRESH_TOKEN_LIFETIME_MS });
      return token;
    },
    find(token) {
      const entry = tokens.get(token);
      if (entry === undefined) return { kind: 'unknown' };
      if (clock() >= entry.expiresAt) return { kind: 'expired' };
      return { kind: 'ok', grant: entry.grant };
    },
  };
};
