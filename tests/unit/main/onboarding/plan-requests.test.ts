import { describe, expect, it } from 'vitest';
import { chunkBatchItems } from '../../../../src/main/graph/batch';
import {
  existingGrantWrites,
  grantWrites,
  servicePrincipalWrites,
} from '../../../../src/main/onboarding/plan-requests';
import { computePlan } from '../../../../src/shared/onboarding/plan';
import { emptyTenant, GRAPH, requested, TARGET, targetSp } from '../../shared/onboarding/fixtures';

const ids = { clientId: 'sp-target', resourceIdByAppId: { [GRAPH]: 'sp-graph' } };

describe('plan requests', () => {
  it('creates the missing target service principal by appId', () => {
    const writes = servicePrincipalWrites(computePlan('Pia', requested, emptyTenant));
    expect(writes.map((w) => w.item)).toEqual([
      { id: 'sp-0', method: 'POST', url: '/servicePrincipals', body: { appId: TARGET } },
    ]);
  });

  it('creates one tenant-wide grant per resource with every scope, and one assignment per app role', () => {
    const writes = grantWrites(computePlan('Pia', requested, emptyTenant), ids);
    expect(writes[0]?.item).toEqual({
      id: 'grant-0',
      method: 'POST',
      url: '/oauth2PermissionGrants',
      body: {
        clientId: 'sp-target',
        consentType: 'AllPrincipals',
        resourceId: 'sp-graph',
        scope: 'User.Read Mail.Read Group.ReadWrite.All',
      },
    });
    expect(writes.slice(1).map((w) => w.item)).toEqual([
      {
        id: 'role-0',
        method: 'POST',
        url: '/servicePrincipals/sp-target/appRoleAssignments',
        body: {
          principalId: 'sp-target',
          resourceId: 'sp-graph',
          appRoleId: '62a82d76-70ea-41e2-9197-370581804d09',
        },
      },
      expect.objectContaining({ id: 'role-1' }),
    ]);
  });

  it('extends an existing grant keeping the scopes it holds, never removing one', () => {
    const plan = computePlan('Pia', requested, {
      ...emptyTenant,
      client: targetSp(),
      grants: [
        {
          id: 'g-1',
          clientId: 'sp-target',
          resourceId: 'sp-graph',
          consentType: 'AllPrincipals',
          principalId: null,
          scope: 'Calendars.Read User.Read',
        },
      ],
    });
    const [grant] = grantWrites(plan, ids);
    expect(grant?.item).toEqual({
      id: 'grant-0',
      method: 'PATCH',
      url: '/oauth2PermissionGrants/g-1',
      body: { scope: 'Calendars.Read User.Read Mail.Read Group.ReadWrite.All' },
    });
    expect(grant?.intent.kind).toBe('extend-grant');
  });

  it('fits the default-sized onboarding (1 grant + 21 app roles) in two batches', () => {
    const roles = Array.from({ length: 21 }, (_, i) => ({
      resourceAppId: GRAPH,
      resourceName: 'Microsoft Graph',
      appRoleId: `role-${i}`,
      value: `R${i}`,
    }));
    const plan = {
      ...computePlan('Pia', requested, emptyTenant),
      appRoleAssignments: roles,
    };
    const { batches, deferred } = chunkBatchItems(grantWrites(plan, ids).map((w) => w.item));
    expect(batches.map((b) => b.length)).toEqual([20, 2]);
    expect(deferred).toEqual([]);
  });

  it('refuses to build a request for a resource whose service principal ID is unknown', () => {
    expect(() =>
      grantWrites(computePlan('Pia', requested, emptyTenant), { clientId: 'x', resourceIdByAppId: {} }),
    ).toThrow(/No service principal ID/);
  });
});

describe('existingGrantWrites', () => {
  const change = {
    resourceAppId: GRAPH,
    resourceName: 'Microsoft Graph',
    grantId: null,
    keepScopes: [],
    addScopes: ['User.Read', 'Mail.Read', 'Group.ReadWrite.All'],
  };
  const grant = (scope: string) => ({
    id: 'g-9',
    clientId: 'SP-TARGET',
    resourceId: 'sp-graph',
    consentType: 'AllPrincipals' as const,
    principalId: null,
    scope,
  });

  it('adds to the grant that exists only what it lacks, in its own spelling, removing nothing', () => {
    const { writes, unseen } = existingGrantWrites([change], [grant('user.read Calendars.Read')], ids);
    expect(unseen).toEqual([]);
    expect(writes.map((w) => w.item)).toEqual([
      {
        id: 'existing-grant-0',
        method: 'PATCH',
        url: '/oauth2PermissionGrants/g-9',
        body: { scope: 'user.read Calendars.Read Mail.Read Group.ReadWrite.All' },
      },
    ]);
    expect(writes[0]?.intent).toEqual({
      kind: 'extend-grant',
      change: {
        ...change,
        grantId: 'g-9',
        keepScopes: ['user.read', 'Calendars.Read'],
        addScopes: ['Mail.Read', 'Group.ReadWrite.All'],
      },
    });
  });

  it('writes nothing for a grant that holds everything, and names a grant the read did not return', () => {
    expect(
      existingGrantWrites([change], [grant('USER.READ mail.read group.readwrite.all')], ids).writes,
    ).toEqual([]);
    expect(existingGrantWrites([change], [], ids).unseen).toEqual([change]);
  });
});
