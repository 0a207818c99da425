import { randomUUID } from 'node:crypto';
import { DirectoryError } from './directory-error';
import type {
  Application,
  AppRoleAssignment,
  OAuth2PermissionGrant,
  RoleAssignableGroup,
  Scenario,
  ServicePrincipal,
  Tenant,
  User,
} from './scenario';

/** How the directory learns the time and each tenant's replication delay. */
export interface DirectoryOptions {
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly clock?: () => number;
  /**
   * Milliseconds during which a change in the tenant (a new, changed or deleted object) stays unseen by Graph reads;
   * 0 by default.
   */
  readonly replicationDelayMs?: (tenantId: string) => number;
}

/** The grant a client holds on a resource for everyone (`AllPrincipals`) or for one user (`Principal`). */
export interface GrantKey {
  /** Object ID of the client's service principal. */
  readonly clientId: string;
  /** Object ID of the resource's service principal. */
  readonly resourceId: string;
  readonly consentType: 'AllPrincipals' | 'Principal';
  readonly principalId: string | null;
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

/** The most a replica may lag behind (the knob's limit): changes older than that are seen by every replica. */
const MAX_REPLICA_LAG_MS = 3600 * 1000;

/** The tenant collections that change at run time, and the objects they hold. */
type ChangingCollection = 'servicePrincipals' | 'oauth2PermissionGrants' | 'appRoleAssignments';
type DirectoryObject = ServicePrincipal | OAuth2PermissionGrant | AppRoleAssignment;

/** A change Graph reads do not see yet. */
interface PendingChange {
  readonly tenantKey: string;
  readonly collection: ChangingCollection;
  readonly id: string;
  /** What Graph reads keep returning until `visibleFrom`: the object before the change, or nothing for a new one. */
  readonly before: DirectoryObject | undefined;
  readonly visibleFrom: number;
}

/** `list` with the object of this ID replaced by `next`, appended when absent, or removed when `next` is absent. */
const withObject = <T extends DirectoryObject>(list: readonly T[], id: string, next: T | undefined): T[] => {
  if (next === undefined) return list.filter((o) => o.id !== id);
  return list.some((o) => o.id === id) ? list.map((o) => (o.id === id ? next : o)) : [...list, next];
};

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
 * State is readonly data replaced on every change. Graph reads see a change (a new, changed or deleted object) only
 * after the tenant's replication delay (see {@link Directory.replicated}); the identity platform reads the current
 * state at once.
 */
export class Directory {
  readonly #applications: Map<string, Application>;
  readonly #tenants: Map<string, Tenant>;
  // Object ID (lower case) → its changes not yet seen by every replica, oldest first. Objects from the scenario are
  // always visible.
  readonly #pending = new Map<string, readonly PendingChange[]>();
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

