import { randomUUID } from 'node:crypto';
import { DirectoryError } from './directory-error';
import type {
  Application,
  AppRoleAssignment,
  OAuth2PermissionGrant,
  Scenario,
  ServicePrincipal,
  Tenant,
  User,
} from './scenario';

/** How the directory learns the time and each tenant's replication delay. */
export interface DirectoryOptions {
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly clock?: () => number;
  /** Milliseconds during which a new object of the tenant stays invisible to Graph reads; 0 by default. */
  readonly replicationDelayMs?: (tenantId: string) => number;
}

/** Delegated consent as the consent page or the admin-consent endpoint records it. */
export interface DelegatedConsent {
  readonly clientAppId: string;
  readonly resourceAppId: string;
  readonly scopes: readonly string[];
  readonly consentType: 'AllPrincipals' | 'Principal';
  /** The consenting user, required for `Principal` consent. */
  readonly principalId?: string;
}

/** Application permissions granted by admin consent. */
export interface AppRoleConsent {
  readonly clientAppId: string;
  readonly resourceAppId: string;
  readonly appRoleIds: readonly string[];
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const splitScope = (scope: string): string[] => scope.split(' ').filter((s) => s !== '');

/** The union of two scope strings, keeping the first one's order. */
const mergeScopes = (current: string, added: readonly string[]): string => {
  const scopes = splitScope(current);
  for (const scope of added) if (!scopes.some((s) => same(s, scope))) scopes.push(scope);
  return scopes.join(' ');
};

/**
 * The practice tenants' directory: in-memory state loaded from a scenario, read by the identity platform and by
 * Microsoft Graph, changed by consent and by Graph writes.
 *
 * State is readonly data replaced on every change. Objects created at run time stay invisible to Graph reads for the
 * tenant's replication delay (see {@link Directory.isVisible}); the identity platform reads them at once.
 */
export class Directory {
  readonly #applications: Map<string, Application>;
  readonly #tenants: Map<string, Tenant>;
  // Object ID → the time from which Graph reads see it. Objects from the scenario are always visible.
  readonly #visibleFrom = new Map<string, number>();
  readonly #clock: () => number;
  readonly #replicationDelayMs: (tenantId: string) => number;

  constructor(scenario: Pick<Scenario, 'applications' | 'tenants'>, options: DirectoryOptions = {}) {
    this.#applications = new Map(scenario.applications.map((app) => [app.appId.toLowerCase(), app]));
    this.#tenants = new Map(scenario.tenants.map((tenant) => [tenant.id.toLowerCase(), tenant]));
    this.#clock = options.clock ?? Date.now;
    this.#replicationDelayMs = options.replicationDelayMs ?? (() => 0);
  }

