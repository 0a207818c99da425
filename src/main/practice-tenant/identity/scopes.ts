import { MICROSOFT_GRAPH_APP_ID } from '../catalog/first-party-apps';
import type { Directory } from '../directory/directory';
import type { Application } from '../directory/scenario';
import type { AadstsError } from './aadsts';

/**
 * OpenID Connect scopes. The identity platform treats them as Microsoft Graph delegated permissions for consent:
 * https://learn.microsoft.com/entra/identity-platform/scopes-oidc#openid-connect-scopes
 */
export const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'offline_access'];

/** Delegated permissions asked of one resource. */
export interface DelegatedRequest {
  readonly resourceAppId: string;
  readonly values: readonly string[];
}

/** Application permissions asked of one resource (only through `/.default` at the admin-consent endpoint). */
export interface AppRoleRequest {
  readonly resourceAppId: string;
  readonly appRoleIds: readonly string[];
}

/** What a `scope` parameter asks for, resolved against the directory. */
export interface PermissionRequest {
  /** The resource the access token is for (Microsoft Graph when only OIDC scopes are asked). */
  readonly resource: Application;
  /** Whether the resource's permissions were asked as `{resource}/.default`. */
  readonly isDefault: boolean;
  /** The OIDC scopes asked. */
  readonly oidc: readonly string[];
  /** Delegated permissions by resource, the OIDC scopes included under Microsoft Graph. */
  readonly delegated: readonly DelegatedRequest[];
  /** Application permissions by resource (from the client's registration, for `/.default`). */
  readonly appRoles: readonly AppRoleRequest[];
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Splits a scope into resource and permission: `https://graph.microsoft.com/User.Read` → (graph, User.Read). */
const splitScope = (scope: string): { resource?: string; value: string } => {
  const slash = scope.lastIndexOf('/');
  if (slash <= 0 || !/^[a-z][a-z0-9+.-]*:|^[0-9a-f]{8}-/i.test(scope)) return { value: scope };
  return { resource: scope.slice(0, slash), value: scope.slice(slash + 1) };
};

/**
 * Resolves a `scope` parameter: OIDC scopes, `{resource}/{permission}`, bare permissions (Microsoft Graph's, as
 * the identity platform assumes), and `{resource}/.default` (every permission the client's registration lists for
 * that resource). One resource per request, as the identity platform requires (AADSTS28000).
 *
 * https://learn.microsoft.com/entra/identity-platform/scopes-oidc
 */
export const resolveScopes = (
  directory: Directory,
  client: Application,
  scopeParameter: string,
  tenantName: string,
):
  | { readonly ok: true; readonly request: PermissionRequest }
  | { readonly ok: false; readonly error: AadstsError } => {
  const tokens = scopeParameter.split(/\s+/).filter((s) => s !== '');
  const oidc = tokens.filter((t) => OIDC_SCOPES.some((o) => same(o, t))).map((t) => t.toLowerCase());
  const others = tokens.filter((t) => !OIDC_SCOPES.some((o) => same(o, t)));

  let resource: Application | undefined;
  let isDefault = false;
  const named: string[] = [];
  for (const token of others) {
    const { resource: name, value } = splitScope(token);
    const app =
      name === undefined
        ? directory.findApplication(MICROSOFT_GRAPH_APP_ID)
        : directory.findApplicationByResource(name);
    if (app === undefined) return { ok: false, error: { code: 500011, resource: name ?? token, tenantName } };
    if (resource !== undefined && !same(resource.appId, app.appId)) {
      return { ok: false, error: { code: 28000, scope: token } };
    }
    resource = app;
    if (value === '.default') {
      isDefault = true;
      continue;
    }
    const offered = app.oauth2PermissionScopes.find((s) => same(s.value, value) && s.isEnabled);
    if (offered === undefined) {
      return {
        ok: false,
        error: { code: 650053, appName: client.displayName, scope: value, resourceAppId: app.appId },
      };
    }
    named.push(offered.value);
  }

  const graph = directory.findApplication(MICROSOFT_GRAPH_APP_ID);
  const tokenResource = resource ?? graph;
  if (tokenResource === undefined) {
    return { ok: false, error: { code: 500011, resource: 'https://graph.microsoft.com', tenantName } };
  }

  const required = (kind: 'Scope' | 'Role', resourceApp: Application): string[] =>
    client.requiredResourceAccess
      .filter((r) => same(r.resourceAppId, resourceApp.appId))
      .flatMap((r) => r.resourceAccess.filter((a) => a.type === kind).map((a) => a.id));

  const delegatedOnResource = isDefault
    ? [
        ...named,
        ...required('Scope', tokenResource).flatMap((id) => {
          const scope = tokenResource.oauth2PermissionScopes.find((s) => same(s.id, id) && s.isEnabled);
          return scope === undefined ? [] : [scope.value];
        }),
      ]
    : named;

  const byResource = new Map<string, string[]>();
  const add = (resourceAppId: string, values: readonly string[]): void => {
    const list = byResource.get(resourceAppId) ?? [];
    for (const v of values) if (!list.some((x) => same(x, v))) list.push(v);
    byResource.set(resourceAppId, list);
  };
  if (oidc.length > 0) add(MICROSOFT_GRAPH_APP_ID, oidc);
  if (delegatedOnResource.length > 0) add(tokenResource.appId, delegatedOnResource);

  const appRoles: AppRoleRequest[] = [];
  if (isDefault) {
    // `/.default` at the admin-consent endpoint covers every resource the registration lists, both kinds
    // (https://learn.microsoft.com/entra/identity-platform/v2-admin-consent#request-the-permissions-from-a-directory-admin).
    for (const access of client.requiredResourceAccess) {
      const app = directory.findApplication(access.resourceAppId);
      if (app === undefined) continue;
      if (!same(app.appId, tokenResource.appId)) {
        add(
          app.appId,
          access.resourceAccess.flatMap((a) => {
            const scope =
              a.type === 'Scope'
                ? app.oauth2PermissionScopes.find((s) => same(s.id, a.id) && s.isEnabled)
                : undefined;
            return scope === undefined ? [] : [scope.value];
          }),
        );
      }
      const roleIds = access.resourceAccess
        .filter((a) => a.type === 'Role' && app.appRoles.some((r) => same(r.id, a.id) && r.isEnabled))
        .map((a) => a.id);
      if (roleIds.length > 0) appRoles.push({ resourceAppId: app.appId, appRoleIds: roleIds });
    }
  }

  return {
    ok: true,
    request: {
      resource: tokenResource,
      isDefault,
      oidc,
      delegated: [...byResource]
        .filter(([, values]) => values.length > 0)
        .map(([resourceAppId, values]) => ({ resourceAppId, values })),
      appRoles,
    },
  };
};
