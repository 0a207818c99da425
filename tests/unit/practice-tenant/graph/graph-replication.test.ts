import { beforeEach, describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID } from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinServicePrincipalId,
  builtinTenantIds,
  builtinUserId,
  signInAppScopes,
  TARGET_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { bodyOf, createGraphFixture, type GraphFixture, itemsOf } from './graph-fixture';

// Directory data is eventually consistent: a change made through Graph (or by consent) reaches every replica only
// after a while, so reads right after a write can miss it:
// https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
// The practice tenant's replication delay knob applies this to new, changed and deleted objects alike.

const DELAY_SECONDS = 8;
let f: GraphFixture;
let admin: string;
let grantId: string;

beforeEach(async () => {
  f = await createGraphFixture();
  admin = await f.userToken('adatum', 'admin', signInAppScopes.join(' '));
  // Adatum's earlier onboarding left one user's own grant for the target app; it comes from the scenario, so it is
  // replicated from the start.
  const grants = await f.call(
    admin,
    'GET',
    `/oauth2PermissionGrants?$filter=clientId eq '${builtinServicePrincipalId('adatum', TARGET_APP_ID)}'`,
  );
  grantId = itemsOf(grants)[0]?.id as string;
  f.knobs.setTenant(builtinTenantIds.adatum, { replicationDelaySeconds: DELAY_SECONDS });
});

describe('replication delay after an update', () => {
  it('keeps returning the earlier scope until the change has replicated', async () => {
    const patched = await f.call(admin, 'PATCH', `/oauth2PermissionGrants/${grantId}`, {
      scope: 'User.Read offline_access Mail.Read Calendars.Read',
    });
    expect(patched.status).toBe(204);
    expect(bodyOf(await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`)).scope).toBe(
      'User.Read offline_access Mail.Read',
    );
    f.now += DELAY_SECONDS * 1000 - 1;
    expect(bodyOf(await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`)).scope).toBe(
      'User.Read offline_access Mail.Read',
    );
    f.now += 1;
    expect(bodyOf(await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`)).scope).toBe(
      'User.Read offline_access Mail.Read Calendars.Read',
    );
  });

  it('shows the state before the first of several quick updates, and the last one after the delay', async () => {
    await f.call(admin, 'PATCH', `/oauth2PermissionGrants/${grantId}`, { scope: 'User.Read' });
    f.now += 5000;
    await f.call(admin, 'PATCH', `/oauth2PermissionGrants/${grantId}`, { scope: 'User.Read Mail.Send' });
    f.now += 5000;
    // The first update's delay has passed, but the second one restarted it: reads still show the original.
    expect(bodyOf(await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`)).scope).toBe(
      'User.Read offline_access Mail.Read',
    );
    f.now += 3000;
    expect(bodyOf(await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`)).scope).toBe(
      'User.Read Mail.Send',
    );
  });

  it('applies to a scope added by consent as well, while tokens use the new scope at once', async () => {
    f.directory.consentDelegated(builtinTenantIds.adatum, {
      clientAppId: TARGET_APP_ID,
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      scopes: ['Calendars.ReadWrite.Shared'],
      consentType: 'Principal',
      principalId: builtinUserId('adatum', 'isaiah'),
    });
    expect(bodyOf(await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`)).scope).not.toContain(
      'Calendars.ReadWrite.Shared',
    );
    expect(
      f.directory.grantedDelegatedScopes(
        builtinTenantIds.adatum,
        TARGET_APP_ID,
        builtinUserId('adatum', 'isaiah'),
        MICROSOFT_GRAPH_APP_ID,
      ),
    ).toContain('Calendars.ReadWrite.Shared');
  });
});

