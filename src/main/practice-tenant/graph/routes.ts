import { z } from 'zod';
import { MICROSOFT_GRAPH_APP_ID } from '../catalog/first-party-apps';
import {
  appConsentRoleIds,
  appRoleAssignmentRemoverRoleIds,
  pimReaderRoleIds,
  privilegedConsentRoleIds,
  servicePrincipalCreatorRoleIds,
  servicePrincipalManagerRoleIds,
} from '../directory/role-templates';
import type { ServicePrincipal, Tenant } from '../directory/scenario';
import type { GraphDeps } from './graph-deps';
import { accessDenied, badRequest, GraphFailure, notFound } from './graph-error';
import type { GraphCaller, GraphRequest, GraphResponse } from './graph-exchange';
import { GRAPH_JSON_CONTENT_TYPE } from './graph-exchange';
import { withNullProperties } from './null-properties';
import {
  advancedCastRefused,
  applyFilter,
  applySelect,
  type ODataQuery,
  page,
  parseODataQuery,
} from './odata-query';
import { authorize } from './permissions';
import {
  appRoleAssignmentShape,
  directoryRoleShape,
  domainShape,
  grantShape,
  organizationShape,
  roleAssignmentScheduleInstanceShape,
  roleAssignmentShape,
  roleEligibilityShape,
  servicePrincipalShape,
  userShape,
} from './resource-shapes';

/** Everything a route needs to answer one request. */
interface RouteContext {
  readonly deps: GraphDeps;
  readonly request: GraphRequest;
  readonly caller: GraphCaller;
  /**
   * The caller's tenant as Graph reads it: changes still replicating are not seen yet (a new object is missing, a
   * changed one shows its earlier properties, a deleted one is still there). Writes check duplicates against the
   * directory's current state instead, as Entra ID's primary copy does.
   */
  readonly tenant: Tenant;
  readonly query: ODataQuery;
  /** The absolute URL of the request (for `@odata.nextLink`). */
  readonly url: URL;
}

const json = (status: number, body: unknown): GraphResponse => ({
  status,
  headers: { 'Content-Type': GRAPH_JSON_CONTENT_TYPE },
  body,
});

const noContent = (): GraphResponse => ({ status: 204, headers: {} });

const contextUrl = (ctx: RouteContext, fragment: string): string =>
  `${ctx.deps.origin}/v1.0/$metadata#${fragment}`;

/** `fragment` with the `$select` list, as Graph writes it: `servicePrincipals(id,appId)`. */
const selected = (ctx: RouteContext, fragment: string): string =>
  ctx.query.select === undefined ? fragment : `${fragment}(${ctx.query.select.join(',')})`;

/**
 * An object as Graph sends it to this tenant: with the properties its `nullProperties` knob names as null, which
 * Microsoft's v1.0 metadata allows (see null-properties.ts).
 */
const answered = (ctx: RouteContext, item: Record<string, unknown>): Record<string, unknown> =>
  withNullProperties(item, ctx.deps.knobs.tenant(ctx.tenant.id).nullProperties);

const collection = (
  ctx: RouteContext,
  fragment: string,
  items: readonly Record<string, unknown>[],
  pageSize = 100,
): GraphResponse => {
  const { items: pageItems, nextLink } = page(items, ctx.query, pageSize, ctx.url);
  return json(200, {
    '@odata.context': contextUrl(ctx, selected(ctx, fragment)),
    // `$count=true` counts the whole collection, only in advanced queries: https://learn.microsoft.com/graph/aad-advanced-queries
    ...(ctx.query.advanced ? { '@odata.count': items.length } : {}),
    ...(nextLink === undefined ? {} : { '@odata.nextLink': nextLink }),
    value: pageItems.map((item) => applySelect(answered(ctx, item), ctx.query.select)),
  });
};

const entity = (
  ctx: RouteContext,
  fragment: string,
  item: Record<string, unknown>,
  status = 200,
): GraphResponse =>
  json(status, {
    '@odata.context': contextUrl(ctx, `${selected(ctx, fragment)}/$entity`),
    ...applySelect(answered(ctx, item), ctx.query.select),
  });

