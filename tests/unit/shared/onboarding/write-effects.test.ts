import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../../src/shared/onboarding/plan';
import type { WriteIntent } from '../../../../src/shared/onboarding/run-entry';
import type { TenantSnapshot } from '../../../../src/shared/onboarding/tenant-snapshot';
import {
  expectedPermissions,
  permissionKey,
  samePlan,
  servicePrincipalsVisible,
  writeVisible,
} from '../../../../src/shared/onboarding/write-effects';
import { failedRun, verifiedRun } from '../../../support/run-fixtures';
import { emptyTenant, GRAPH, graphSp, requested, TARGET, targetSp } from './fixtures';

const grantIntent = (addScopes: readonly string[]): WriteIntent => ({
  kind: 'create-grant',
  change: { resourceAppId: GRAPH, resourceName: 'Microsoft Graph', grantId: null, keepScopes: [], addScopes },
});
const roleIntent: WriteIntent = {
  kind: 'assign-app-role',
  change: {
    resourceAppId: GRAPH,
    resourceName: 'Microsoft Graph',
    appRoleId: '62a82d76-70ea-41e2-9197-370581804d09',
    value: 'Group.ReadWrite.All',
  },
};
const onboarded = (
  scope: string,
  consentType: 'AllPrincipals' | 'Principal' = 'AllPrincipals',
): TenantSnapshot => ({
  ...emptyTenant,
  client: targetSp(),
  grants: [
    {
      id: 'g1',
      clientId: 'sp-target',
      resourceId: graphSp.id,
      consentType,
      principalId: consentType === 'Principal' ? 'user-1' : null,
      scope,
    },
  ],
  assignments: [
    {
      id: 'a1',
      appRoleId: '62a82d76-70ea-41e2-9197-370581804d09',
      principalId: 'sp-target',
      resourceId: graphSp.id,
    },
  ],
});

describe('what a write makes visible', () => {
  it('sees a new service principal of the target or of a resource', () => {
    const intent: WriteIntent = { kind: 'create-service-principal', appId: TARGET, displayName: 'Pia' };
    expect(writeVisible(intent, emptyTenant)).toBe(false);
    expect(writeVisible(intent, { ...emptyTenant, client: targetSp() })).toBe(true);
    expect(servicePrincipalsVisible([GRAPH], emptyTenant)).toBe(true);
    expect(servicePrincipalsVisible([GRAPH, 'other-app'], emptyTenant)).toBe(false);
  });

  it('sees a grant only when the tenant-wide grant holds every added scope, in any case', () => {
    expect(writeVisible(grantIntent(['User.Read', 'Mail.Read']), onboarded('user.read mail.read'))).toBe(
      true,
    );
    expect(writeVisible(grantIntent(['User.Read', 'Mail.Read']), onboarded('User.Read'))).toBe(false);
    // One user's consent is not the tenant-wide grant the write made.
    expect(writeVisible(grantIntent(['User.Read']), onboarded('User.Read', 'Principal'))).toBe(false);
    expect(writeVisible(grantIntent(['User.Read']), emptyTenant)).toBe(false);
  });

  it('sees an app role assignment by its role, resource and principal', () => {
    expect(writeVisible(roleIntent, onboarded(''))).toBe(true);
    expect(writeVisible(roleIntent, { ...onboarded(''), assignments: [] })).toBe(false);
  });
});

describe('plans', () => {
  it('are the same whatever order their keys were written in, and differ when a change differs', () => {
    const plan = computePlan('Pia', requested, emptyTenant);
    // A plan read back from the journal need not list its keys in the order computePlan wrote them.
    const reordered = Object.fromEntries(Object.entries(plan).reverse()) as typeof plan;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(plan));
    expect(samePlan(plan, reordered)).toBe(true);
    expect(samePlan(plan, computePlan('Pia', requested, { ...emptyTenant, client: targetSp() }))).toBe(false);
  });

  it('are the same whatever the tool’s own footprint, which applying does not change', () => {
    const plan = computePlan('Pia', requested, emptyTenant);
    const withFootprint = {
      ...plan,
      toolFootprint: { signInAppId: 'sign-in-app', enterpriseApp: null, grants: [] },
    };
    expect(samePlan(plan, withFootprint)).toBe(true);
  });
});

describe('the permissions a run expects to see', () => {
  it('are those its applied writes added', () => {
    const record = verifiedRun().record();
    const expected = expectedPermissions(record);
    expect(expected.size).toBeGreaterThan(0);
    expect(expected.has(permissionKey(GRAPH, 'delegated', 'user.read'))).toBe(true);
  });

  it('leave out what Graph refused', () => {
    const applied = expectedPermissions(verifiedRun().record()).size;
    expect(expectedPermissions(failedRun().record()).size).toBeLessThan(applied);
  });

  it('come from the plan when the administrator consented on Microsoft’s page, and from nothing when declined', () => {
    const plan = computePlan('Pia', requested, emptyTenant);
    const record = (adminConsent: boolean, error: string | null) => ({
      input: { ...verifiedRun().record().input, strategy: 'admin-consent-page' as const },
      plan,
      writes: [],
      adminConsent: { openedAt: 't', returnedAt: 't', adminConsent, error, errorDescription: null },
    });
    expect(expectedPermissions(record(true, null)).size).toBe(5);
    expect(expectedPermissions(record(true, 'access_denied')).size).toBe(0);
    expect(expectedPermissions(record(false, null)).size).toBe(0);
  });
});