  /** Every tenant, in scenario order. */
  get tenants(): readonly Tenant[] {
    return [...this.#tenants.values()];
  }

  /** The global registry of app registrations. */
  get applications(): readonly Application[] {
    return [...this.#applications.values()];
  }

  /** The directory's state as a scenario (without knobs), for saving. */
  snapshot(): Pick<Scenario, 'applications' | 'tenants'> {
    return { applications: this.applications, tenants: this.tenants };
  }

  /** The tenant with this ID or domain (case-insensitive). */
  findTenant(idOrDomain: string): Tenant | undefined {
    const key = idOrDomain.toLowerCase();
    return (
      this.#tenants.get(key) ??
      this.tenants.find((tenant) => tenant.domains.some((domain) => same(domain.id, key)))
    );
  }

  /** The tenant with this ID; throws when there is none. */
  tenant(tenantId: string): Tenant {
    const tenant = this.#tenants.get(tenantId.toLowerCase());
    if (tenant === undefined) throw new DirectoryError('not-found', `No tenant ${tenantId}`);
    return tenant;
  }

  /** The account with this user principal name, in whichever tenant holds it. */
  findUserByUpn(upn: string): { tenant: Tenant; user: User } | undefined {
    for (const tenant of this.#tenants.values()) {
      const user = tenant.users.find((u) => same(u.userPrincipalName, upn));
      if (user !== undefined) return { tenant, user };
    }
    return undefined;
  }

  /** The account with this object ID in a tenant. */
  findUser(tenantId: string, userId: string): User | undefined {
    return this.#tenants.get(tenantId.toLowerCase())?.users.find((u) => same(u.id, userId));
  }

  /** The app registration with this app (client) ID. */
  findApplication(appId: string): Application | undefined {
    return this.#applications.get(appId.toLowerCase());
  }

  /** The app registration whose identifier URI (e.g. `https://graph.microsoft.com`) or app ID is given. */
  findApplicationByResource(resource: string): Application | undefined {
    const key = resource.toLowerCase().replace(/\/+$/, '');
    return (
      this.findApplication(key) ??
      this.applications.find((app) => app.identifierUris.some((uri) => same(uri.replace(/\/+$/, ''), key)))
    );
  }

  /** The service principal of an app in a tenant. */
  findServicePrincipalByAppId(tenantId: string, appId: string): ServicePrincipal | undefined {
    return this.#tenants.get(tenantId.toLowerCase())?.servicePrincipals.find((sp) => same(sp.appId, appId));
  }

  /** The service principal with this object ID in a tenant. */
  findServicePrincipal(tenantId: string, id: string): ServicePrincipal | undefined {
    return this.#tenants.get(tenantId.toLowerCase())?.servicePrincipals.find((sp) => same(sp.id, id));
  }

  /**
   * The delegated scopes a client holds on a resource for a user: the union of the tenant-wide (AllPrincipals)
   * grant and the user's own (Principal) grants. Empty when either service principal is missing.
   */
  grantedDelegatedScopes(
    tenantId: string,
    clientAppId: string,
    userId: string,
    resourceAppId: string,
  ): readonly string[] {
    const tenant = this.#tenants.get(tenantId.toLowerCase());
    const client = this.findServicePrincipalByAppId(tenantId, clientAppId);
    const resource = this.findServicePrincipalByAppId(tenantId, resourceAppId);
    if (tenant === undefined || client === undefined || resource === undefined) return [];
    const scopes = tenant.oauth2PermissionGrants
      .filter(
        (grant) =>
          same(grant.clientId, client.id) &&
          same(grant.resourceId, resource.id) &&
          (grant.consentType === 'AllPrincipals' ||
            (grant.principalId !== null && same(grant.principalId, userId))),
      )
      .reduce((all, grant) => mergeScopes(all, splitScope(grant.scope)), '');
    return splitScope(scopes);
  }

  /** The values of the application permissions a client holds on a resource (for app-only tokens' `roles`). */
  grantedAppRoles(tenantId: string, clientAppId: string, resourceAppId: string): readonly string[] {
    const tenant = this.#tenants.get(tenantId.toLowerCase());
    const client = this.findServicePrincipalByAppId(tenantId, clientAppId);
    const resource = this.findServicePrincipalByAppId(tenantId, resourceAppId);
    const app = this.findApplication(resourceAppId);
    if (tenant === undefined || client === undefined || resource === undefined || app === undefined)
      return [];
    return tenant.appRoleAssignments
      .filter((a) => same(a.principalId, client.id) && same(a.resourceId, resource.id))
      .flatMap((a) => app.appRoles.filter((role) => same(role.id, a.appRoleId)).map((role) => role.value));
  }

  /** Template IDs of the user's active directory roles (PIM eligibilities are not active). */
  activeRoleTemplateIds(tenantId: string, userId: string): readonly string[] {
    const tenant = this.#tenants.get(tenantId.toLowerCase());
    if (tenant === undefined) return [];
    return [
      ...new Set(
        tenant.roleAssignments
          .filter((a) => same(a.principalId, userId) && a.directoryScopeId === '/')
          .map((a) => a.roleDefinitionId.toLowerCase()),
      ),
    ];
  }

  /** Template IDs of the roles the user is eligible for through PIM but has not activated. */
  eligibleRoleTemplateIds(tenantId: string, userId: string): readonly string[] {
    const tenant = this.#tenants.get(tenantId.toLowerCase());
    if (tenant === undefined) return [];
    return [
      ...new Set(
        tenant.roleEligibilitySchedules
          .filter((s) => same(s.principalId, userId))
          .map((s) => s.roleDefinitionId.toLowerCase()),
      ),
    ];
  }

  /**
   * Whether Graph reads see an object yet. Objects created at run time become visible after the tenant's
   * replication delay: https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
   */
  isVisible(objectId: string): boolean {
    const from = this.#visibleFrom.get(objectId.toLowerCase());
    return from === undefined || this.#clock() >= from;
  }

  /** Creates the service principal of a registered app in a tenant (Graph's `POST /servicePrincipals`). */
  createServicePrincipal(tenantId: string, appId: string): ServicePrincipal {
    const tenant = this.tenant(tenantId);
    const app = this.findApplication(appId);
    if (app === undefined) {
      throw new DirectoryError('not-found', `No application with appId ${appId} is registered.`);
    }
    if (app.signInAudience === 'AzureADMyOrg' && !same(app.homeTenantId, tenant.id)) {
      throw new DirectoryError('invalid', `The application ${appId} is not multi-tenant.`);
    }
    if (this.findServicePrincipalByAppId(tenant.id, appId) !== undefined) {
      throw new DirectoryError('conflict', `A service principal for appId ${appId} already exists.`);
    }
    const sp: ServicePrincipal = {
      id: randomUUID(),
      appId: app.appId,
      displayName: app.displayName,
      accountEnabled: true,
      createdDateTime: new Date(this.#clock()).toISOString(),
    };
    this.#replace(tenant.id, (t) => ({ ...t, servicePrincipals: [...t.servicePrincipals, sp] }), sp.id);
    return sp;
  }

  /** Records a delegated permission grant (Graph's `POST /oauth2PermissionGrants`). */
  createGrant(tenantId: string, grant: Omit<OAuth2PermissionGrant, 'id'>): OAuth2PermissionGrant {
    const tenant = this.tenant(tenantId);
    this.#requireServicePrincipal(tenant, grant.clientId, 'clientId');
    this.#requireServicePrincipal(tenant, grant.resourceId, 'resourceId');
    if ((grant.consentType === 'Principal') !== (grant.principalId !== null)) {
      throw new DirectoryError('invalid', 'principalId is required for Principal consent and only for it.');
    }
    if (grant.principalId !== null && this.findUser(tenant.id, grant.principalId) === undefined) {
      throw new DirectoryError('invalid', `No user ${grant.principalId} in the tenant.`);
    }
    const duplicate = tenant.oauth2PermissionGrants.some(
      (g) =>
        same(g.clientId, grant.clientId) &&
        same(g.resourceId, grant.resourceId) &&
        g.consentType === grant.consentType &&
        (g.principalId ?? '') === (grant.principalId?.toLowerCase() ?? ''),
    );
    if (duplicate) {
      throw new DirectoryError(
        'conflict',
        'A permission grant for this client, resource and principal exists.',
      );
    }
    const created: OAuth2PermissionGrant = {
      ...grant,
      clientId: grant.clientId.toLowerCase(),
      resourceId: grant.resourceId.toLowerCase(),
      principalId: grant.principalId?.toLowerCase() ?? null,
      id: grantId(),
    };
    this.#replace(
      tenant.id,
      (t) => ({ ...t, oauth2PermissionGrants: [...t.oauth2PermissionGrants, created] }),
      created.id,
    );
    return created;
  }

  /** Replaces the scopes of a delegated permission grant (Graph's `PATCH /oauth2PermissionGrants/{id}`). */
  updateGrantScope(tenantId: string, grantId: string, scope: string): OAuth2PermissionGrant {
    const tenant = this.tenant(tenantId);
    const grant = tenant.oauth2PermissionGrants.find((g) => g.id === grantId);
    if (grant === undefined) throw new DirectoryError('not-found', `No permission grant ${grantId}.`);
    const updated = { ...grant, scope };
    this.#replace(tenant.id, (t) => ({
      ...t,
      oauth2PermissionGrants: t.oauth2PermissionGrants.map((g) => (g.id === grantId ? updated : g)),
    }));
    return updated;
  }

