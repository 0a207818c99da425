import { describe, expect, it } from 'vitest';
import { computePlan, planWrites } from '../../../../src/shared/onboarding/plan';
import type { TenantSnapshot } from '../../../../src/shared/onboarding/tenant-snapshot';
import { emptyTenant, GRAPH, graphSp, requested, TARGET, targetSp } from './fixtures';

describe('computePlan', () => {
  it('on a fresh tenant creates the target service principal, one grant and every app role', () => {
    const plan = computePlan('Pia', requested, emptyTenant);
    expect(plan.createServicePrincipals).toEqual([{ appId: TARGET, role: 'target', displayName: 'Pia' }]);
    expect(plan.delegatedGrants).toEqual([
      {
        resourceAppId: GRAPH,
        resourceName: 'Microsoft Graph',
        grantId: null,
        keepScopes: [],
        addScopes: ['User.Read', 'Mail.Read', 'Group.ReadWrite.All'],
      },
    ]);
    expect(plan.appRoleAssignments.map((a) => a.value)).toEqual([
      'Group.ReadWrite.All',
      'Directory.ReadWrite.All',
    ]);
    expect(plan.appRoleAssignments[0]?.appRoleId).toBe('62a82d76-70ea-41e2-9197-370581804d09');
    expect(plan.alreadyGranted).toBe(0);
    expect(planWrites(plan)).toBe(4);
  });

  it('adds only what is missing to an existing grant and keeps every scope it holds', () => {
    const snapshot: TenantSnapshot = {
      ...emptyTenant,
      client: targetSp(),
      grants: [
        {
          id: 'grant-1',
          clientId: 'sp-target',
          resourceId: 'sp-graph',
          consentType: 'AllPrincipals',
          principalId: null,
          scope: 'User.Read Calendars.Read',
        },
      ],
      assignments: [
        {
          id: 'as-1',
          appRoleId: '62a82d76-70ea-41e2-9197-370581804d09',
          principalId: 'sp-target',
          resourceId: 'sp-graph',
        },
      ],
    };
    const plan = computePlan('Pia', requested, snapshot);
    expect(plan.createServicePrincipals).toEqual([]);
    expect(plan.delegatedGrants).toEqual([
      expect.objectContaining({
        grantId: 'grant-1',
        keepScopes: ['User.Read', 'Calendars.Read'],
        addScopes: ['Mail.Read', 'Group.ReadWrite.All'],
      }),
    ]);
    expect(plan.appRoleAssignments.map((a) => a.value)).toEqual(['Directory.ReadWrite.All']);
    expect(plan.alreadyGranted).toBe(2);
  });

  it('still adds tenant-wide a scope that one user consented to alone', () => {
    const snapshot: TenantSnapshot = {
      ...emptyTenant,
      client: targetSp(),
      grants: [
        {
          id: 'grant-u',
          clientId: 'sp-target',
          resourceId: 'sp-graph',
          consentType: 'Principal',
          principalId: 'user-1',
          scope: 'Mail.Read',
        },
      ],
    };
    const plan = computePlan('Pia', requested, snapshot);
    expect(plan.delegatedGrants[0]).toMatchObject({
      grantId: null,
      addScopes: ['User.Read', 'Mail.Read', 'Group.ReadWrite.All'],
    });
  });

  it('plans no write for a tenant that already holds everything', () => {
    const snapshot: TenantSnapshot = {
      ...emptyTenant,
      client: targetSp(),
      grants: [
        {
          id: 'g',
          clientId: 'sp-target',
          resourceId: 'sp-graph',
          consentType: 'AllPrincipals',
          principalId: null,
          scope: 'Group.ReadWrite.All Mail.Read User.Read',
        },
      ],
      assignments: graphSp.appRoles.map((r, i) => ({
        id: `as-${i}`,
        appRoleId: r.id,
        principalId: 'sp-target',
        resourceId: 'sp-graph',
      })),
    };
    const plan = computePlan('Pia', requested, snapshot);
    expect(planWrites(plan)).toBe(0);
    expect(plan.alreadyGranted).toBe(5);
  });

  it('reports permissions the resource does not offer, with the reason, and never plans them', () => {
    const plan = computePlan(
      'Pia',
      [
        {
          resourceAppId: GRAPH,
          resourceName: 'Microsoft Graph',
          delegated: ['Retired.Scope', 'No.Such.Scope'],
          application: ['User.Read'],
        },
      ],
      emptyTenant,
    );
    expect(plan.notOffered).toEqual([
      expect.objectContaining({ type: 'delegated', name: 'Retired.Scope', reason: 'disabled' }),
      expect.objectContaining({ type: 'delegated', name: 'No.Such.Scope', reason: 'not-published' }),
      // User.Read is a delegated permission only: Microsoft Graph publishes no app role of that name.
      expect.objectContaining({ type: 'application', name: 'User.Read', reason: 'not-published' }),
    ]);
    expect(plan.delegatedGrants).toEqual([]);
    expect(plan.appRoleAssignments).toEqual([]);
  });

  it('creates a missing resource service principal and leaves its permissions pending until it exists', () => {
    const teams = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
    const plan = computePlan(
      'Pia',
      [
        {
          resourceAppId: teams,
          resourceName: 'Microsoft Teams',
          delegated: ['Team.ReadBasic.All'],
          application: [],
        },
      ],
      { ...emptyTenant, client: targetSp(), resources: { [teams]: null } },
    );
    expect(plan.createServicePrincipals).toEqual([
      { appId: teams, role: 'resource', displayName: 'Microsoft Teams' },
    ]);
    expect(plan.pendingResources).toEqual([expect.objectContaining({ resourceAppId: teams })]);
  });

  it('warns when the target service principal is disabled, without planning to enable it', () => {
    const plan = computePlan('Pia', requested, { ...emptyTenant, client: targetSp(false) });
    expect(plan.warnings).toEqual([{ kind: 'target-disabled', servicePrincipalId: 'sp-target' }]);
    expect(plan.createServicePrincipals).toEqual([]);
  });
});