  /**
   * Template IDs of the user's active directory roles, held directly or through a role-assignable group the user
   * is a member of (PIM eligibilities are not active):
   * https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept
   */
  activeRoleTemplateIds(tenantId: string, userId: string): readonly string[] {
    return this.#roleTemplateIds(tenantId, (t) => {
      const principals = [userId, ...this.roleAssignableGroupsOf(t.id, userId).map((g) => g.id)];
      return t.roleAssignments.filter(
        (a) => principals.some((p) => same(a.principalId, p)) && a.directoryScopeId === '/',
      );
    });
  }

  /** The role-assignable groups the user is a member of. */
  roleAssignableGroupsOf(tenantId: string, userId: string): readonly RoleAssignableGroup[] {
    const tenant = this.#tenants.get(tenantId.toLowerCase());
    return (tenant?.roleAssignableGroups ?? []).filter((g) => g.members.some((m) => same(m, userId)));
  }

  /** Template IDs of the roles the user is eligible for through PIM but has not activated. */
  eligibleRoleTemplateIds(tenantId: string, userId: string): readonly string[] {
    return this.#roleTemplateIds(tenantId, (t) =>
      t.roleEligibilitySchedules.filter((s) => same(s.principalId, userId)),
    );
  }

  #roleTemplateIds(
    tenantId: string,
    entries: (tenant: Tenant) => readonly { readonly roleDefinitionId: string }[],
  ): readonly string[] {
    const tenant = this.#tenants.get(tenantId.toLowerCase());
    if (tenant === undefined) return [];
    return [...new Set(entries(tenant).map((e) => e.roleDefinitionId.toLowerCase()))];
  }

  /**
   * Whether Graph reads see an object yet: false for an object created at run time until the tenant's replication
   * delay has passed: https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
   */
  isVisible(objectId: string): boolean {
    const first = this.#pending.get(objectId.toLowerCase())?.[0];
    return first === undefined || first.before !== undefined || this.#clock() >= first.visibleFrom;
  }

  /**
   * The tenant as Microsoft Graph reads it: changes still replicating are not applied yet, so a new object is
   * missing (404), a changed one shows its earlier properties and a deleted one is still listed. Directory data is
   * eventually consistent: https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
   *
   * `replicaLagMs` is how far behind the others the replica serving this read is: it sees each change that much
   * later, so two reads served by different replicas need not agree, and a later read can miss what an earlier one
   * saw.
   */
  replicated(tenantId: string, replicaLagMs = 0): Tenant {
    const current = this.tenant(tenantId);
    const key = current.id.toLowerCase();
    const now = this.#clock();
    let view = current;
    for (const [objectKey, all] of this.#pending) {
      const changes = all.filter((change) => now < change.visibleFrom + MAX_REPLICA_LAG_MS);
      if (changes.length === 0) {
        this.#pending.delete(objectKey);
        continue;
      }
      if (changes.length < all.length) this.#pending.set(objectKey, changes);
      // The first change this replica has not seen yet: the object is as it was before it.
      const unseen = changes.find((change) => now < change.visibleFrom + replicaLagMs);
      if (unseen === undefined || unseen.tenantKey !== key) continue;
      const list = view[unseen.collection] as readonly DirectoryObject[];
      view = { ...view, [unseen.collection]: withObject(list, unseen.id, unseen.before) } as Tenant;
    }
    return view;
  }

  /** The grant with this client, resource and principal in the tenant's current state (there is at most one). */
  findGrant(tenantId: string, key: GrantKey): OAuth2PermissionGrant | undefined {
    return this.#tenants
      .get(tenantId.toLowerCase())
      ?.oauth2PermissionGrants.find(
        (g) =>
          same(g.clientId, key.clientId) &&
          same(g.resourceId, key.resourceId) &&
          g.consentType === key.consentType &&
          (g.principalId ?? '').toLowerCase() === (key.principalId ?? '').toLowerCase(),
      );
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
    this.#write(tenant.id, 'servicePrincipals', sp.id, sp);
    return sp;
  }

  /**
   * Enables or disables a service principal for sign-in, as an administrator does with "Enabled for users to sign
   * in?" (Graph: `accountEnabled`). A disabled app gets AADSTS7000112 in that tenant.
   */
  setServicePrincipalEnabled(
    tenantId: string,
    servicePrincipalId: string,
    accountEnabled: boolean,
  ): ServicePrincipal {
    const tenant = this.tenant(tenantId);
    const sp = this.findServicePrincipal(tenant.id, servicePrincipalId);
    if (sp === undefined)
      throw new DirectoryError('not-found', `No service principal ${servicePrincipalId}.`);
    const updated = { ...sp, accountEnabled };
    this.#write(tenant.id, 'servicePrincipals', sp.id, updated);
    return updated;
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
    if (this.findGrant(tenant.id, grant) !== undefined) {
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
    this.#write(tenant.id, 'oauth2PermissionGrants', created.id, created);
    return created;
  }

  /** Replaces the scopes of a delegated permission grant (Graph's `PATCH /oauth2PermissionGrants/{id}`). */
  updateGrantScope(tenantId: string, grantId: string, scope: string): OAuth2PermissionGrant {
    const tenant = this.tenant(tenantId);
    const grant = tenant.oauth2PermissionGrants.find((g) => g.id === grantId);
    if (grant === undefined) throw new DirectoryError('not-found', `No permission grant ${grantId}.`);
    const updated = { ...grant, scope };
    this.#write(tenant.id, 'oauth2PermissionGrants', grant.id, updated);
    return updated;
  }

  /** Deletes a delegated permission grant (Graph's `DELETE /oauth2PermissionGrants/{id}`). */
  deleteGrant(tenantId: string, grantId: string): void {
    const tenant = this.tenant(tenantId);
    if (!tenant.oauth2PermissionGrants.some((g) => g.id === grantId)) {
      throw new DirectoryError('not-found', `No permission grant ${grantId}.`);
    }
    this.#write(tenant.id, 'oauth2PermissionGrants', grantId, undefined);
  }

  /**
   * Deletes a service principal (Graph's `DELETE /servicePrincipals/{id}`) with the delegated grants and app role
   * assignments that name it, as client or resource: Entra moves a deleted enterprise application to deleted items
   * for 30 days, and what referred to it is no longer read
   * (https://learn.microsoft.com/entra/identity/enterprise-apps/restore-application). Restoring is not simulated.
   */
  deleteServicePrincipal(tenantId: string, servicePrincipalId: string): void {
    const tenant = this.tenant(tenantId);
    const sp = this.findServicePrincipal(tenant.id, servicePrincipalId);
    if (sp === undefined)
      throw new DirectoryError('not-found', `No service principal ${servicePrincipalId}.`);
    for (const grant of tenant.oauth2PermissionGrants) {
      if (same(grant.clientId, sp.id) || same(grant.resourceId, sp.id))
        this.#write(tenant.id, 'oauth2PermissionGrants', grant.id, undefined);
    }
    for (const assignment of tenant.appRoleAssignments) {
      if (same(assignment.principalId, sp.id) || same(assignment.resourceId, sp.id))
        this.#write(tenant.id, 'appRoleAssignments', assignment.id, undefined);
    }
    this.#write(tenant.id, 'servicePrincipals', sp.id, undefined);
  }

  /** Removes an application permission (Graph's `DELETE …/appRoleAssignments/{id}` or `…/appRoleAssignedTo/{id}`). */
  deleteAppRoleAssignment(tenantId: string, assignmentId: string): void {
    const tenant = this.tenant(tenantId);
    if (!tenant.appRoleAssignments.some((a) => a.id === assignmentId)) {
      throw new DirectoryError('not-found', `No app role assignment ${assignmentId}.`);
    }
    this.#write(tenant.id, 'appRoleAssignments', assignmentId, undefined);
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
    this.#write(tenant.id, 'appRoleAssignments', created.id, created);
    return created;
  }

  /**
   * Records delegated consent: creates the client's service principal from its application when missing, then
   * creates the grant or adds the scopes to it (consent never removes scopes).
   */
  consentDelegated(tenantId: string, consent: DelegatedConsent): void {
    const principalId = consent.consentType === 'Principal' ? (consent.principalId ?? null) : null;
    if (consent.consentType === 'Principal' && principalId === null) {
      throw new DirectoryError('invalid', 'Principal consent needs the consenting user.');
    }
    const { tenant, client, resource } = this.#consentParties(tenantId, consent);
    const key = {
      clientId: client.id,
      resourceId: resource.id,
      consentType: consent.consentType,
      principalId,
    };
    const existing = this.findGrant(tenant.id, key);
    if (existing === undefined) {
      this.createGrant(tenant.id, { ...key, scope: mergeScopes('', consent.scopes) });
    } else {
      this.updateGrantScope(tenant.id, existing.id, mergeScopes(existing.scope, consent.scopes));
    }
  }

  /** Records admin consent to application permissions, creating the client's service principal when missing. */
  assignAppRoles(tenantId: string, consent: AppRoleConsent): void {
    const { tenant, client, resource } = this.#consentParties(tenantId, consent);
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

  /**
   * The tenant and both service principals of a consent. The resource's must exist (a tenant without the service
   * cannot get it by consent: AADSTS650052); the client's is created when missing, and only then, so a failed consent
   * writes nothing.
   */
  #consentParties(
    tenantId: string,
    consent: { readonly clientAppId: string; readonly resourceAppId: string },
  ): { tenant: Tenant; client: ServicePrincipal; resource: ServicePrincipal } {
    const tenant = this.tenant(tenantId);
    const resource = this.findServicePrincipalByAppId(tenant.id, consent.resourceAppId);
    if (resource === undefined) {
      throw new DirectoryError(
        'not-found',
        `The tenant has no service principal for ${consent.resourceAppId}.`,
      );
    }
    const client = this.#ensureServicePrincipal(tenant.id, consent.clientAppId);
    return { tenant, client, resource };
  }

  #ensureServicePrincipal(tenantId: string, appId: string): ServicePrincipal {
    return this.findServicePrincipalByAppId(tenantId, appId) ?? this.createServicePrincipal(tenantId, appId);
  }

  #requireServicePrincipal(tenant: Tenant, id: string, field: string): ServicePrincipal {
    const sp = tenant.servicePrincipals.find((s) => same(s.id, id));
    if (sp === undefined) throw new DirectoryError('invalid', `${field} ${id} is not a service principal.`);
    return sp;
  }

  /**
   * Puts `next` in place of the object with this ID (removing it when `next` is absent) and records the change as
   * replicating for the tenant's delay. Graph reads keep the state from before the first change still replicating.
   */
  #write<C extends ChangingCollection>(
    tenantId: string,
    collection: C,
    id: string,
    next: Tenant[C][number] | undefined,
  ): void {
    const key = tenantId.toLowerCase();
    const tenant = this.tenant(key);
    const list = tenant[collection] as readonly DirectoryObject[];
    this.#tenants.set(key, { ...tenant, [collection]: withObject(list, id, next) } as Tenant);
    const now = this.#clock();
    const earlier = this.#pending.get(id.toLowerCase()) ?? [];
    const last = earlier.at(-1);
    // A change made while the previous one is still replicating restarts the delay from the state before it.
    const restarts = last !== undefined && now < last.visibleFrom;
    const change: PendingChange = {
      tenantKey: key,
      collection,
      id,
      before: restarts ? last.before : list.find((o) => o.id === id),
      visibleFrom: now + this.#replicationDelayMs(key),
    };
    this.#pending.set(id.toLowerCase(), [...(restarts ? earlier.slice(0, -1) : earlier), change]);
  }
}

// Graph's grant and assignment IDs are base64url strings rather than GUIDs; any opaque unique string behaves alike.
const grantId = (): string => Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');

const assignmentId = (principalId: string): string =>
  `${Buffer.from(principalId.replaceAll('-', ''), 'hex').toString('base64url')}${grantId().slice(0, 11)}`;
