import { MICROSOFT_GRAPH_RESOURCE } from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinScenario,
  builtinTenantIds,
  builtinUserId,
  SIGN_IN_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { Directory } from '../../../../src/main/practice-tenant/directory/directory';
import type { GraphDeps } from '../../../../src/main/practice-tenant/graph/graph-deps';
import type { GraphRequest, GraphResponse } from '../../../../src/main/practice-tenant/graph/graph-exchange';
import { handleBatch, handleGraphRequest } from '../../../../src/main/practice-tenant/graph/graph-handler';
import { createKnobs, type Knobs } from '../../../../src/main/practice-tenant/knobs/knobs';
import {
  issueAccessToken,
  verifyAccessToken,
} from '../../../../src/main/practice-tenant/tokens/access-token';
import {
  createSigningKeys,
  type SigningKeys,
} from '../../../../src/main/practice-tenant/tokens/signing-keys';

/** A practice Graph without sockets, with a settable clock, and helpers to mint tokens and call it. */
export interface GraphFixture {
  readonly deps: GraphDeps;
  readonly directory: Directory;
  readonly knobs: Knobs;
  readonly keys: SigningKeys;
  now: number;
  /** A delegated token for a built-in account of the sign-in app. */
  userToken(
    tenant: keyof typeof builtinTenantIds,
    user: string,
    scp: string,
    extra?: object,
  ): Promise<string>;
  /** An app-only token for a client in a tenant. */
  appToken(tenant: keyof typeof builtinTenantIds, roles: readonly string[]): Promise<string>;
  call(
    token: string | undefined,
    method: string,
    url: string,
    body?: unknown,
    headers?: Readonly<Record<string, string>>,
  ): Promise<GraphResponse>;
  batch(token: string, body: unknown): Promise<GraphResponse>;
}

export const ORIGIN = 'https://127.0.0.1:4431';

export const createGraphFixture = async (): Promise<GraphFixture> => {
  const keys = await createSigningKeys();
  const knobs = createKnobs();
  const fixture = {
    now: Date.parse('2026-03-02T10:00:00Z'),
  } as GraphFixture;
  const clock = () => fixture.now;
  const directory = new Directory(builtinScenario(), {
    clock,
    replicationDelayMs: (tenantId) => knobs.tenant(tenantId).replicationDelaySeconds * 1000,
  });
  const deps: GraphDeps = {
    directory,
    knobs,
    clock,
    origin: ORIGIN,
    verify: (token) => verifyAccessToken(keys, token, { audience: MICROSOFT_GRAPH_RESOURCE, now: clock() }),
  };
  const seconds = () => Math.floor(fixture.now / 1000);
  const request = (
    token: string | undefined,
    method: string,
    url: string,
    body?: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): GraphRequest => ({
    method,
    url,
    headers: {
      ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body,
    requestId: 'b2b5b6f4-0000-4000-8000-000000000001',
    clientRequestId: 'c1c1c1c1-0000-4000-8000-000000000002',
  });
  return Object.assign(fixture, {
    deps,
    directory,
    knobs,
    keys,
    userToken: (tenant: keyof typeof builtinTenantIds, user: string, scp: string, extra: object = {}) =>
      issueAccessToken(keys, {
        aud: MICROSOFT_GRAPH_RESOURCE,
        iss: `https://sts.windows.net/${builtinTenantIds[tenant]}/`,
        iat: seconds(),
        nbf: seconds(),
        exp: seconds() + 3600,
        appid: SIGN_IN_APP_ID,
        appidacr: '0',
        oid: builtinUserId(tenant, user),
        sub: `sub-${user}`,
        tid: builtinTenantIds[tenant],
        scp,
        ...extra,
      }),
    appToken: (tenant: keyof typeof builtinTenantIds, roles: readonly string[]) =>
      issueAccessToken(keys, {
        aud: MICROSOFT_GRAPH_RESOURCE,
        iss: `https://sts.windows.net/${builtinTenantIds[tenant]}/`,
        iat: seconds(),
        nbf: seconds(),
        exp: seconds() + 3600,
        appid: SIGN_IN_APP_ID,
        appidacr: '1',
        oid: builtinUserId(tenant, 'app'),
        sub: 'app',
        tid: builtinTenantIds[tenant],
        idtyp: 'app',
        roles,
      }),
    call: (
      token: string | undefined,
      method: string,
      url: string,
      body?: unknown,
      headers?: Readonly<Record<string, string>>,
    ) => handleGraphRequest(deps, request(token, method, url, body, headers)),
    batch: async (token: string, body: unknown) =>
      (await handleBatch(deps, request(token, 'POST', '/$batch', body))).response,
  });
};

/** The body of a Graph response as a plain record. */
export const bodyOf = (response: GraphResponse): Record<string, unknown> =>
  response.body as Record<string, unknown>;

/** The `value` of a collection response. */
export const itemsOf = (response: GraphResponse): Record<string, unknown>[] =>
  bodyOf(response).value as Record<string, unknown>[];