const same = (a: string | null | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();

const visibleServicePrincipals = (ctx: RouteContext): readonly ServicePrincipal[] =>
  ctx.tenant.servicePrincipals;

/** Resolves `{id}` or `(appId='{appId}')` to a visible service principal, or Graph's 404. */
const servicePrincipalByRef = (ctx: RouteContext, ref: string): ServicePrincipal => {
  const byAppId = /^\(appId='([^']*)'\)$/i.exec(ref);
  const sp = visibleServicePrincipals(ctx).find((s) =>
    byAppId?.[1] !== undefined ? same(s.appId, byAppId[1]) : ref.startsWith('/') && same(s.id, ref.slice(1)),
  );
  if (sp === undefined) throw notFound(byAppId?.[1] ?? ref.slice(1));
  return sp;
};

const spShape = (ctx: RouteContext, sp: ServicePrincipal): Record<string, unknown> =>
  servicePrincipalShape(sp, ctx.deps.directory.findApplication(sp.appId));

const grantsOf = (ctx: RouteContext) => ctx.tenant.oauth2PermissionGrants;

const assignmentsOf = (ctx: RouteContext) => ctx.tenant.appRoleAssignments;

const assignmentShape = (ctx: RouteContext, assignment: (typeof ctx.tenant.appRoleAssignments)[number]) =>
  appRoleAssignmentShape(
    assignment,
    ctx.deps.directory.findServicePrincipal(ctx.tenant.id, assignment.principalId),
    ctx.deps.directory.findServicePrincipal(ctx.tenant.id, assignment.resourceId),
  );

/** Delegated callers also need a directory role that may make the change (checked against the directory). */
const requireRole = (ctx: RouteContext, roleIds: readonly string[]): void => {
  if (ctx.caller.kind === 'application') return;
  const active = ctx.deps.directory.activeRoleTemplateIds(ctx.tenant.id, ctx.caller.claims.oid);
  if (!active.some((id) => roleIds.includes(id))) throw accessDenied();
};

const requireDelegated = (ctx: RouteContext): string => {
  if (ctx.caller.kind !== 'delegated') {
    throw badRequest('/me request is only valid with delegated authentication flow.', 'BadRequest');
  }
  return ctx.caller.claims.oid;
};

const parseBody = <T>(ctx: RouteContext, schema: z.ZodType<T>, resource: string): T => {
  const parsed = schema.safeParse(ctx.request.body);
  if (parsed.success) return parsed.data;
  const property = parsed.error.issues[0]?.path.join('.') ?? '';
  throw badRequest(
    property === ''
      ? 'Empty Payload. JSON content expected.'
      : `Invalid value specified for property '${property}' of resource '${resource}'.`,
  );
};

const invalidReference = (property: string, resource: string): GraphFailure =>
  badRequest(`Invalid value specified for property '${property}' of resource '${resource}'.`);

// ---- Routes -------------------------------------------------------------------------------------------------

const listOrganization = (ctx: RouteContext): GraphResponse => {
  authorize(ctx.caller, 'readOrganization');
  return collection(ctx, 'organization', [organizationShape(ctx.tenant)]);
};

const listDomains = (ctx: RouteContext): GraphResponse => {
  authorize(ctx.caller, 'readDomains');
  return collection(ctx, 'domains', ctx.tenant.domains.map(domainShape));
};

const getMe = (ctx: RouteContext): GraphResponse => {
  const oid = requireDelegated(ctx);
  authorize(ctx.caller, 'readMe');
  const user = ctx.deps.directory.findUser(ctx.tenant.id, oid);
  if (user === undefined) throw notFound(oid);
  return entity(ctx, 'users', userShape(user));
};

/**
 * `GET /me/transitiveMemberOf/microsoft.graph.directoryRole`: the caller's active roles, held directly, through a
 * role-assignable group or activated through PIM. The OData cast on a transitive membership list is an advanced
 * query: without `ConsistencyLevel: eventual` and `$count=true` Graph refuses it with `Request_UnsupportedQuery`.
 * https://learn.microsoft.com/graph/aad-advanced-queries#query-scenarios-that-require-advanced-query-capabilities
 */
const listMyDirectoryRoles = (ctx: RouteContext): GraphResponse => {
  const oid = requireDelegated(ctx);
  authorize(ctx.caller, 'readMyMemberships');
  if (!ctx.query.advanced) throw advancedCastRefused('transitiveMemberOf');
  const roles = ctx.deps.directory
    .activeRoleTemplateIds(ctx.tenant.id, oid)
    .map((templateId) => directoryRoleShape(ctx.tenant.id, templateId));
  return collection(ctx, 'directoryRoles', roles);
};

