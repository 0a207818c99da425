import { type AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import type { Cloud } from '../../shared/cloud/cloud';
import { guidanceFromTokenRenewal } from '../../shared/guidance/from-sign-in-error';
import { runGuidance } from '../../shared/guidance/run-guidance';
import type { SignedInAccount } from '../../shared/onboarding/run-entry';
import { signInScopes } from '../../shared/onboarding/sign-in-scopes';
import type { SendBatch } from '../graph/batch';
import { createGraphSession, GraphBatchError, type GraphSession } from '../graph/graph-session';
import { type HttpClient, msalNetworkClient } from '../net/http-client';
import type { SignInBrowser } from '../sign-in/browser-opener';
import { SignInFailed, signInInteractively } from './interactive-sign-in';
import { StepStopped } from './run-errors';

/** An administrator signed in to a run: Microsoft Graph with their token, renewed as it nears its end. */
export interface SignInSession {
  /** Who signed in, from the ID token. */
  readonly account: SignedInAccount;
  /** Graph's `$batch`, sent once more with a fresh token when Graph answers 401. */
  readonly sendBatch: SendBatch;
  /** The next page of a Graph collection (`@odata.nextLink`). */
  readonly fetchPage: GraphSession['fetchPage'];
  /** Forgets the tokens: the session's account leaves msal-node's in-memory cache. */
  drop(): void;
}

/** What a sign-in needs. */
export interface SignInOptions {
  readonly cloud: Cloud;
  /** The client's tenant: the authority is the tenant itself, never `common`. */
  readonly tenantId: string;
  /** The tool's sign-in app in the tenant's cloud. */
  readonly clientId: string;
  /** Whether the authority is the practice tenant (trusted as a known authority). */
  readonly practice: boolean;
  readonly prompt: 'select_account' | 'login';
  readonly domainHint: string | null;
  readonly http: HttpClient;
  readonly browser: SignInBrowser;
  readonly timeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly signal: AbortSignal;
  readonly now: () => Date;
  readonly onGraphRequest?: (method: string, url: string, status: number) => void;
}

/**
 * Signs the client's administrator in (msal-node, interactive, in the run's own browser session) and opens
 * Microsoft Graph with the token. A sign-in that ends without a token stops the step with its guidance.
 */
export const signInAdministrator = async (options: SignInOptions): Promise<SignInSession> => {
  const { cloud, http } = options;
  const pca = new PublicClientApplication({
    auth: {
      clientId: options.clientId,
      // The client's own tenant, never `common`: Microsoft refuses accounts of other tenants there.
      authority: `${cloud.authorityOrigin}/${options.tenantId}`,
      knownAuthorities: options.practice ? [new URL(cloud.authorityOrigin).host] : [],
    },
    system: { networkClient: msalNetworkClient(http) },
  });
  const scopes = signInScopes(cloud.graphResourceId);
  let result: AuthenticationResult;
  try {
    result = await signInInteractively({
      pca,
      scopes,
      prompt: options.prompt,
      domainHint: options.domainHint ?? undefined,
      browser: options.browser,
      fetch: http.fetch,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof SignInFailed) throw new StepStopped(error.guidance);
    throw error;
  }

  // A renewal that fails inside the Graph SDK (its authentication handler asks for the token) reaches the caller
  // wrapped in the SDK's own error; the step stops with the renewal's guidance instead.
  let renewalFailed: StepStopped | null = null;
  const renewalFirst = async <T>(request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      const failed = renewalFailed;
      renewalFailed = null;
      throw failed ?? error;
    }
  };
  const refresh = async (force: boolean): Promise<void> => {
    const account = result.account;
    if (account === null)
      throw new StepStopped(runGuidance('token-renewal-failed', 'The sign-in has no account to renew.'));
    try {
      result = await pca.acquireTokenSilent({ account, scopes: [...scopes], forceRefresh: force });
    } catch (error) {
      renewalFailed = new StepStopped(guidanceFromTokenRenewal(error));
      throw renewalFailed;
    }
  };
  const graph = createGraphSession({
    graphOrigin: cloud.graphOrigin,
    fetch: http.fetch,
    getAccessToken: async () => {
      const expiresOn = result.expiresOn?.getTime() ?? 0;
      // Renewed five minutes early, as msal-node itself does, so a long verification never sends an expired token.
      if (expiresOn - options.now().getTime() <= 5 * 60_000) await refresh(false);
      return result.accessToken;
    },
    onRequest: options.onGraphRequest,
    requestTimeoutMs: options.requestTimeoutMs,
  });
  const claims = (result.idTokenClaims ?? {}) as { oid?: string; tid?: string; name?: string };
  return {
    account: {
      userPrincipalName: result.account?.username ?? '',
      displayName: result.account?.name ?? claims.name ?? null,
      objectId: claims.oid ?? result.uniqueId,
      tenantId: claims.tid ?? result.tenantId,
    },
    // A token Graph refuses (expired or revoked) is renewed once, and the batch sent again.
    sendBatch: (items) =>
      renewalFirst(async () => {
        try {
          return await graph.sendBatch(items);
        } catch (error) {
          if (!(error instanceof GraphBatchError) || error.statusCode !== 401) throw error;
          await refresh(true);
          return graph.sendBatch(items);
        }
      }),
    fetchPage: (nextLink) => renewalFirst(() => graph.fetchPage(nextLink)),
    drop() {
      const cache = pca.getTokenCache();
      void cache
        .getAllAccounts()
        .then((accounts) => Promise.all(accounts.map((a) => cache.removeAccount(a))));
    },
  };
};
