import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinTenantIds } from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { type Harness, signedInRun, startHarness } from './harness';

// Microsoft Graph may send null for any property its v1.0 metadata does not declare Nullable="false"
// (microsoftgraph/msgraph-metadata, schemas/v1.0-Prod.csdl; https://learn.microsoft.com/graph/api/resources/serviceprincipal):
// a service principal without a display name, a user without one, an assignment without its display names.
const NULL_PROPERTIES = [
  'servicePrincipal.appId',
  'servicePrincipal.displayName',
  'servicePrincipal.appDisplayName',
  'servicePrincipal.accountEnabled',
  'user.displayName',
  'user.userPrincipalName',
  'organization.displayName',
  'verifiedDomain.isDefault',
  'directoryRole.displayName',
  'appRoleAssignment.principalId',
  'appRoleAssignment.principalDisplayName',
  'appRoleAssignment.resourceDisplayName',
  'appRoleAssignment.createdDateTime',
  'oAuth2PermissionGrant.principalId',
  'appRole.description',
  'appRole.displayName',
  'permissionScope.adminConsentDescription',
  'permissionScope.userConsentDisplayName',
];

describe("Graph's answers with the nulls Microsoft's metadata allows", () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness?.close();
  });

  it('a direct grant still signs in, grants and verifies every permission', async () => {
    harness.practice.knobs.setTenant(builtinTenantIds.contoso, { nullProperties: NULL_PROPERTIES });
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com');
    let record = run.record;
    // Never "The connection to Microsoft was lost": no problem at all.
    expect(record.problems).toEqual([]);
    expect(record.guards.map((g) => [g.guard, g.passed])).toEqual([
      ['tenant', true],
      ['role', true],
    ]);
    // The organization Graph sent without a name (inside the identity read's $batch) is named by its tenant ID.
    expect(record.organization?.displayName).toBe(builtinTenantIds.contoso);

    record = await run.plan();
    expect(record.problems).toEqual([]);
    record = await run.apply();
    expect(record.problems).toEqual([]);
    expect(record.writes.every((w) => w.outcome === 'applied')).toBe(true);
    record = await run.verify();
    expect(record.problems).toEqual([]);
    expect(record.verification?.counts).toMatchObject({ granted: 39, missing: 0 });
    await run.finish();
  });
});