const listRoleAssignments = (ctx: RouteContext): GraphResponse => {
  authorize(ctx.caller, 'readRoleAssignments');
  const items = applyFilter(ctx.tenant.roleAssignments, ctx.query.filter, 'unifiedRoleAssignment', {
    principalId: (a) => a.principalId,
    roleDefinitionId: (a) => a.roleDefinitionId,
    directoryScopeId: (a) => a.directoryScopeId,
  });
  return collection(ctx, 'roleManagement/directory/roleAssignments', items.map(roleAssignmentShape));
};

/**
 * `GET /roleManagement/directory/roleAssignmentScheduleInstances`: active role assignments, permanent or activated
 * through PIM, each with the principal it was assigned to (a group's assignment names the group, with `memberType`
 * `Direct`). Delegated callers also need a role that may read PIM:
 * https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignmentscheduleinstances
 */
const listRoleAssignmentScheduleInstances = (ctx: RouteContext): GraphResponse => {
  authorize(ctx.caller, 'readRoleAssignmentScheduleInstances');
  requireRole(ctx, pimReaderRoleIds);
  const items = applyFilter(
    ctx.tenant.roleAssignments,
    ctx.query.filter,
    'unifiedRoleAssignmentScheduleInstance',
    {
      principalId: (a) => a.principalId,
      roleDefinitionId: (a) => a.roleDefinitionId,
      directoryScopeId: (a) => a.directoryScopeId,
      assignmentType: (a) => a.assignmentType,
      memberType: () => 'Direct',
    },
  );
  return collection(
    ctx,
    'roleManagement/directory/roleAssignmentScheduleInstances',
    items.map(roleAssignmentScheduleInstanceShape),
  );
};

const listRoleEligibilitySchedules = (ctx: RouteContext): GraphResponse => {
  authorize(ctx.caller, 'readRoleEligibilitySchedules');
  const items = applyFilter(
    ctx.tenant.roleEligibilitySchedules,
    ctx.query.filter,
    'unifiedRoleEligibilitySchedule',
    {
      principalId: (s) => s.principalId,
      roleDefinitionId: (s) => s.roleDefinitionId,
      directoryScopeId: (s) => s.directoryScopeId,
    },
  );
  return collection(
    ctx,
    'roleManagement/directory/roleEligibilitySchedules',
    items.map(roleEligibilityShape),
  );
};

const listServicePrincipals = (ctx: RouteContext): GraphResponse => {
  authorize(ctx.caller, 'readServicePrincipals');
  const items = applyFilter(visibleServicePrincipals(ctx), ctx.query.filter, 'servicePrincipal', {
    appId: (sp) => sp.appId,
    id: (sp) => sp.id,
    displayName: (sp) => sp.displayName,
  });
  return collection(
    ctx,
    'servicePrincipals',
    items.map((sp) => spShape(ctx, sp)),
  );
};

const CreateServicePrincipalSchema = z.looseObject({ appId: z.guid() });

/**
 * Whether the caller may create a service principal: an application caller with the permission may; a user needs
 * Global Administrator, Application Administrator, Cloud Application Administrator or Application Developer, unless
 * the tenant lets every user create them (Microsoft's default). A Privileged Role Administrator alone may not.
 * https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals
 */
const requireServicePrincipalCreator = (ctx: RouteContext): void => {
  if (ctx.caller.kind === 'application') return;
  if (ctx.deps.knobs.tenant(ctx.tenant.id).usersCanCreateServicePrincipals) return;
  requireRole(ctx, servicePrincipalCreatorRoleIds);
};

const createServicePrincipal = (ctx: RouteContext): GraphResponse => {
  authorize(ctx.caller, 'createServicePrincipal');
  requireServicePrincipalCreator(ctx);
  const { appId } = parseBody(ctx, CreateServicePrincipalSchema, 'ServicePrincipal');
  const app = ctx.deps.directory.findApplication(appId);
  if (
    app === undefined ||
    (app.signInAudience === 'AzureADMyOrg' && !same(app.homeTenantId, ctx.tenant.id))
  ) {
    throw badRequest(
      `The appId '${appId}' of the service principal does not reference a valid application object.`,
      'Request_BadRequest',
    );
  }
  if (ctx.deps.directory.findServicePrincipalByAppId(ctx.tenant.id, appId) !== undefined) {
    throw new GraphFailure(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      `The service principal cannot be created, updated, or restored because the service principal name ${appId} is already in use.`,
    );
  }
  const sp = ctx.deps.directory.createServicePrincipal(ctx.tenant.id, appId);
  return entity(ctx, 'servicePrincipals', spShape(ctx, sp), 201);
};

