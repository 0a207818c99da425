import { describe, expect, it } from 'vitest';
import type { TenantSnapshot } from '../../../../src/shared/onboarding/tenant-snapshot';
import { verifyPermissions } from '../../../../src/shared/onboarding/verification';
import { emptyTenant, GRAPH, graphSp, requested, targetSp } from './fixtures';

const onboarded = (accountEnabled = true): TenantSnapshot => ({
  ...emptyTenant,
  client: targetSp(accountEnabled),
  grants: [
    {
      id: 'grant-all',
      clientId: 'sp-target',
      resourceId: 'sp-graph',
      consentType: 'AllPrincipals',
      principalId: null,
      scope: 'User.Read Mail.Read Group.ReadWrite.All Calendars.Read',
    },
  ],
  assignments: graphSp.appRoles.map((r, i) => ({
    id: `as-${i}`,
    appRoleId: r.id,
    principalId: 'sp-target',
    resourceId: 'sp-graph',
    createdDateTime: '2026-11-28T10:00:00Z',
  })),
});

describe('verifyPermissions', () => {
  it('marks every permission of a fresh tenant missing, with its ID', () => {
    const result = verifyPermissions(requested, emptyTenant);
    expect(result.rows).toHaveLength(5);
    expect(result.rows.every((r) => r.status === 'missing' && r.id !== null)).toBe(true);
    expect(result.complete).toBe(false);
    expect(result.counts.missing).toBe(5);
  });

  it('proves each granted permission with the grant or assignment that holds it', () => {
    const result = verifyPermissions(requested, onboarded());
    expect(result.complete).toBe(true);
    expect(result.counts.granted).toBe(5);
    expect(result.rows.find((r) => r.type === 'delegated' && r.name === 'Mail.Read')?.evidence).toMatchObject(
      {
        kind: 'oauth2PermissionGrant',
        objectId: 'grant-all',
      },
    );
    expect(
      result.rows.find((r) => r.type === 'application' && r.name === 'Directory.ReadWrite.All'),
    ).toMatchObject({
      id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
      evidence: { kind: 'appRoleAssignment', objectId: 'as-1', createdDateTime: '2026-11-28T10:00:00Z' },
    });
  });

  it('lists granted permissions that the profile does not, as extras', () => {
    const result = verifyPermissions(requested, onboarded());
    expect(result.extras).toEqual([
      {
        resourceAppId: GRAPH,
        resourceName: 'Microsoft Graph',
        type: 'delegated',
        name: 'Calendars.Read',
        objectId: 'grant-all',
      },
    ]);
  });

  it('tells a scope that one user consented to alone apart from a tenant-wide grant', () => {
    const snapshot: TenantSnapshot = {
      ...emptyTenant,
      client: targetSp(),
      grants: [
        {
          id: 'g-u',
          clientId: 'sp-target',
          resourceId: 'sp-graph',
          consentType: 'Principal',
          principalId: 'user-7',
          scope: 'Mail.Read',
        },
      ],
    };
    const row = verifyPermissions(requested, snapshot).rows.find((r) => r.name === 'Mail.Read');
    expect(row).toMatchObject({
      status: 'user-consent-only',
      evidence: { principalIds: ['user-7'], objectId: 'g-u' },
    });
  });

  it('marks granted permissions of a disabled service principal app-disabled', () => {
    const result = verifyPermissions(requested, onboarded(false));
    expect(result.counts['app-disabled']).toBe(5);
    expect(result.complete).toBe(false);
  });

  it('marks permissions not offered with a null ID and never counts them granted', () => {
    const result = verifyPermissions(
      [
        {
          resourceAppId: GRAPH,
          resourceName: 'Microsoft Graph',
          delegated: ['Retired.Scope'],
          application: ['Mail.Read'],
        },
      ],
      onboarded(),
    );
    expect(result.rows.map((r) => [r.name, r.status, r.id])).toEqual([
      ['Retired.Scope', 'not-offered', null],
      ['Mail.Read', 'not-offered', null],
    ]);
    expect(result.complete).toBe(false);
  });

  it('marks permissions of a resource the tenant lacks as missing', () => {
    const result = verifyPermissions(requested, { ...emptyTenant, resources: { [GRAPH]: null } });
    expect(result.rows.every((r) => r.status === 'missing' && r.id === null)).toBe(true);
    expect(result.rows[0]?.evidence.note).toMatch(/no enterprise application for Microsoft Graph/);
  });
});

describe('verifyPermissions with scopes spelled in another case', () => {
  // Entra compares scope values without case: "Scopes are case insensitive, so User.Read is the same as
  // user.read" (https://learn.microsoft.com/aspnet/core/blazor/security/webassembly/microsoft-entra-id-groups-and-roles#scopes).
  const lowerCase = (principal: boolean): TenantSnapshot => ({
    ...onboarded(),
    grants: [
      {
        id: principal ? 'grant-u' : 'grant-all',
        clientId: 'sp-target',
        resourceId: 'sp-graph',
        consentType: principal ? 'Principal' : 'AllPrincipals',
        principalId: principal ? 'user-1' : null,
        scope: 'user.read mail.read GROUP.READWRITE.ALL',
      },
    ],
  });

  it('counts a scope the tenant-wide grant holds in another case as granted, and not as an extra', () => {
    const result = verifyPermissions(requested, lowerCase(false));
    expect(result.complete).toBe(true);
    expect(result.counts.granted).toBe(5);
    expect(result.extras).toEqual([]);
  });

  it('finds a single user’s consent in another case', () => {
    const result = verifyPermissions(requested, lowerCase(true));
    expect(result.rows.filter((r) => r.status === 'user-consent-only').map((r) => r.name)).toEqual([
      'User.Read',
      'Mail.Read',
      'Group.ReadWrite.All',
    ]);
  });
});