  /** Deletes a delegated permission grant (Graph's `DELETE /oauth2PermissionGrants/{id}`). */
  deleteGrant(tenantId: string, grantId: string): void {
    const tenant = this.tenant(tenantId);
    if (!tenant.oauth2PermissionGrants.some((g) => g.id === grantId)) {
      throw new DirectoryError('not-found', `No permission grant ${grantId}.`);
    }
    this.#replace(tenant.id, (t) => ({
      ...t,
      oauth2PermissionGrants: t.oauth2PermissionGrants.filter((g) => g.id !== grantId),
    }));
  }

  /** Grants an application permission to a client service principal (Graph's `POST …/appRoleAssignedTo`). */
  createAppRoleAssignment(
    tenantId: string,
    assignment: Pick<AppRoleAssignment, 'principalId' | 'resourceId' | 'appRoleId'>,
  ): AppRoleAssignment {
    const tenant = this.tenant(tenantId);
    this.#requireServicePrincipal(tenant, assignment.principalId, 'principalId');
    const resource = this.#requireServicePrincipal(tenant, assignment.resourceId, 'resourceId');
    const role = this.findApplication(resource.appId)?.appRoles.find((r) => same(r.id, assignment.appRoleId));
    if (role === undefined || !role.allowedMemberTypes.includes('Application')) {
      throw new DirectoryError('invalid', 'Permission being assigned was not found on application');
    }
    const existing = tenant.appRoleAssignments.some(
      (a) =>
        same(a.principalId, assignment.principalId) &&
        same(a.resourceId, assignment.resourceId) &&
        same(a.appRoleId, assignment.appRoleId),
    );
    if (existing) {
      throw new DirectoryError('conflict', 'Permission being assigned already exists on the object');
    }
    const created: AppRoleAssignment = {
      appRoleId: assignment.appRoleId.toLowerCase(),
      principalId: assignment.principalId.toLowerCase(),
      resourceId: assignment.resourceId.toLowerCase(),
      id: assignmentId(assignment.principalId),
      createdDateTime: new Date(this.#clock()).toISOString(),
    };
    this.#replace(
      tenant.id,
      (t) => ({ ...t, appRoleAssignments: [...t.appRoleAssignments, created] }),
      created.id,
    );
    return created;
  }

  /**
   * Records delegated consent: creates the client's service principal from its application when missing, then
   * creates the grant or adds the scopes to it (consent never removes scopes).
   */
  consentDelegated(tenantId: string, consent: DelegatedConsent): void {
    const tenant = this.tenant(tenantId);
    const client = this.#ensureServicePrincipal(tenant.id, consent.clientAppId);
    const resource = this.findServicePrincipalByAppId(tenant.id, consent.resourceAppId);
    if (resource === undefined) {
      throw new DirectoryError(
        'not-found',
        `The tenant has no service principal for ${consent.resourceAppId}.`,
      );
    }
    const principalId = consent.consentType === 'Principal' ? (consent.principalId ?? null) : null;
    if (consent.consentType === 'Principal' && principalId === null) {
      throw new DirectoryError('invalid', 'Principal consent needs the consenting user.');
    }
    const existing = this.tenant(tenant.id).oauth2PermissionGrants.find(
      (g) =>
        same(g.clientId, client.id) &&
        same(g.resourceId, resource.id) &&
        g.consentType === consent.consentType &&
        (g.principalId ?? '') === (principalId?.toLowerCase() ?? ''),
    );
    if (existing === undefined) {
      this.createGrant(tenant.id, {
        clientId: client.id,
        resourceId: resource.id,
        consentType: consent.consentType,
        principalId,
        scope: mergeScopes('', consent.scopes),
      });
    } else {
      this.updateGrantScope(tenant.id, existing.id, mergeScopes(existing.scope, consent.scopes));
    }
  }

  /** Records admin consent to application permissions, creating the client's service principal when missing. */
  assignAppRoles(tenantId: string, consent: AppRoleConsent): void {
    const tenant = this.tenant(tenantId);
    const client = this.#ensureServicePrincipal(tenant.id, consent.clientAppId);
    const resource = this.findServicePrincipalByAppId(tenant.id, consent.resourceAppId);
    if (resource === undefined) {
      throw new DirectoryError(
        'not-found',
        `The tenant has no service principal for ${consent.resourceAppId}.`,
      );
    }
    for (const appRoleId of consent.appRoleIds) {
      const held = this.tenant(tenant.id).appRoleAssignments.some(
        (a) =>
          same(a.principalId, client.id) && same(a.resourceId, resource.id) && same(a.appRoleId, appRoleId),
      );
      if (!held) {
        this.createAppRoleAssignment(tenant.id, {
          principalId: client.id,
          resourceId: resource.id,
          appRoleId,
        });
      }
    }
  }

  #ensureServicePrincipal(tenantId: string, appId: string): ServicePrincipal {
    return this.findServicePrincipalByAppId(tenantId, appId) ?? this.createServicePrincipal(tenantId, appId);
  }

  #requireServicePrincipal(tenant: Tenant, id: string, field: string): ServicePrincipal {
    const sp = tenant.servicePrincipals.find((s) => same(s.id, id));
    if (sp === undefined) throw new DirectoryError('invalid', `${field} ${id} is not a service principal.`);
    return sp;
  }

  #replace(tenantId: string, change: (tenant: Tenant) => Tenant, createdId?: string): void {
    const key = tenantId.toLowerCase();
    this.#tenants.set(key, change(this.tenant(key)));
    if (createdId !== undefined) {
      this.#visibleFrom.set(createdId.toLowerCase(), this.#clock() + this.#replicationDelayMs(key));
    }
  }
}

// Graph's grant and assignment IDs are base64url strings rather than GUIDs; any opaque unique string behaves alike.
const grantId = (): string => Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');

const assignmentId = (principalId: string): string =>
  `${Buffer.from(principalId.replaceAll('-', ''), 'hex').toString('base64url')}${grantId().slice(0, 11)}`;
