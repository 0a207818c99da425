import { MICROSOFT_GRAPH_APP_ID } from '../catalog/first-party-apps';
import { AccessTokenError } from '../tokens/access-token';
import type { GraphDeps } from './graph-deps';
import { GraphFailure } from './graph-error';
import type { GraphCaller, GraphRequest } from './graph-exchange';

const unauthenticated = (deps: GraphDeps, message: string): GraphFailure =>
  new GraphFailure(401, 'InvalidAuthenticationToken', message, {
    // Graph names the authority and itself in its challenge, so a client can tell where to get a token.
    'WWW-Authenticate': `Bearer realm="", authorization_uri="${deps.authorityOrigin ?? 'https://login.microsoftonline.com'}/common/oauth2/authorize", client_id="${MICROSOFT_GRAPH_APP_ID}"`,
  });

const messageFor = (error: AccessTokenError): string => {
  switch (error.reason) {
    case 'expired':
      return 'Lifetime validation failed, the token is expired.';
    case 'not-yet-valid':
      return 'Lifetime validation failed, the token is not yet valid.';
    case 'audience':
      return 'Access token validation failure. Invalid audience.';
    case 'signature':
      return 'Access token validation failure.';
    case 'malformed':
      return 'IDX14100: JWT is not well formed, there are no dots (.).';
    default: {
      const never: never = error.reason;
      return String(never);
    }
  }
};

/**
 * Establishes who calls: verifies the bearer token and reads its permissions (`scp` for delegated tokens, `roles`
 * for app-only tokens). Throws Graph's 401 `InvalidAuthenticationToken` otherwise.
 */
export const authenticate = async (deps: GraphDeps, request: GraphRequest): Promise<GraphCaller> => {
  const header = request.headers.authorization ?? '';
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (token === undefined) throw unauthenticated(deps, 'Access token is empty.');
  let claims: Awaited<ReturnType<GraphDeps['verify']>>;
  try {
    claims = await deps.verify(token);
  } catch (error) {
    if (error instanceof AccessTokenError) throw unauthenticated(deps, messageFor(error));
    throw error;
  }
  const tenant = deps.directory.findTenant(claims.tid);
  if (tenant === undefined || tenant.id.toLowerCase() !== claims.tid.toLowerCase()) {
    throw unauthenticated(deps, 'Access token validation failure.');
  }
  if (claims.scp !== undefined) {
    if (deps.directory.findUser(tenant.id, claims.oid) === undefined) {
      throw unauthenticated(deps, 'Access token validation failure.');
    }
    return {
      claims,
      tenantId: tenant.id,
      kind: 'delegated',
      permissions: claims.scp.split(' ').filter((s) => s !== ''),
    };
  }
  return { claims, tenantId: tenant.id, kind: 'application', permissions: claims.roles ?? [] };
};
