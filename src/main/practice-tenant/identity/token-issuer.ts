import { createHash, randomBytes } from 'node:crypto';
import { MICROSOFT_GRAPH_APP_ID } from '../catalog/first-party-apps';
import type { Directory } from '../directory/directory';
import type { Application, Tenant, User } from '../directory/scenario';
import { issueAccessToken } from '../tokens/access-token';
import { encodeClientInfo } from '../tokens/client-info';
import { issueIdToken } from '../tokens/id-token';
import type { SigningKeys } from '../tokens/signing-keys';

/**
 * Access tokens live 60 to 90 minutes; the practice tenant uses the low end.
 * https://learn.microsoft.com/entra/identity-platform/configurable-token-lifetimes#token-lifetime-policies-for-access-saml-and-id-tokens
 */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3599;

/**
 * Every member account's `wids` carries the "User" role template (the default member role) alongside its directory
 * roles: https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference#payload-claims
 */
const DEFAULT_USER_ROLE_TEMPLATE_ID = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

/** The successful token response of the v2.0 token endpoint. */
export interface TokenResponse {
  readonly token_type: 'Bearer';
  readonly scope: string;
  readonly expires_in: number;
  readonly ext_expires_in: number;
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly id_token?: string;
  readonly client_info: string;
}

/** What a token response is issued for. */
export interface TokenSubject {
  readonly client: Application;
  readonly tenant: Tenant;
  readonly user: User;
  readonly resource: Application;
  /** The OIDC scopes asked (`openid` gives an ID token). */
  readonly oidc: readonly string[];
  readonly nonce?: string;
  readonly sessionId: string;
  /** The refresh token to return, when `offline_access` was asked. */
  readonly refreshToken?: string;
}

/** Pairwise subject: a stable value per user and client that other clients cannot correlate. */
const pairwiseSubject = (userId: string, clientId: string): string =>
  createHash('sha256')
    .update(`${userId.toLowerCase()}|${clientId.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 43);

const opaque = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** The resource identifier used as `aud` and as the prefix of non-Graph scopes. */
export const resourceIdentifier = (resource: Application): string =>
  (resource.identifierUris[0] ?? resource.appId).replace(/\/+$/, '');

/**
 * Issues the tokens of a successful request. The access token carries only the delegated permissions the directory
 * holds for this client and user on the resource (tenant-wide grant plus the user's own), never merely the ones asked.
 */
export const issueTokens = async (
  deps: {
    readonly directory: Directory;
    readonly keys: SigningKeys;
    readonly clock: () => number;
    readonly authorityOrigin: string;
  },
  subject: TokenSubject,
): Promise<TokenResponse> => {
  const { directory, keys, authorityOrigin } = deps;
  const { client, tenant, user, resource } = subject;
  const now = Math.floor(deps.clock() / 1000);
  const granted = directory.grantedDelegatedScopes(tenant.id, client.appId, user.id, resource.appId);
  const wids = [...directory.activeRoleTemplateIds(tenant.id, user.id), DEFAULT_USER_ROLE_TEMPLATE_ID];
  const isGraph = resource.appId.toLowerCase() === MICROSOFT_GRAPH_APP_ID;

  const accessToken = await issueAccessToken(keys, {
    aud: resourceIdentifier(resource),
    iss: `https://sts.windows.net/${tenant.id}/`,
    iat: now,
    nbf: now,
    exp: now + ACCESS_TOKEN_LIFETIME_SECONDS,
    acr: '1',
    aio: opaque(48),
    amr: ['pwd'],
    app_displayname: client.displayName,
    appid: client.appId,
    appidacr: client.isPublicClient ? '0' : '1',
    family_name: user.surname ?? undefined,
    given_name: user.givenName ?? undefined,
    idtyp: 'user',
    ipaddr: '127.0.0.1',
    name: user.displayName,
    oid: user.id,
    rh: opaque(24),
    scp: granted.join(' '),
    sub: pairwiseSubject(user.id, client.appId),
    tid: tenant.id,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: opaque(16),
    ver: '1.0',
    wids,
    xms_tcdt: Math.floor(Date.parse(tenant.createdDateTime) / 1000),
  });

  const wantsIdToken = subject.oidc.includes('openid');
  const idToken = wantsIdToken
    ? await issueIdToken(keys, {
        aud: client.appId,
        iss: `${authorityOrigin}/${tenant.id}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + 3600,
        aio: opaque(48),
        name: subject.oidc.includes('profile') ? user.displayName : undefined,
        nonce: subject.nonce,
        oid: user.id,
        preferred_username: user.userPrincipalName,
        rh: opaque(24),
        sid: subject.sessionId,
        sub: pairwiseSubject(user.id, client.appId),
        tid: tenant.id,
        uti: opaque(16),
        ver: '2.0',
      })
    : undefined;

  // Microsoft lists Graph's permissions bare and other resources' with their identifier; the OIDC scopes bare.
  const prefix = isGraph ? '' : `${resourceIdentifier(resource)}/`;
  const scope = [
    ...granted
      .filter((s) => !['openid', 'profile', 'email', 'offline_access'].includes(s.toLowerCase()))
      .map((s) => `${prefix}${s}`),
    ...subject.oidc.filter((s) => s !== 'offline_access'),
  ].join(' ');

  return {
    token_type: 'Bearer',
    scope,
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    access_token: accessToken,
    ...(subject.refreshToken === undefined ? {} : { refresh_token: subject.refreshToken }),
    ...(idToken === undefined ? {} : { id_token: idToken }),
    client_info: encodeClientInfo(user.id, tenant.id),
  };
};