const getServicePrincipal = (ctx: RouteContext, ref: string): GraphResponse => {
  authorize(ctx.caller, 'readServicePrincipals');
  return entity(ctx, 'servicePrincipals', spShape(ctx, servicePrincipalByRef(ctx, ref)));
};

/**
 * `DELETE /servicePrincipals/{id}` or `(appId='…')`: 204 No Content, or 404 when there is no such service principal
 * (https://learn.microsoft.com/graph/api/serviceprincipal-delete).
 */
const deleteServicePrincipal = (ctx: RouteContext, ref: string): GraphResponse => {
  authorize(ctx.caller, 'deleteServicePrincipal');
  requireRole(ctx, servicePrincipalManagerRoleIds);
  ctx.deps.directory.deleteServicePrincipal(ctx.tenant.id, servicePrincipalByRef(ctx, ref).id);
  return noContent();
};

/**
 * `PATCH /servicePrincipals/{id}`: of a service principal's writable properties the practice tenant models only
 * `accountEnabled` (disable or enable an enterprise application); a request with others is refused rather than
 * half applied. 204 No Content (https://learn.microsoft.com/graph/api/serviceprincipal-update).
 */
const UpdateServicePrincipalSchema = z.strictObject({ accountEnabled: z.boolean() });

const updateServicePrincipal = (ctx: RouteContext, ref: string): GraphResponse => {
  authorize(ctx.caller, 'updateServicePrincipal');
  requireRole(ctx, servicePrincipalManagerRoleIds);
  const sp = servicePrincipalByRef(ctx, ref);
  const parsed = UpdateServicePrincipalSchema.safeParse(ctx.request.body);
  if (!parsed.success) {
    throw badRequest(
      'The practice tenant updates only accountEnabled (a boolean) of a service principal.',
      'Request_BadRequest',
    );
  }
  ctx.deps.directory.setServicePrincipalEnabled(ctx.tenant.id, sp.id, parsed.data.accountEnabled);
  return noContent();
};

/**
 * `DELETE /servicePrincipals/{id}/appRoleAssignments/{assignmentId}` (the service principal is the assignment's
 * principal) or `…/appRoleAssignedTo/{assignmentId}` (its resource): 204, or 404 when the service principal has no
 * such assignment on that side. https://learn.microsoft.com/graph/api/serviceprincipal-delete-approleassignments,
 * https://learn.microsoft.com/graph/api/serviceprincipal-delete-approleassignedto
 */
const deleteAppRoleAssignment = (
  ctx: RouteContext,
  ref: string,
  assignmentId: string,
  side: 'appRoleAssignments' | 'appRoleAssignedTo',
): GraphResponse => {
  authorize(ctx.caller, 'deleteAppRoleAssignment');
  requireRole(ctx, appRoleAssignmentRemoverRoleIds);
  const sp = servicePrincipalByRef(ctx, ref);
  const assignment = ctx.deps.directory
    .tenant(ctx.tenant.id)
    .appRoleAssignments.find(
      (a) =>
        a.id === assignmentId && same(side === 'appRoleAssignments' ? a.principalId : a.resourceId, sp.id),
    );
  if (assignment === undefined) throw notFound(assignmentId);
  ctx.deps.directory.deleteAppRoleAssignment(ctx.tenant.id, assignment.id);
  return noContent();
};

const listAppRoleAssignments = (
  ctx: RouteContext,
  ref: string,
  side: 'appRoleAssignments' | 'appRoleAssignedTo',
): GraphResponse => {
  authorize(ctx.caller, 'readAppRoleAssignments');
  const sp = servicePrincipalByRef(ctx, ref);
  const own = assignmentsOf(ctx).filter((a) =>
    side === 'appRoleAssignments' ? same(a.principalId, sp.id) : same(a.resourceId, sp.id),
  );
  const items = applyFilter(own, ctx.query.filter, 'appRoleAssignment', {
    principalId: (a) => a.principalId,
    resourceId: (a) => a.resourceId,
    appRoleId: (a) => a.appRoleId,
  });
  return collection(
    ctx,
    `servicePrincipals('${sp.id}')/${side}`,
    items.map((a) => assignmentShape(ctx, a)),
  );
};

