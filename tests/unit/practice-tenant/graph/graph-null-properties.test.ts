import { beforeEach, describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID } from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinTenantIds,
  signInAppScopes,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { ScenarioSchema } from '../../../../src/main/practice-tenant/directory/scenario';
import { createGraphFixture, type GraphFixture } from './graph-fixture';

// Microsoft's v1.0 metadata (microsoftgraph/msgraph-metadata, schemas/v1.0-Prod.csdl) lets a property be null unless
// it is declared Nullable="false".

let f: GraphFixture;
let admin: string;

beforeEach(async () => {
  f = await createGraphFixture();
  admin = await f.userToken('contoso', 'admin', signInAppScopes.join(' '));
});

type Item = { id: string; status: number; body?: Record<string, unknown> };
const responsesOf = (body: unknown): Item[] => (body as { responses: Item[] }).responses;

describe('the nullProperties knob', () => {
  it('sends the chosen properties as null on every object of their type, in $batch items and nested objects', async () => {
    f.knobs.setTenant(builtinTenantIds.contoso, {
      nullProperties: ['servicePrincipal.displayName', 'appRole.value', 'user.displayName'],
    });
    const response = await f.batch(admin, {
      requests: [
        { id: '1', method: 'GET', url: '/me' },
        {
          id: '2',
          method: 'GET',
          url: `/servicePrincipals?$filter=appId eq '${MICROSOFT_GRAPH_APP_ID}'&$select=id,appId,displayName,appRoles`,
        },
      ],
    });
    const [me, sps] = responsesOf(response.body);
    expect(me?.body).toMatchObject({ displayName: null, userPrincipalName: 'admin@contoso.com' });
    const sp = (sps?.body?.value as Record<string, unknown>[] | undefined)?.[0];
    expect(sp).toMatchObject({ displayName: null, appId: MICROSOFT_GRAPH_APP_ID });
    const roles = (sp?.appRoles ?? []) as Record<string, unknown>[];
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.every((role) => role.value === null && typeof role.id === 'string')).toBe(true);

    // Once the knob is emptied, the same tenant gets the values again.
    f.knobs.setTenant(builtinTenantIds.contoso, { nullProperties: [] });
    const again = await f.call(admin, 'GET', '/me');
    expect(again.body).toMatchObject({ displayName: expect.any(String) });
  });

  it('refuses a property Microsoft declares Nullable="false", an unknown type and a malformed entry', () => {
    for (const entry of [
      'servicePrincipal.id',
      'servicePrincipal.appRoles',
      'servicePrincipal.oauth2PermissionScopes',
      'appRole.id',
      'appRole.isEnabled',
      'appRole.allowedMemberTypes',
      'permissionScope.id',
      'permissionScope.isEnabled',
      'oAuth2PermissionGrant.clientId',
      'oAuth2PermissionGrant.resourceId',
      'appRoleAssignment.appRoleId',
      'application.displayName',
      'displayName',
    ]) {
      expect(() => f.knobs.setTenant(builtinTenantIds.contoso, { nullProperties: [entry] }), entry).toThrow();
    }
    // The scenario's knobs are read by the same schema.
    expect(
      ScenarioSchema.safeParse({
        tenants: [{ knobs: { nullProperties: ['oAuth2PermissionGrant.clientId'] } }],
      }).error?.issues.some((issue) => issue.message.includes('Nullable="false"')),
    ).toBe(true);
    expect(f.knobs.tenant(builtinTenantIds.contoso).nullProperties).toEqual([]);
  });
});