describe('computePlan with a profile spelled differently from the resource', () => {
  it('grants the scope as the resource spells it, so tokens and verification match', () => {
    const plan = computePlan(
      'Pia',
      [
        {
          resourceAppId: GRAPH,
          resourceName: 'Microsoft Graph',
          delegated: ['user.read'],
          application: ['group.readwrite.all'],
        },
      ],
      emptyTenant,
    );
    expect(plan.delegatedGrants[0]?.addScopes).toEqual(['User.Read']);
    expect(plan.appRoleAssignments[0]?.value).toBe('Group.ReadWrite.All');
  });
});

describe('computePlan with a grant spelled differently from the resource', () => {
  // Entra compares scope values without case: "Scopes are case insensitive, so User.Read is the same as
  // user.read" (https://learn.microsoft.com/aspnet/core/blazor/security/webassembly/microsoft-entra-id-groups-and-roles#scopes).
  it('counts a scope the grant holds in another case as granted, and keeps the grant’s spelling', () => {
    const snapshot: TenantSnapshot = {
      ...emptyTenant,
      client: targetSp(),
      grants: [
        {
          id: 'grant-1',
          clientId: 'sp-target',
          resourceId: 'sp-graph',
          consentType: 'AllPrincipals',
          principalId: null,
          scope: 'user.read MAIL.READ',
        },
      ],
    };
    const plan = computePlan('Pia', requested, snapshot);
    expect(plan.delegatedGrants).toEqual([
      expect.objectContaining({
        grantId: 'grant-1',
        keepScopes: ['user.read', 'MAIL.READ'],
        addScopes: ['Group.ReadWrite.All'],
      }),
    ]);
    expect(plan.alreadyGranted).toBe(2);
  });

  it('plans no grant write when the grant holds every scope, whatever their case', () => {
    const snapshot: TenantSnapshot = {
      ...emptyTenant,
      client: targetSp(),
      grants: [
        {
          id: 'grant-1',
          clientId: 'sp-target',
          resourceId: 'sp-graph',
          consentType: 'AllPrincipals',
          principalId: null,
          scope: 'user.read mail.read group.readwrite.all',
        },
      ],
    };
    expect(computePlan('Pia', requested, snapshot).delegatedGrants).toEqual([]);
  });
});