const AppRoleAssignmentBodySchema = z.looseObject({
  principalId: z.guid(),
  resourceId: z.guid(),
  appRoleId: z.guid(),
});

const assignAppRole = (
  ctx: RouteContext,
  ref: string,
  side: 'appRoleAssignments' | 'appRoleAssignedTo',
): GraphResponse => {
  authorize(ctx.caller, 'assignAppRole');
  const sp = servicePrincipalByRef(ctx, ref);
  const body = parseBody(ctx, AppRoleAssignmentBodySchema, 'AppRoleAssignment');
  // The path names one end of the assignment; the body must agree with it.
  if (side === 'appRoleAssignedTo' && !same(body.resourceId, sp.id))
    throw invalidReference('resourceId', 'AppRoleAssignment');
  if (side === 'appRoleAssignments' && !same(body.principalId, sp.id)) {
    throw invalidReference('principalId', 'AppRoleAssignment');
  }
  const visible = visibleServicePrincipals(ctx);
  const principal = visible.find((s) => same(s.id, body.principalId));
  const resource = visible.find((s) => same(s.id, body.resourceId));
  if (principal === undefined) throw invalidReference('principalId', 'AppRoleAssignment');
  if (resource === undefined) throw invalidReference('resourceId', 'AppRoleAssignment');
  // Granting Microsoft Graph's app roles is reserved to Global and Privileged Role Administrators:
  // https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent#prerequisites
  requireRole(
    ctx,
    same(resource.appId, MICROSOFT_GRAPH_APP_ID) ? privilegedConsentRoleIds : appConsentRoleIds,
  );
  const app = ctx.deps.directory.findApplication(resource.appId);
  const role = app?.appRoles.find((r) => same(r.id, body.appRoleId));
  if (role === undefined || !role.allowedMemberTypes.includes('Application')) {
    throw badRequest(`Permission being assigned was not found on application '${resource.appId}'.`);
  }
  if (
    ctx.deps.directory
      .tenant(ctx.tenant.id)
      .appRoleAssignments.some(
        (a) =>
          same(a.principalId, principal.id) && same(a.resourceId, resource.id) && same(a.appRoleId, role.id),
      )
  ) {
    throw badRequest('Permission being assigned already exists on the object');
  }
  const created = ctx.deps.directory.createAppRoleAssignment(ctx.tenant.id, {
    principalId: principal.id,
    resourceId: resource.id,
    appRoleId: role.id,
  });
  return entity(ctx, `servicePrincipals('${sp.id}')/${side}`, assignmentShape(ctx, created), 201);
};

const grantFilter = {
  clientId: (g: { clientId: string }) => g.clientId,
  resourceId: (g: { resourceId: string }) => g.resourceId,
  consentType: (g: { consentType: string }) => g.consentType,
  principalId: (g: { principalId: string | null }) => g.principalId,
  id: (g: { id: string }) => g.id,
};

const listGrants = (ctx: RouteContext): GraphResponse => {
  authorize(ctx.caller, 'readGrants');
  const items = applyFilter(grantsOf(ctx), ctx.query.filter, 'oAuth2PermissionGrant', grantFilter);
  return collection(ctx, 'oauth2PermissionGrants', items.map(grantShape));
};

const listServicePrincipalGrants = (ctx: RouteContext, ref: string): GraphResponse => {
  authorize(ctx.caller, 'readGrants');
  const sp = servicePrincipalByRef(ctx, ref);
  const own = grantsOf(ctx).filter((g) => same(g.clientId, sp.id));
  const items = applyFilter(own, ctx.query.filter, 'oAuth2PermissionGrant', grantFilter);
  return collection(ctx, 'oauth2PermissionGrants', items.map(grantShape));
};

const findGrant = (ctx: RouteContext, id: string) => {
  const grant = grantsOf(ctx).find((g) => g.id === id);
  if (grant === undefined) throw notFound(id);
  return grant;
};

