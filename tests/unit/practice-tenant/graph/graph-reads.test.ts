import { beforeEach, describe, expect, it } from 'vitest';
import {
  MICROSOFT_GRAPH_APP_ID,
  MICROSOFT_TEAMS_APP_ID,
} from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinServicePrincipalId,
  builtinTenantIds,
  builtinUserId,
  SIGN_IN_APP_ID,
  signInAppScopes,
  TARGET_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { roleTemplates } from '../../../../src/main/practice-tenant/directory/role-templates';
import { bodyOf, createGraphFixture, type GraphFixture, itemsOf, ORIGIN } from './graph-fixture';

const SCOPES = signInAppScopes.join(' ');
const GA = roleTemplates.globalAdministrator.id;
let f: GraphFixture;
let admin: string;

beforeEach(async () => {
  f = await createGraphFixture();
  admin = await f.userToken('contoso', 'admin', SCOPES);
});

/** The OData cast on a transitive list is an advanced query: https://learn.microsoft.com/graph/aad-advanced-queries */
const ROLES_CAST = '/me/transitiveMemberOf/microsoft.graph.directoryRole?$count=true';
const EVENTUAL = { ConsistencyLevel: 'eventual' };

describe('tenant reads (shapes as in the Graph reference examples)', () => {
  it('GET /organization lists the tenant with its verified domains', async () => {
    const response = await f.call(admin, 'GET', '/organization');
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toMatch(/^application\/json;odata\.metadata=minimal/);
    expect(bodyOf(response)['@odata.context']).toBe(`${ORIGIN}/v1.0/$metadata#organization`);
    const [org] = itemsOf(response);
    expect(org).toMatchObject({
      id: builtinTenantIds.contoso,
      displayName: 'Contoso',
      tenantType: 'AAD',
      verifiedDomains: expect.arrayContaining([
        {
          capabilities: 'Email, OfficeCommunicationsOnline',
          isDefault: true,
          isInitial: false,
          name: 'contoso.com',
          type: 'Managed',
        },
      ]),
    });
  });

  it('GET /domains lists domains with their flags', async () => {
    const token = await f.userToken('contoso', 'admin', 'Directory.Read.All');
    const response = await f.call(token, 'GET', '/domains');
    expect(bodyOf(response)['@odata.context']).toBe(`${ORIGIN}/v1.0/$metadata#domains`);
    expect(
      itemsOf(response).map((d) => [d.id, d.isDefault, d.isInitial, d.isVerified, d.authenticationType]),
    ).toEqual([
      ['contoso.com', true, false, true, 'Managed'],
      ['contoso.onmicrosoft.com', false, true, true, 'Managed'],
    ]);
  });

  it('GET /me returns the signed-in user, and $select narrows it', async () => {
    const me = await f.call(admin, 'GET', '/me');
    expect(bodyOf(me)).toMatchObject({
      '@odata.context': `${ORIGIN}/v1.0/$metadata#users/$entity`,
      id: builtinUserId('contoso', 'admin'),
      userPrincipalName: 'admin@contoso.com',
      displayName: 'Adele Vance',
      businessPhones: [],
    });
    const selected = await f.call(admin, 'GET', '/me?$select=id,userPrincipalName');
    expect(bodyOf(selected)).toEqual({
      '@odata.context': `${ORIGIN}/v1.0/$metadata#users(id,userPrincipalName)/$entity`,
      id: builtinUserId('contoso', 'admin'),
      userPrincipalName: 'admin@contoso.com',
    });
  });

  it('lists active directory roles only: a PIM-eligible admin has none, but an eligibility schedule', async () => {
    const adminRoles = await f.call(admin, 'GET', ROLES_CAST, undefined, EVENTUAL);
    expect(bodyOf(adminRoles)['@odata.context']).toBe(`${ORIGIN}/v1.0/$metadata#directoryRoles`);
    expect(itemsOf(adminRoles)).toEqual([
      expect.objectContaining({
        '@odata.type': '#microsoft.graph.directoryRole',
        displayName: 'Global Administrator',
        roleTemplateId: GA,
        deletedDateTime: null,
      }),
    ]);
    expect(itemsOf(adminRoles)[0]?.id).not.toBe(GA);

    const pim = await f.userToken('contoso', 'pim', SCOPES);
    expect(itemsOf(await f.call(pim, 'GET', ROLES_CAST, undefined, EVENTUAL))).toEqual([]);
    const pimId = builtinUserId('contoso', 'pim');
    const assignments = await f.call(
      pim,
      'GET',
      `/roleManagement/directory/roleAssignments?$filter=principalId eq '${pimId}'`,
    );
    expect(bodyOf(assignments)['@odata.context']).toBe(
      `${ORIGIN}/v1.0/$metadata#roleManagement/directory/roleAssignments`,
    );
    expect(itemsOf(assignments)).toEqual([]);
    const eligibility = await f.call(
      pim,
      'GET',
      `/roleManagement/directory/roleEligibilitySchedules?$filter=principalId eq '${pimId}'`,
    );
    expect(itemsOf(eligibility)).toEqual([
      expect.objectContaining({
        principalId: pimId,
        roleDefinitionId: GA,
        directoryScopeId: '/',
        memberType: 'Direct',
        status: 'Provisioned',
        scheduleInfo: {
          startDateTime: '2025-01-15T08:00:00Z',
          recurrence: null,
          expiration: { type: 'noExpiration', endDateTime: null, duration: null },
        },
      }),
    ]);
  });

  it('filters role assignments by role definition', async () => {
    const response = await f.call(
      admin,
      'GET',
      `/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '${GA}'`,
    );
    expect(itemsOf(response)).toEqual([
      expect.objectContaining({
        principalId: builtinUserId('contoso', 'admin'),
        roleDefinitionId: GA,
        directoryScopeId: '/',
      }),
    ]);
  });
});

