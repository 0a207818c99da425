import type { AccessTokenClaims } from '../tokens/access-token';

/** One request to the practice Graph, independent of HTTP (a top-level request or an item of a `$batch`). */
export interface GraphRequest {
  readonly method: string;
  /** Path below `/v1.0` with its query string, e.g. `/servicePrincipals?$filter=appId eq '…'`. */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body, if any. */
  readonly body?: unknown;
  /** The `request-id` Graph assigns (one per HTTP request; batch items share it as Graph's do). */
  readonly requestId: string;
  /** The caller's `client-request-id`, or the request ID when the caller sent none. */
  readonly clientRequestId: string;
}

/** Graph's answer to one request. */
export interface GraphResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** The caller of a Graph request, from its verified access token. */
export interface GraphCaller {
  readonly claims: AccessTokenClaims;
  readonly tenantId: string;
  /** Delegated (a user signed in, `scp`) or app-only (`roles`). */
  readonly kind: 'delegated' | 'application';
  /** The permission values the token carries. */
  readonly permissions: readonly string[];
}

/** The `Content-Type` Graph sends with JSON bodies. */
export const GRAPH_JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