const getGrant = (ctx: RouteContext, id: string): GraphResponse => {
  authorize(ctx.caller, 'readGrants');
  return entity(ctx, 'oauth2PermissionGrants', grantShape(findGrant(ctx, id)));
};

const CreateGrantSchema = z.looseObject({
  clientId: z.guid(),
  consentType: z.enum(['AllPrincipals', 'Principal']),
  principalId: z.guid().nullable().optional(),
  resourceId: z.guid(),
  scope: z.string(),
});

const createGrant = (ctx: RouteContext): GraphResponse => {
  authorize(ctx.caller, 'writeGrants');
  requireRole(ctx, appConsentRoleIds);
  const body = parseBody(ctx, CreateGrantSchema, 'OAuth2PermissionGrant');
  const visible = visibleServicePrincipals(ctx);
  if (!visible.some((s) => same(s.id, body.clientId)))
    throw invalidReference('clientId', 'OAuth2PermissionGrant');
  if (!visible.some((s) => same(s.id, body.resourceId)))
    throw invalidReference('resourceId', 'OAuth2PermissionGrant');
  const principalId = body.principalId ?? null;
  if ((body.consentType === 'Principal') !== (principalId !== null)) {
    throw invalidReference('principalId', 'OAuth2PermissionGrant');
  }
  if (principalId !== null && ctx.deps.directory.findUser(ctx.tenant.id, principalId) === undefined) {
    throw invalidReference('principalId', 'OAuth2PermissionGrant');
  }
  const key = {
    clientId: body.clientId,
    resourceId: body.resourceId,
    consentType: body.consentType,
    principalId,
  };
  if (ctx.deps.directory.findGrant(ctx.tenant.id, key) !== undefined) {
    throw new GraphFailure(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      'Permission entry already exists.',
    );
  }
  const created = ctx.deps.directory.createGrant(ctx.tenant.id, { ...key, scope: body.scope });
  return entity(ctx, 'oauth2PermissionGrants', grantShape(created), 201);
};

/** A grant Graph reads see and that still exists: one deleted while the deletion replicates is 404 to writes. */
const writableGrant = (ctx: RouteContext, id: string) => {
  const grant = findGrant(ctx, id);
  if (!ctx.deps.directory.tenant(ctx.tenant.id).oauth2PermissionGrants.some((g) => g.id === grant.id)) {
    throw notFound(id);
  }
  return grant;
};

const UpdateGrantSchema = z.looseObject({ scope: z.string() });

const updateGrant = (ctx: RouteContext, id: string): GraphResponse => {
  authorize(ctx.caller, 'writeGrants');
  requireRole(ctx, appConsentRoleIds);
  const grant = writableGrant(ctx, id);
  const { scope } = parseBody(ctx, UpdateGrantSchema, 'OAuth2PermissionGrant');
  ctx.deps.directory.updateGrantScope(ctx.tenant.id, grant.id, scope);
  return noContent();
};

const deleteGrant = (ctx: RouteContext, id: string): GraphResponse => {
  authorize(ctx.caller, 'writeGrants');
  requireRole(ctx, appConsentRoleIds);
  ctx.deps.directory.deleteGrant(ctx.tenant.id, writableGrant(ctx, id).id);
  return noContent();
};

// ---- Dispatch -----------------------------------------------------------------------------------------------

type Handler = (ctx: RouteContext, ...groups: string[]) => GraphResponse;

// `(?:/[^/(]+|\(appId='[^']*'\))` matches a service principal named by object ID or by appId.
const SP_REF = "(/[^/(]+|\\(appId='[^']*'\\))";

