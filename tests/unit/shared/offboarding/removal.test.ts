import { describe, expect, it } from 'vitest';
import { checkRemoval, countRemovalRows } from '../../../../src/shared/offboarding/removal-check';
import {
  isUnlisted,
  planRemoval,
  removalWrites,
  type TargetHoldings,
} from '../../../../src/shared/offboarding/removal-plan';
import type { RequestedResource } from '../../../../src/shared/onboarding/tenant-snapshot';

const GRAPH = '00000003-0000-0000-c000-000000000000';
const requested: readonly RequestedResource[] = [
  {
    resourceAppId: GRAPH,
    resourceName: 'Microsoft Graph',
    delegated: ['User.Read', 'Mail.Send'],
    application: ['User.Read.All'],
  },
];
const graphSp = {
  appId: GRAPH,
  displayName: 'Microsoft Graph',
  appRoles: [
    { id: 'role-users', value: 'User.Read.All' },
    { id: 'role-sites', value: 'Sites.Read.All' },
  ],
};
const app = { id: 'pia-sp', appId: 'pia', displayName: 'Pia', accountEnabled: true };

const holdings = (over: Partial<TargetHoldings> = {}): TargetHoldings => ({
  targetAppId: 'pia',
  enterpriseApp: app,
  grants: [
    {
      id: 'g-all',
      resourceId: 'graph-sp',
      consentType: 'AllPrincipals',
      principalId: null,
      scope: 'user.read Mail.Send',
    },
    {
      id: 'g-one',
      resourceId: 'graph-sp',
      consentType: 'Principal',
      principalId: 'u1',
      scope: 'Calendars.Read',
    },
  ],
  assignments: [
    { id: 'a-users', resourceId: 'graph-sp', appRoleId: 'role-users' },
    { id: 'a-sites', resourceId: 'graph-sp', appRoleId: 'role-sites' },
    { id: 'a-gone', resourceId: 'deleted-sp', appRoleId: 'role-x' },
  ],
  resources: new Map([['graph-sp', graphSp]]),
  ...over,
});

describe('planRemoval', () => {
  it('lists everything the app holds and marks what the profile does not list, whatever its case', () => {
    const plan = planRemoval(holdings(), requested, 'delete');
    expect(plan.remove.map((item) => [item.kind, isUnlisted(item)])).toEqual([
      ['delegated-grant', false],
      ['delegated-grant', true],
      ['app-role-assignment', false],
      ['app-role-assignment', true],
      ['app-role-assignment', true],
    ]);
    expect(plan.remove[0]).toMatchObject({ scopes: ['user.read', 'Mail.Send'], unlisted: [] });
    // A resource that cannot be read is named by its service principal ID; its role by its ID.
    expect(plan.remove[4]).toMatchObject({
      resource: { id: 'deleted-sp', appId: null, displayName: null },
      permission: null,
      listed: false,
    });
    expect(plan.enterpriseAppChange).toBe('delete');
    expect(removalWrites(plan)).toBe(6);
  });

  it('does not disable an enterprise application that is disabled already, and plans nothing without one', () => {
    const disabled = planRemoval(
      holdings({ enterpriseApp: { ...app, accountEnabled: false } }),
      requested,
      'disable',
    );
    expect(disabled.enterpriseAppChange).toBeNull();
    expect(removalWrites(disabled)).toBe(5);
    const absent = planRemoval(
      holdings({ enterpriseApp: null, grants: [], assignments: [], resources: new Map() }),
      requested,
      'delete',
    );
    expect(absent).toMatchObject({ enterpriseApp: null, remove: [], enterpriseAppChange: null });
    expect(removalWrites(absent)).toBe(0);
  });
});

describe('checkRemoval', () => {
  const plan = planRemoval(holdings(), requested, 'delete');
  const nothing = holdings({ enterpriseApp: null, grants: [], assignments: [], resources: new Map() });

  it('says removed for what the plan held, not present for what it never held, and is complete when nothing is left', () => {
    const check = checkRemoval(plan, requested, nothing);
    const row = (name: string) => check.rows.find((r) => r.name === name);
    expect(row('User.Read')).toMatchObject({ listed: true, status: 'removed' });
    expect(row('Calendars.Read')).toMatchObject({ listed: false, status: 'removed' });
    expect(row('Sites.Read.All')).toMatchObject({ listed: false, status: 'removed' });
    expect(row('role-x')).toMatchObject({
      resourceAppId: null,
      resourceName: 'deleted-sp',
      status: 'removed',
    });
    expect(check.enterpriseApp).toBe('removed');
    expect(check.complete).toBe(true);
    // The scope held as `user.read` is the profile's `User.Read`: one row, not two.
    expect(check.rows.filter((r) => r.name.toLowerCase() === 'user.read')).toHaveLength(1);
    expect(countRemovalRows(check.rows)).toEqual({ removed: 6, 'still-present': 0, 'not-present': 0 });

    const neverHeld = planRemoval(nothing, requested, 'delete');
    const empty = checkRemoval(neverHeld, requested, nothing);
    expect(empty.rows.map((r) => r.status)).toEqual(['not-present', 'not-present', 'not-present']);
    expect(empty).toMatchObject({ enterpriseApp: 'not-present', complete: true });
  });

  it('is not complete while anything is left, including what was granted after the plan was read', () => {
    const left = holdings({
      grants: [
        {
          id: 'g-new',
          resourceId: 'graph-sp',
          consentType: 'AllPrincipals',
          principalId: null,
          scope: 'Files.Read.All',
        },
      ],
      assignments: [],
    });
    const check = checkRemoval(plan, requested, left);
    expect(check.rows.find((r) => r.name === 'Files.Read.All')).toMatchObject({
      listed: false,
      status: 'still-present',
    });
    expect(check.enterpriseApp).toBe('still-present');
    expect(check.complete).toBe(false);
  });

  it('with disabling chosen, says disabled for a disabled application and still present for an enabled one', () => {
    const disablePlan = planRemoval(holdings(), requested, 'disable');
    const gone = { grants: [], assignments: [] };
    expect(
      checkRemoval(
        disablePlan,
        requested,
        holdings({ ...gone, enterpriseApp: { ...app, accountEnabled: false } }),
      ),
    ).toMatchObject({
      enterpriseApp: 'disabled',
      complete: true,
    });
    expect(checkRemoval(disablePlan, requested, holdings(gone))).toMatchObject({
      enterpriseApp: 'still-present',
      complete: false,
    });
  });
});
