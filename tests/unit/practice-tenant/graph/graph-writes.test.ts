import { beforeEach, describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID } from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinServicePrincipalId,
  builtinTenantIds,
  builtinUserId,
  SIGN_IN_APP_ID,
  signInAppScopes,
  TARGET_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { bodyOf, createGraphFixture, type GraphFixture, itemsOf, ORIGIN } from './graph-fixture';

const SCOPES = signInAppScopes.join(' ');
const DIRECTORY_READ_WRITE_ALL = '19dbc75e-c2e2-444c-a770-ec69d8559fc7';
let f: GraphFixture;

beforeEach(async () => {
  f = await createGraphFixture();
});

const graphSp = (tenant: keyof typeof builtinTenantIds) =>
  builtinServicePrincipalId(tenant, MICROSOFT_GRAPH_APP_ID);

describe('onboarding writes', () => {
  it('creates the target app’s service principal, grants delegated and application permissions', async () => {
    const admin = await f.userToken('contoso', 'admin', SCOPES);
    const created = await f.call(admin, 'POST', '/servicePrincipals', { appId: TARGET_APP_ID });
    expect(created.status).toBe(201);
    expect(bodyOf(created)).toMatchObject({
      '@odata.context': `${ORIGIN}/v1.0/$metadata#servicePrincipals/$entity`,
      appId: TARGET_APP_ID,
      displayName: 'Pia',
      accountEnabled: true,
      replyUrls: ['https://pia.example/onboarding/admin-consent'],
    });
    const target = bodyOf(created).id as string;

    const grant = await f.call(admin, 'POST', '/oauth2PermissionGrants', {
      clientId: target,
      consentType: 'AllPrincipals',
      resourceId: graphSp('contoso'),
      scope: 'User.Read Mail.Read',
    });
    expect(grant.status).toBe(201);
    expect(bodyOf(grant)).toEqual({
      '@odata.context': `${ORIGIN}/v1.0/$metadata#oauth2PermissionGrants/$entity`,
      id: expect.any(String),
      clientId: target,
      consentType: 'AllPrincipals',
      principalId: null,
      resourceId: graphSp('contoso'),
      scope: 'User.Read Mail.Read',
    });
    const grantId = bodyOf(grant).id as string;
    const patched = await f.call(admin, 'PATCH', `/oauth2PermissionGrants/${grantId}`, {
      scope: 'User.Read Mail.Read Group.ReadWrite.All',
    });
    expect(patched.status).toBe(204);
    expect(patched.body).toBeUndefined();
    expect(
      f.directory.grantedDelegatedScopes(
        builtinTenantIds.contoso,
        TARGET_APP_ID,
        builtinUserId('contoso', 'helpdesk'),
        MICROSOFT_GRAPH_APP_ID,
      ),
    ).toEqual(['User.Read', 'Mail.Read', 'Group.ReadWrite.All']);

    const assignment = await f.call(
      admin,
      'POST',
      `/servicePrincipals/${graphSp('contoso')}/appRoleAssignedTo`,
      {
        principalId: target,
        resourceId: graphSp('contoso'),
        appRoleId: DIRECTORY_READ_WRITE_ALL,
      },
    );
    expect(assignment.status).toBe(201);
    expect(bodyOf(assignment)).toMatchObject({
      '@odata.context': `${ORIGIN}/v1.0/$metadata#servicePrincipals('${graphSp('contoso')}')/appRoleAssignedTo/$entity`,
      appRoleId: DIRECTORY_READ_WRITE_ALL,
      principalId: target,
      principalType: 'ServicePrincipal',
      resourceId: graphSp('contoso'),
      resourceDisplayName: 'Microsoft Graph',
    });
    const again = await f.call(admin, 'POST', `/servicePrincipals/${target}/appRoleAssignments`, {
      principalId: target,
      resourceId: graphSp('contoso'),
      appRoleId: DIRECTORY_READ_WRITE_ALL,
    });
    expect(again.status).toBe(400);
    expect(bodyOf(again)).toMatchObject({
      error: {
        code: 'Request_BadRequest',
        message: 'Permission being assigned already exists on the object',
      },
    });

    const deleted = await f.call(admin, 'DELETE', `/oauth2PermissionGrants/${grantId}`);
    expect(deleted.status).toBe(204);
    expect((await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`)).status).toBe(404);
  });

  it('deletes a service principal with the grants that name it, then answers 404 for it', async () => {
    const admin = await f.userToken('contoso', 'admin', SCOPES);
    const signInApp = builtinServicePrincipalId('contoso', SIGN_IN_APP_ID);
    const grantsOfSignInApp = async () =>
      itemsOf(await f.call(admin, 'GET', `/servicePrincipals/${signInApp}/oauth2PermissionGrants`));
    expect((await grantsOfSignInApp()).length).toBeGreaterThan(0);

    const deleted = await f.call(admin, 'DELETE', `/servicePrincipals(appId='${SIGN_IN_APP_ID}')`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await f.call(admin, 'GET', `/servicePrincipals/${signInApp}`)).status).toBe(404);
    const byClient = await f.call(admin, 'GET', `/oauth2PermissionGrants?$filter=clientId eq '${signInApp}'`);
    expect(itemsOf(byClient)).toEqual([]);
    // The token issued before the deletion stays valid for its lifetime, as Microsoft's tokens do.
    const again = await f.call(admin, 'DELETE', `/servicePrincipals/${signInApp}`);
    expect(again.status).toBe(404);
    expect(bodyOf(again)).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('refuses to delete a service principal for a user without an application administrator role', async () => {
    const roles = await f.userToken('contoso', 'roles', SCOPES);
    const target = builtinServicePrincipalId('contoso', SIGN_IN_APP_ID);
    const refused = await f.call(roles, 'DELETE', `/servicePrincipals/${target}`);
    expect(refused.status).toBe(403);
    expect(bodyOf(refused)).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
    const withoutScope = await f.call(
      await f.userToken('contoso', 'admin', 'User.Read DelegatedPermissionGrant.ReadWrite.All'),
      'DELETE',
      `/servicePrincipals/${target}`,
    );
    expect(withoutScope.status).toBe(403);
    expect((await f.call(roles, 'GET', `/servicePrincipals/${target}`)).status).toBe(200);
  });

  it('removes an app role assignment from either side, answering 404 once it is gone or on the wrong side', async () => {
    const admin = await f.userToken('contoso', 'admin', SCOPES);
    const target = bodyOf(await f.call(admin, 'POST', '/servicePrincipals', { appId: TARGET_APP_ID }))
      .id as string;
    const assign = async () =>
      bodyOf(
        await f.call(admin, 'POST', `/servicePrincipals/${target}/appRoleAssignments`, {
          principalId: target,
          resourceId: graphSp('contoso'),
          appRoleId: DIRECTORY_READ_WRITE_ALL,
        }),
      ).id as string;
    const first = await assign();
    // The assignment's principal is the target, not Graph: on Graph's appRoleAssignments it is not found.
    const wrongSide = await f.call(
      admin,
      'DELETE',
      `/servicePrincipals/${graphSp('contoso')}/appRoleAssignments/${first}`,
    );
    expect(wrongSide.status).toBe(404);
    expect(
      (await f.call(admin, 'DELETE', `/servicePrincipals/${target}/appRoleAssignments/${first}`)).status,
    ).toBe(204);
    expect(itemsOf(await f.call(admin, 'GET', `/servicePrincipals/${target}/appRoleAssignments`))).toEqual(
      [],
    );
    expect(
      (await f.call(admin, 'DELETE', `/servicePrincipals/${target}/appRoleAssignments/${first}`)).status,
    ).toBe(404);

    const second = await assign();
    const fromResource = await f.call(
      admin,
      'DELETE',
      `/servicePrincipals/${graphSp('contoso')}/appRoleAssignedTo/${second}`,
    );
    expect(fromResource.status).toBe(204);
    expect(itemsOf(await f.call(admin, 'GET', `/servicePrincipals/${target}/appRoleAssignments`))).toEqual(
      [],
    );

    const third = await assign();
    const helpdesk = await f.userToken('contoso', 'helpdesk', SCOPES);
    expect(
      (await f.call(helpdesk, 'DELETE', `/servicePrincipals/${target}/appRoleAssignments/${third}`)).status,
    ).toBe(403);
  });

  it('disables and enables a service principal by accountEnabled, and refuses what it does not model', async () => {
    const admin = await f.userToken('contoso', 'admin', SCOPES);
    const tool = builtinServicePrincipalId('contoso', SIGN_IN_APP_ID);
    const disabled = await f.call(admin, 'PATCH', `/servicePrincipals/${tool}`, { accountEnabled: false });
    expect(disabled.status).toBe(204);
    expect(bodyOf(await f.call(admin, 'GET', `/servicePrincipals/${tool}`))).toMatchObject({
      accountEnabled: false,
    });
    expect(
      (
        await f.call(admin, 'PATCH', `/servicePrincipals(appId='${SIGN_IN_APP_ID}')`, {
          accountEnabled: true,
        })
      ).status,
    ).toBe(204);
    expect(bodyOf(await f.call(admin, 'GET', `/servicePrincipals/${tool}`))).toMatchObject({
      accountEnabled: true,
    });
    const other = await f.call(admin, 'PATCH', `/servicePrincipals/${tool}`, { displayName: 'Renamed' });
    expect(other.status).toBe(400);
    const roles = await f.userToken('contoso', 'roles', SCOPES);
    expect(
      (await f.call(roles, 'PATCH', `/servicePrincipals/${tool}`, { accountEnabled: false })).status,
    ).toBe(403);
  });

  it('refuses a second service principal for the same app with 409', async () => {
    const admin = await f.userToken('contoso', 'admin', SCOPES);
    const response = await f.call(admin, 'POST', '/servicePrincipals', { appId: SIGN_IN_APP_ID });
    expect(response.status).toBe(409);
    expect(bodyOf(response)).toMatchObject({ error: { code: 'Request_MultipleObjectsWithSameKeyValue' } });
  });

  it('refuses an app role the resource does not expose', async () => {
    const admin = await f.userToken('adatum', 'admin', SCOPES);
    const response = await f.call(
      admin,
      'POST',
      `/servicePrincipals/${graphSp('adatum')}/appRoleAssignedTo`,
      {
        principalId: builtinServicePrincipalId('adatum', TARGET_APP_ID),
        resourceId: graphSp('adatum'),
        appRoleId: '00000000-0000-4000-8000-00000000abcd',
      },
    );
    expect(response.status).toBe(400);
    expect(bodyOf(response)).toMatchObject({ error: { code: 'Request_BadRequest' } });
  });

  it('refuses a duplicate grant with 409', async () => {
    const admin = await f.userToken('contoso', 'admin', SCOPES);
    const response = await f.call(admin, 'POST', '/oauth2PermissionGrants', {
      clientId: builtinServicePrincipalId('contoso', SIGN_IN_APP_ID),
      consentType: 'AllPrincipals',
      resourceId: graphSp('contoso'),
      scope: 'User.Read',
    });
    expect(response.status).toBe(409);
  });
});

describe('authorization as Graph enforces it', () => {
  it('answers 403 Authorization_RequestDenied when the token lacks every allowing permission', async () => {
    const token = await f.userToken('contoso', 'admin', 'User.Read openid profile');
    const response = await f.call(token, 'GET', '/servicePrincipals');
    expect(response.status).toBe(403);
    expect(bodyOf(response)).toMatchObject({
      error: {
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      },
    });
    expect((await f.call(token, 'GET', '/organization')).status).toBe(200);
    expect((await f.call(token, 'GET', '/domains')).status).toBe(403);
  });

  it('lets only an active Global or Privileged Role Administrator assign Microsoft Graph app roles', async () => {
    const body = {
      principalId: builtinServicePrincipalId('contoso', SIGN_IN_APP_ID),
      resourceId: graphSp('contoso'),
      appRoleId: DIRECTORY_READ_WRITE_ALL,
    };
    const url = `/servicePrincipals/${graphSp('contoso')}/appRoleAssignedTo`;
    for (const user of ['pim', 'helpdesk']) {
      const token = await f.userToken('contoso', user, SCOPES);
      const response = await f.call(token, 'POST', url, body);
      expect(response.status, user).toBe(403);
      expect(bodyOf(response)).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
    }
    const pra = await f.userToken('contoso', 'roles', SCOPES);
    expect((await f.call(pra, 'POST', url, body)).status).toBe(201);
  });

  it('does not let a user without an admin role create a tenant-wide grant', async () => {
    const helpdesk = await f.userToken('contoso', 'helpdesk', SCOPES);
    const response = await f.call(helpdesk, 'POST', '/oauth2PermissionGrants', {
      clientId: builtinServicePrincipalId('contoso', SIGN_IN_APP_ID),
      consentType: 'Principal',
      principalId: builtinUserId('contoso', 'helpdesk'),
      resourceId: graphSp('contoso'),
      scope: 'User.Read',
    });
    expect(response.status).toBe(403);
  });

  it('serves app-only tokens by their roles, and refuses /me for them', async () => {
    const app = await f.appToken('contoso', ['Application.Read.All']);
    expect((await f.call(app, 'GET', '/servicePrincipals')).status).toBe(200);
    expect((await f.call(app, 'GET', '/oauth2PermissionGrants')).status).toBe(403);
    const me = await f.call(app, 'GET', '/me');
    expect(me.status).toBe(400);
    expect(bodyOf(me)).toMatchObject({
      error: { message: '/me request is only valid with delegated authentication flow.' },
    });
  });
});

describe('authentication', () => {
  it('answers 401 InvalidAuthenticationToken without a token, with an expired one, or for another audience', async () => {
    const none = await f.call(undefined, 'GET', '/me');
    expect(none.status).toBe(401);
    expect(bodyOf(none)).toMatchObject({
      error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
    });
    expect(none.headers['WWW-Authenticate']).toMatch(/^Bearer /);

    const token = await f.userToken('contoso', 'admin', SCOPES);
    f.now += 3601 * 1000;
    const expired = await f.call(token, 'GET', '/me');
    expect(expired.status).toBe(401);
    expect(bodyOf(expired)).toMatchObject({
      error: { message: 'Lifetime validation failed, the token is expired.' },
    });

    const other = await f.userToken('contoso', 'admin', SCOPES, { aud: 'https://outlook.office365.com' });
    const wrongAudience = await f.call(other, 'GET', '/me');
    expect(wrongAudience.status).toBe(401);
    expect(bodyOf(wrongAudience)).toMatchObject({
      error: { message: 'Access token validation failure. Invalid audience.' },
    });

    const tampered = `${token.slice(0, -4)}AAAA`;
    expect((await f.call(tampered, 'GET', '/me')).status).toBe(401);
  });
});

describe('request errors', () => {
  it('answers 400 for an unknown segment and for a filter Graph does not support', async () => {
    const admin = await f.userToken('contoso', 'admin', SCOPES);
    const unknown = await f.call(admin, 'GET', '/servicePrincipalz');
    expect(unknown.status).toBe(400);
    expect(bodyOf(unknown)).toMatchObject({
      error: { code: 'BadRequest', message: "Resource not found for the segment 'servicePrincipalz'." },
    });
    const filter = await f.call(admin, 'GET', "/servicePrincipals?$filter=homepage eq 'x'");
    expect(filter.status).toBe(400);
    expect(bodyOf(filter)).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
    const malformed = await f.call(admin, 'GET', '/servicePrincipals?$filter=appId startswith x');
    expect(malformed.status).toBe(400);
  });

  it('answers 400 for a create without a valid appId', async () => {
    const admin = await f.userToken('contoso', 'admin', SCOPES);
    expect((await f.call(admin, 'POST', '/servicePrincipals', { appId: 'nope' })).status).toBe(400);
    const unknownApp = await f.call(admin, 'POST', '/servicePrincipals', {
      appId: '00000000-0000-4000-8000-000000000123',
    });
    expect(unknownApp.status).toBe(400);
  });
});

describe('replication delay knob', () => {
  it('keeps a new service principal invisible (404) for the tenant’s delay, then shows it', async () => {
    f.knobs.setTenant(builtinTenantIds.woodgrove, { replicationDelaySeconds: 10 });
    const admin = await f.userToken(
      'woodgrove',
      'admin',
      'Application.ReadWrite.All DelegatedPermissionGrant.ReadWrite.All',
    );
    const created = await f.call(admin, 'POST', '/servicePrincipals', { appId: SIGN_IN_APP_ID });
    expect(created.status).toBe(201);
    const id = bodyOf(created).id as string;
    expect((await f.call(admin, 'GET', `/servicePrincipals/${id}`)).status).toBe(404);
    expect(
      itemsOf(await f.call(admin, 'GET', `/servicePrincipals?$filter=appId eq '${SIGN_IN_APP_ID}'`)),
    ).toEqual([]);
    // A grant naming the not-yet-replicated service principal fails as it does against Entra ID.
    const grant = await f.call(admin, 'POST', '/oauth2PermissionGrants', {
      clientId: id,
      consentType: 'AllPrincipals',
      resourceId: graphSp('woodgrove'),
      scope: 'User.Read',
    });
    expect(grant.status).toBe(400);
    f.now += 10_000;
    expect((await f.call(admin, 'GET', `/servicePrincipals/${id}`)).status).toBe(200);
  });

  it('applies to objects created by consent in the identity flow too', async () => {
    f.knobs.setTenant(builtinTenantIds.woodgrove, { replicationDelaySeconds: 5 });
    f.directory.consentDelegated(builtinTenantIds.woodgrove, {
      clientAppId: SIGN_IN_APP_ID,
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      scopes: ['User.Read'],
      consentType: 'AllPrincipals',
    });
    const admin = await f.userToken('woodgrove', 'admin', 'Directory.Read.All');
    expect(itemsOf(await f.call(admin, 'GET', '/oauth2PermissionGrants'))).toEqual([]);
    f.now += 5000;
    expect(itemsOf(await f.call(admin, 'GET', '/oauth2PermissionGrants'))).toHaveLength(1);
  });
});