const routes: readonly { method: string; pattern: RegExp; handler: Handler }[] = [
  { method: 'GET', pattern: /^\/organization$/i, handler: listOrganization },
  { method: 'GET', pattern: /^\/domains$/i, handler: listDomains },
  { method: 'GET', pattern: /^\/me$/i, handler: getMe },
  {
    method: 'GET',
    pattern: /^\/me\/transitiveMemberOf\/microsoft\.graph\.directoryRole$/i,
    handler: listMyDirectoryRoles,
  },
  { method: 'GET', pattern: /^\/roleManagement\/directory\/roleAssignments$/i, handler: listRoleAssignments },
  {
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleAssignmentScheduleInstances$/i,
    handler: listRoleAssignmentScheduleInstances,
  },
  {
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleEligibilitySchedules$/i,
    handler: listRoleEligibilitySchedules,
  },
  { method: 'GET', pattern: /^\/servicePrincipals$/i, handler: listServicePrincipals },
  { method: 'POST', pattern: /^\/servicePrincipals$/i, handler: createServicePrincipal },
  { method: 'GET', pattern: new RegExp(`^/servicePrincipals${SP_REF}$`, 'i'), handler: getServicePrincipal },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/servicePrincipals${SP_REF}$`, 'i'),
    handler: deleteServicePrincipal,
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/servicePrincipals${SP_REF}$`, 'i'),
    handler: updateServicePrincipal,
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/servicePrincipals${SP_REF}/appRoleAssignments/([^/]+)$`, 'i'),
    handler: (ctx, ref = '', id = '') => deleteAppRoleAssignment(ctx, ref, id, 'appRoleAssignments'),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/servicePrincipals${SP_REF}/appRoleAssignedTo/([^/]+)$`, 'i'),
    handler: (ctx, ref = '', id = '') => deleteAppRoleAssignment(ctx, ref, id, 'appRoleAssignedTo'),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/servicePrincipals${SP_REF}/appRoleAssignments$`, 'i'),
    handler: (ctx, ref = '') => listAppRoleAssignments(ctx, ref, 'appRoleAssignments'),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/servicePrincipals${SP_REF}/appRoleAssignedTo$`, 'i'),
    handler: (ctx, ref = '') => listAppRoleAssignments(ctx, ref, 'appRoleAssignedTo'),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/servicePrincipals${SP_REF}/appRoleAssignments$`, 'i'),
    handler: (ctx, ref = '') => assignAppRole(ctx, ref, 'appRoleAssignments'),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/servicePrincipals${SP_REF}/appRoleAssignedTo$`, 'i'),
    handler: (ctx, ref = '') => assignAppRole(ctx, ref, 'appRoleAssignedTo'),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/servicePrincipals${SP_REF}/oauth2PermissionGrants$`, 'i'),
    handler: listServicePrincipalGrants,
  },
  { method: 'GET', pattern: /^\/oauth2PermissionGrants$/i, handler: listGrants },
  { method: 'POST', pattern: /^\/oauth2PermissionGrants$/i, handler: createGrant },
  { method: 'GET', pattern: /^\/oauth2PermissionGrants\/([^/]+)$/i, handler: getGrant },
  { method: 'PATCH', pattern: /^\/oauth2PermissionGrants\/([^/]+)$/i, handler: updateGrant },
  { method: 'DELETE', pattern: /^\/oauth2PermissionGrants\/([^/]+)$/i, handler: deleteGrant },
];

/** Finds the route of a path, or answers as Graph does for unknown segments and methods. */
export const findRoute = (method: string, path: string): { handler: Handler; groups: string[] } => {
  const matching = routes.filter((route) => route.pattern.test(path));
  const route = matching.find((r) => r.method === method.toUpperCase());
  if (route !== undefined)
    return { handler: route.handler, groups: route.pattern.exec(path)?.slice(1) ?? [] };
  if (matching.length > 0) {
    throw new GraphFailure(
      405,
      'Request_BadRequest',
      `The HTTP method '${method.toUpperCase()}' is not supported.`,
    );
  }
  const segment =
    path
      .split('/')
      .filter((s) => s !== '')
      .at(-1) ?? '';
  throw badRequest(`Resource not found for the segment '${segment}'.`, 'BadRequest');
};

/** Answers one authenticated request (not `$batch`): routing, OData options, authorization, the change. */
export const dispatch = (
  deps: GraphDeps,
  request: GraphRequest,
  caller: GraphCaller,
  path: string,
  search: URLSearchParams,
  url: URL,
): GraphResponse => {
  const { handler, groups } = findRoute(request.method, path);
  // Each read is served by the next replica (with its own lag, when the tenant has replicas); writes check what they
  // refer to against the base view.
  const replicaLagMs =
    request.method.toUpperCase() === 'GET' ? deps.knobs.nextReplicaLagMs(caller.tenantId) : 0;
  const tenant = deps.directory.replicated(caller.tenantId, replicaLagMs);
  const query = parseODataQuery(search, request.headers);
  const ctx: RouteContext = { deps, request, caller, tenant, query, url };
  return handler(ctx, ...groups);
};