describe('replication delay after a delete', () => {
  it('still lists and gets a deleted grant until the deletion has replicated, then answers 404', async () => {
    const deleted = await f.call(admin, 'DELETE', `/oauth2PermissionGrants/${grantId}`);
    expect(deleted.status).toBe(204);
    expect((await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`)).status).toBe(200);
    expect(itemsOf(await f.call(admin, 'GET', '/oauth2PermissionGrants')).map((g) => g.id)).toContain(
      grantId,
    );
    f.now += DELAY_SECONDS * 1000;
    const gone = await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`);
    expect(gone.status).toBe(404);
    expect(bodyOf(gone)).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
    expect(itemsOf(await f.call(admin, 'GET', '/oauth2PermissionGrants')).map((g) => g.id)).not.toContain(
      grantId,
    );
  });

  it('answers 404 to a second delete or an update while the deletion replicates', async () => {
    expect((await f.call(admin, 'DELETE', `/oauth2PermissionGrants/${grantId}`)).status).toBe(204);
    const again = await f.call(admin, 'DELETE', `/oauth2PermissionGrants/${grantId}`);
    expect(again.status).toBe(404);
    expect(bodyOf(again)).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
    const patched = await f.call(admin, 'PATCH', `/oauth2PermissionGrants/${grantId}`, {
      scope: 'User.Read',
    });
    expect(patched.status).toBe(404);
  });

  it('lets the same grant be created again at once, as the primary copy no longer holds it', async () => {
    await f.call(admin, 'DELETE', `/oauth2PermissionGrants/${grantId}`);
    const recreated = await f.call(admin, 'POST', '/oauth2PermissionGrants', {
      clientId: builtinServicePrincipalId('adatum', TARGET_APP_ID),
      consentType: 'Principal',
      principalId: builtinUserId('adatum', 'isaiah'),
      resourceId: builtinServicePrincipalId('adatum', MICROSOFT_GRAPH_APP_ID),
      scope: 'User.Read',
    });
    expect(recreated.status).toBe(201);
  });
});

describe('without a replication delay', () => {
  it('shows updates and deletes to the next read', async () => {
    f.knobs.setTenant(builtinTenantIds.adatum, { replicationDelaySeconds: 0 });
    await f.call(admin, 'PATCH', `/oauth2PermissionGrants/${grantId}`, { scope: 'User.Read' });
    expect(bodyOf(await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`)).scope).toBe('User.Read');
    await f.call(admin, 'DELETE', `/oauth2PermissionGrants/${grantId}`);
    expect((await f.call(admin, 'GET', `/oauth2PermissionGrants/${grantId}`)).status).toBe(404);
  });
});

describe('replicas that lag (the replica knob)', () => {
  // Entra writes reach the directory's replicas one after another, and reads are not pinned to one replica, so a read
  // can miss what the read before it saw:
  // https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/
  it('serves reads by each replica in turn, so a read can go backwards', async () => {
    f.knobs.setTenant(builtinTenantIds.adatum, { replicationDelaySeconds: 0 });
    const created = await f.call(admin, 'POST', '/oauth2PermissionGrants', {
      clientId: builtinServicePrincipalId('adatum', TARGET_APP_ID),
      consentType: 'AllPrincipals',
      resourceId: builtinServicePrincipalId('adatum', MICROSOFT_GRAPH_APP_ID),
      scope: 'User.Read',
    });
    expect(created.status).toBe(201);
    const id = bodyOf(created).id as string;
    f.knobs.setTenant(builtinTenantIds.adatum, { replicaLagSeconds: [0, 30] });
    const statuses = async (): Promise<number[]> => [
      (await f.call(admin, 'GET', `/oauth2PermissionGrants/${id}`)).status,
      (await f.call(admin, 'GET', `/oauth2PermissionGrants/${id}`)).status,
      (await f.call(admin, 'GET', `/oauth2PermissionGrants/${id}`)).status,
    ];
    expect(await statuses()).toEqual([200, 404, 200]);
    f.now += 30_000;
    expect(await statuses()).toEqual([200, 200, 200]);
  });

  it('is off by default: reads never go backwards', async () => {
    f.knobs.setTenant(builtinTenantIds.adatum, { replicationDelaySeconds: 0 });
    const created = await f.call(admin, 'POST', '/oauth2PermissionGrants', {
      clientId: builtinServicePrincipalId('adatum', TARGET_APP_ID),
      consentType: 'AllPrincipals',
      resourceId: builtinServicePrincipalId('adatum', MICROSOFT_GRAPH_APP_ID),
      scope: 'User.Read',
    });
    const id = bodyOf(created).id as string;
    for (let i = 0; i < 4; i += 1)
      expect((await f.call(admin, 'GET', `/oauth2PermissionGrants/${id}`)).status).toBe(200);
  });
});
