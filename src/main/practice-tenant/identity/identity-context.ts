import type { Directory } from '../directory/directory';
import type { Knobs } from '../knobs/knobs';
import type { SigningKeys } from '../tokens/signing-keys';
import { type AuthorizationCodeStore, createAuthorizationCodeStore } from './authorization-codes';
import { type BrowserSessionStore, createBrowserSessionStore } from './browser-sessions';
import { createPendingFlowStore, type PendingFlowStore } from './pending-flow';
import { createRefreshTokenStore, type RefreshTokenStore } from './refresh-tokens';

/** What the identity platform half of the practice tenant needs from the server that mounts it. */
export interface IdentityDeps {
  readonly directory: Directory;
  readonly keys: SigningKeys;
  readonly knobs: Knobs;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  /** `https://127.0.0.1:PORT` of the authority server (no trailing slash). */
  readonly authorityOrigin: string;
  /** `https://127.0.0.1:PORT2` of the Graph server (no trailing slash). */
  readonly graphOrigin: string;
}

/** The identity platform's dependencies and its in-memory state (codes, refresh tokens, sessions, flows). */
export interface IdentityContext extends IdentityDeps {
  readonly codes: AuthorizationCodeStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly sessions: BrowserSessionStore;
  readonly flows: PendingFlowStore;
}

/** Creates the identity platform's state for one server run. */
export const createIdentityContext = (deps: IdentityDeps): IdentityContext => ({
  ...deps,
  authorityOrigin: deps.authorityOrigin.replace(/\/+$/, ''),
  graphOrigin: deps.graphOrigin.replace(/\/+$/, ''),
  codes: createAuthorizationCodeStore(deps.clock),
  refreshTokens: createRefreshTokenStore(deps.clock),
  sessions: createBrowserSessionStore(),
  flows: createPendingFlowStore(deps.clock),
});