describe('service principals', () => {
  it('lists by appId (eq and in), gets by id and by appId', async () => {
    const eq = await f.call(admin, 'GET', `/servicePrincipals?$filter=appId eq '${MICROSOFT_GRAPH_APP_ID}'`);
    const [graph] = itemsOf(eq);
    expect(bodyOf(eq)['@odata.context']).toBe(`${ORIGIN}/v1.0/$metadata#servicePrincipals`);
    expect(graph).toMatchObject({
      id: builtinServicePrincipalId('contoso', MICROSOFT_GRAPH_APP_ID),
      appId: MICROSOFT_GRAPH_APP_ID,
      displayName: 'Microsoft Graph',
      accountEnabled: true,
      servicePrincipalType: 'Application',
      appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    });
    const roles = graph?.appRoles as {
      value: string;
      id: string;
      isEnabled: boolean;
      allowedMemberTypes: string[];
    }[];
    expect(roles.find((r) => r.value === 'Directory.ReadWrite.All')).toMatchObject({
      id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
      isEnabled: true,
      allowedMemberTypes: ['Application'],
      origin: 'Application',
    });
    const scopes = graph?.oauth2PermissionScopes as { value: string; type: string }[];
    expect(scopes.find((s) => s.value === 'User.Read')?.type).toBe('User');
    expect(scopes.find((s) => s.value === 'Directory.Read.All')?.type).toBe('Admin');

    const inList = await f.call(
      admin,
      'GET',
      `/servicePrincipals?$filter=appId in ('${SIGN_IN_APP_ID}', '${MICROSOFT_TEAMS_APP_ID}')&$select=id,appId`,
    );
    expect(bodyOf(inList)['@odata.context']).toBe(`${ORIGIN}/v1.0/$metadata#servicePrincipals(id,appId)`);
    expect(
      itemsOf(inList)
        .map((sp) => sp.appId)
        .sort(),
    ).toEqual([SIGN_IN_APP_ID, MICROSOFT_TEAMS_APP_ID].sort());
    expect(Object.keys(itemsOf(inList)[0] ?? {}).sort()).toEqual(['appId', 'id']);

    const byId = await f.call(admin, 'GET', `/servicePrincipals/${graph?.id}`);
    expect(bodyOf(byId)['@odata.context']).toBe(`${ORIGIN}/v1.0/$metadata#servicePrincipals/$entity`);
    expect(bodyOf(byId).appId).toBe(MICROSOFT_GRAPH_APP_ID);
    const byAppId = await f.call(admin, 'GET', `/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')`);
    expect(bodyOf(byAppId).id).toBe(graph?.id);
  });

  it('answers 404 Request_ResourceNotFound for an app the tenant lacks', async () => {
    const northwind = await f.userToken('northwind', 'admin', SCOPES);
    const response = await f.call(northwind, 'GET', `/servicePrincipals(appId='${MICROSOFT_TEAMS_APP_ID}')`);
    expect(response.status).toBe(404);
    expect(bodyOf(response)).toEqual({
      error: {
        code: 'Request_ResourceNotFound',
        message: `Resource '${MICROSOFT_TEAMS_APP_ID}' does not exist or one of its queried reference-property objects are not present.`,
        innerError: {
          date: '2026-03-02T10:00:00',
          'request-id': 'b2b5b6f4-0000-4000-8000-000000000001',
          'client-request-id': 'c1c1c1c1-0000-4000-8000-000000000002',
        },
      },
    });
    const list = await f.call(
      northwind,
      'GET',
      `/servicePrincipals?$filter=appId eq '${MICROSOFT_TEAMS_APP_ID}'`,
    );
    expect(itemsOf(list)).toEqual([]);
  });

  it('shows a disabled target app as accountEnabled false', async () => {
    const token = await f.userToken('tailspin', 'admin', SCOPES);
    const response = await f.call(
      token,
      'GET',
      `/servicePrincipals(appId='${TARGET_APP_ID}')?$select=accountEnabled`,
    );
    expect(bodyOf(response).accountEnabled).toBe(false);
  });

  it('pages with $top and @odata.nextLink that keeps the filter', async () => {
    const first = await f.call(admin, 'GET', '/servicePrincipals?$top=2&$select=appId');
    expect(itemsOf(first)).toHaveLength(2);
    const next = bodyOf(first)['@odata.nextLink'] as string;
    expect(next.startsWith(`${ORIGIN}/v1.0/servicePrincipals?`)).toBe(true);
    const seen = itemsOf(first).map((sp) => sp.appId);
    let link: string | undefined = next;
    while (link !== undefined) {
      const response = await f.call(admin, 'GET', link.slice(`${ORIGIN}/v1.0`.length));
      seen.push(...itemsOf(response).map((sp) => sp.appId));
      link = bodyOf(response)['@odata.nextLink'] as string | undefined;
    }
    expect(seen).toHaveLength(f.directory.tenant(builtinTenantIds.contoso).servicePrincipals.length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('lists the partial onboarding: some app role assignments, one user’s delegated grant', async () => {
    const token = await f.userToken('adatum', 'admin', SCOPES);
    const target = builtinServicePrincipalId('adatum', TARGET_APP_ID);
    const graph = builtinServicePrincipalId('adatum', MICROSOFT_GRAPH_APP_ID);
    const assignments = await f.call(token, 'GET', `/servicePrincipals/${target}/appRoleAssignments`);
    expect(bodyOf(assignments)['@odata.context']).toBe(
      `${ORIGIN}/v1.0/$metadata#servicePrincipals('${target}')/appRoleAssignments`,
    );
    expect(itemsOf(assignments)).toHaveLength(10);
    expect(itemsOf(assignments)[0]).toMatchObject({
      principalId: target,
      principalType: 'ServicePrincipal',
      principalDisplayName: 'Pia',
      resourceId: graph,
      resourceDisplayName: 'Microsoft Graph',
      deletedDateTime: null,
    });
    const assignedTo = await f.call(
      token,
      'GET',
      `/servicePrincipals/${graph}/appRoleAssignedTo?$filter=principalId eq '${target}'`,
    );
    expect(itemsOf(assignedTo)).toHaveLength(10);
    const grants = await f.call(token, 'GET', `/servicePrincipals/${target}/oauth2PermissionGrants`);
    expect(itemsOf(grants)).toEqual([
      expect.objectContaining({
        clientId: target,
        consentType: 'Principal',
        principalId: builtinUserId('adatum', 'isaiah'),
        resourceId: graph,
        scope: 'User.Read offline_access Mail.Read',
      }),
    ]);
    const filtered = await f.call(
      token,
      'GET',
      `/oauth2PermissionGrants?$filter=clientId eq '${target}' and consentType eq 'AllPrincipals'`,
    );
    expect(bodyOf(filtered)['@odata.context']).toBe(`${ORIGIN}/v1.0/$metadata#oauth2PermissionGrants`);
    expect(itemsOf(filtered)).toEqual([]);
  });
});
