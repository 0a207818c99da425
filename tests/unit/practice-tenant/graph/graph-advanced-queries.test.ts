import { beforeEach, describe, expect, it } from 'vitest';
import {
  builtinTenantIds,
  builtinUserId,
  signInAppScopes,
  TARGET_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { roleTemplates } from '../../../../src/main/practice-tenant/directory/role-templates';
import { bodyOf, createGraphFixture, type GraphFixture, itemsOf } from './graph-fixture';

const SCOPES = signInAppScopes.join(' ');
const GA = roleTemplates.globalAdministrator.id;
const PRA = roleTemplates.privilegedRoleAdministrator.id;
const CAST = '/me/transitiveMemberOf/microsoft.graph.directoryRole';
const EVENTUAL = { ConsistencyLevel: 'eventual' };
let f: GraphFixture;
let admin: string;

beforeEach(async () => {
  f = await createGraphFixture();
  admin = await f.userToken('contoso', 'admin', SCOPES);
});

const errorOf = (body: unknown): { code: string; message: string } =>
  (body as { error: { code: string; message: string } }).error;

describe('advanced queries (https://learn.microsoft.com/graph/aad-advanced-queries)', () => {
  it('refuses the OData cast on transitiveMemberOf without ConsistencyLevel: eventual and $count=true', async () => {
    for (const [url, headers] of [
      [CAST, {}],
      [`${CAST}?$count=true`, {}],
      [CAST, EVENTUAL],
    ] as const) {
      const response = await f.call(admin, 'GET', url, undefined, headers);
      expect(response.status, url).toBe(400);
      expect(errorOf(response.body).code).toBe('Request_UnsupportedQuery');
      expect(errorOf(response.body).message).toContain('Try adding $count=true query parameter');
    }
    const response = await f.call(admin, 'GET', `${CAST}?$count=true`, undefined, EVENTUAL);
    expect(response.status).toBe(200);
    expect(bodyOf(response)['@odata.count']).toBe(1);
    expect(itemsOf(response).map((r) => r.roleTemplateId)).toEqual([GA]);
  });

  it('refuses the cast inside $batch unless the item itself carries the header', async () => {
    const response = await f.batch(admin, {
      requests: [
        { id: 'bare', method: 'GET', url: `${CAST}?$count=true` },
        { id: 'advanced', method: 'GET', url: `${CAST}?$count=true`, headers: EVENTUAL },
      ],
    });
    const answers = (bodyOf(response).responses as { id: string; status: number; body: unknown }[]).map(
      (r) => [r.id, r.status, r.status === 400 ? errorOf(r.body).code : null],
    );
    expect(answers).toEqual([
      ['bare', 400, 'Request_UnsupportedQuery'],
      ['advanced', 200, null],
    ]);
  });

  it('answers ne, not and endsWith without the advanced parameters with Microsoft’s message, and runs them with', async () => {
    for (const [operator, filter] of [
      ['ne', `appId ne '${TARGET_APP_ID}'`],
      ['not', `not(appId eq '${TARGET_APP_ID}')`],
      ['endsWith', "endsWith(displayName,'Graph')"],
    ] as const) {
      const refused = await f.call(admin, 'GET', `/servicePrincipals?$filter=${filter}`);
      expect(refused.status).toBe(400);
      expect(errorOf(refused.body)).toMatchObject({
        code: 'Request_UnsupportedQuery',
        message: `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
      });
    }
    const all = itemsOf(await f.call(admin, 'GET', '/servicePrincipals'));
    const ne = await f.call(
      admin,
      'GET',
      "/servicePrincipals?$filter=displayName ne 'Microsoft Graph'&$count=true",
      undefined,
      EVENTUAL,
    );
    expect(itemsOf(ne)).toHaveLength(all.length - 1);
    expect(bodyOf(ne)['@odata.count']).toBe(all.length - 1);
    const ends = await f.call(
      admin,
      'GET',
      "/servicePrincipals?$filter=endsWith(displayName,'graph')&$count=true",
      undefined,
      EVENTUAL,
    );
    expect(itemsOf(ends).map((sp) => sp.displayName)).toEqual(['Microsoft Graph']);
  });

  it('refuses $search without the header, and ignores $count=true without it', async () => {
    const refused = await f.call(admin, 'GET', '/servicePrincipals?$search="displayName:graph"');
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body)).toMatchObject({
      code: 'Request_UnsupportedQuery',
      message:
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    });
    const searched = await f.call(
      admin,
      'GET',
      '/servicePrincipals?$search="displayName:graph"',
      undefined,
      EVENTUAL,
    );
    expect(itemsOf(searched).map((sp) => sp.displayName)).toEqual(['Microsoft Graph']);
    const counted = await f.call(admin, 'GET', '/servicePrincipals?$count=true');
    expect(counted.status).toBe(200);
    expect(bodyOf(counted)).not.toHaveProperty('@odata.count');
  });
});

describe('roles held through a role-assignable group, and PIM assignment instances', () => {
  it('lists a role held through a group in transitiveMemberOf, but not among the user’s own assignment instances', async () => {
    const itadmin = await f.userToken('fabrikam', 'itadmin', SCOPES);
    const roles = await f.call(itadmin, 'GET', `${CAST}?$count=true`, undefined, EVENTUAL);
    expect(itemsOf(roles).map((r) => r.roleTemplateId)).toEqual([GA]);
    const own = await f.call(
      itadmin,
      'GET',
      `/roleManagement/directory/roleAssignmentScheduleInstances?$filter=principalId eq '${builtinUserId('fabrikam', 'itadmin')}'`,
    );
    expect(own.status).toBe(200);
    expect(itemsOf(own)).toEqual([]);
  });

  it('lists a user’s active assignments as schedule instances, for readers PIM allows only', async () => {
    const rolesUser = await f.userToken('contoso', 'roles', SCOPES);
    const url = `/roleManagement/directory/roleAssignmentScheduleInstances?$filter=principalId eq '${builtinUserId('contoso', 'roles')}'`;
    const instances = await f.call(rolesUser, 'GET', url);
    expect(itemsOf(instances)).toEqual([
      expect.objectContaining({
        principalId: builtinUserId('contoso', 'roles'),
        roleDefinitionId: PRA,
        directoryScopeId: '/',
        assignmentType: 'Assigned',
        memberType: 'Direct',
      }),
    ]);
    const helpdesk = await f.userToken('contoso', 'helpdesk', SCOPES);
    const refused = await f.call(helpdesk, 'GET', url);
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body).code).toBe('Authorization_RequestDenied');
  });
});

describe('POST /servicePrincipals checks the caller’s roles (https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals)', () => {
  it('lets any user create one by Microsoft’s default, and only application roles once the tenant restricts it', async () => {
    const rolesUser = await f.userToken('contoso', 'roles', SCOPES);
    const created = await f.call(rolesUser, 'POST', '/servicePrincipals', { appId: TARGET_APP_ID });
    expect(created.status).toBe(201);

    f = await createGraphFixture();
    f.knobs.setTenant(builtinTenantIds.contoso, { usersCanCreateServicePrincipals: false });
    const restricted = await f.userToken('contoso', 'roles', SCOPES);
    const refused = await f.call(restricted, 'POST', '/servicePrincipals', { appId: TARGET_APP_ID });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body)).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    expect(f.directory.findServicePrincipalByAppId(builtinTenantIds.contoso, TARGET_APP_ID)).toBeUndefined();
    const globalAdmin = await f.userToken('contoso', 'admin', SCOPES);
    expect((await f.call(globalAdmin, 'POST', '/servicePrincipals', { appId: TARGET_APP_ID })).status).toBe(
      201,
    );
  });
});
