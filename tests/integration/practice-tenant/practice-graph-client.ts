import { type AuthenticationProvider, Client } from '@microsoft/microsoft-graph-client';
import { Agent } from 'undici';
import { MICROSOFT_GRAPH_RESOURCE } from '../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinTenantIds,
  builtinUserId,
  SIGN_IN_APP_ID,
  signInAppScopes,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import type { PracticeTenant } from '../../../src/main/practice-tenant/server';
import { issueAccessToken } from '../../../src/main/practice-tenant/tokens/access-token';

/** A dispatcher that trusts only the practice tenant's certificate (never disables TLS checks). */
export const practiceDispatcher = (practice: PracticeTenant): Agent =>
  new Agent({ connect: { ca: practice.certificate } });

/** A delegated Graph token for a built-in account, signed by the practice tenant's key. */
export const practiceUserToken = async (
  practice: PracticeTenant,
  tenant: keyof typeof builtinTenantIds,
  user: string,
  scp: string = signInAppScopes.join(' '),
): Promise<string> => {
  const now = Math.floor(Date.now() / 1000);
  return issueAccessToken(practice.keys, {
    aud: MICROSOFT_GRAPH_RESOURCE,
    iss: `https://sts.windows.net/${builtinTenantIds[tenant]}/`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    appid: SIGN_IN_APP_ID,
    appidacr: '0',
    oid: builtinUserId(tenant, user),
    sub: `sub-${user}`,
    tid: builtinTenantIds[tenant],
    scp,
    upn: `${user}@example`,
  });
};

/** The real Graph SDK client pointed at the practice Graph, with its default middleware (RetryHandler on). */
export const practiceGraphClient = (practice: PracticeTenant, token: string, dispatcher: Agent): Client => {
  const authProvider: AuthenticationProvider = { getAccessToken: async () => token };
  return Client.initWithMiddleware({
    authProvider,
    baseUrl: practice.graph,
    defaultVersion: 'v1.0',
    customHosts: new Set(['127.0.0.1']),
    // Node's fetch takes an undici dispatcher: the practice certificate is trusted for this client only.
    fetchOptions: { dispatcher } as RequestInit,
  });
};
