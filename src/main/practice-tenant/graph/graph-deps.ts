import type { Directory } from '../directory/directory';
import type { Knobs } from '../knobs/knobs';
import type { AccessTokenClaims } from '../tokens/access-token';

/** What the practice Graph needs: the directory, the knobs, a clock and a way to verify access tokens. */
export interface GraphDeps {
  readonly directory: Directory;
  readonly knobs: Knobs;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  /**
   * Verifies a bearer token for Microsoft Graph (audience, signature, lifetime) and returns its claims; throws
   * `AccessTokenError` otherwise. The server binds `verifyAccessToken` to its keys and clock.
   */
  readonly verify: (token: string) => Promise<AccessTokenClaims>;
  /** The Graph origin, e.g. `https://127.0.0.1:4431`, for `@odata.context` and `@odata.nextLink`. */
  readonly origin: string;
  /** The authority origin, named in 401 answers' `WWW-Authenticate`. */
  readonly authorityOrigin?: string;
}
