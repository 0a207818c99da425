import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID } from '../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinServicePrincipalId,
  builtinTenantIds,
  TARGET_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { type Harness, signedInRun, startHarness } from './harness';

const tenantWideGrants = (harness: Harness) =>
  harness.practice.directory
    .tenant(builtinTenantIds.adatum)
    .oauth2PermissionGrants.filter(
      (g) =>
        g.clientId === builtinServicePrincipalId('adatum', TARGET_APP_ID) &&
        g.consentType === 'AllPrincipals',
    );

describe('a tenant-wide grant that appears between the plan and the grant', () => {
  let harness: Harness;
  beforeEach(async () => {
    // The run's pauses while Microsoft replicates move the clock instead of waiting for it.
    harness = await startHarness({ sleep: 'skip-ahead' });
  });
  afterEach(async () => {
    await harness?.close();
  });

  it('reads the grant Graph says exists and adds only the scopes it lacks, removing none', async () => {
    const run = await signedInRun(harness, 'adatum.com', 'admin@adatum.com');
    let record = await run.plan();
    expect(record.plan?.delegatedGrants[0]).toMatchObject({ grantId: null, keepScopes: [] });

    // Another consent creates the grant after the plan; replication hides it from the re-read before writing, so
    // the run still creates it and Graph answers 409.
    harness.practice.knobs.setTenant(builtinTenantIds.adatum, { replicationDelaySeconds: 2 });
    const other = harness.practice.directory.createGrant(builtinTenantIds.adatum, {
      clientId: builtinServicePrincipalId('adatum', TARGET_APP_ID),
      resourceId: builtinServicePrincipalId('adatum', MICROSOFT_GRAPH_APP_ID),
      consentType: 'AllPrincipals',
      principalId: null,
      scope: 'user.read Calendars.ReadWrite',
    });

    record = await run.apply();
    expect(record.problems).toEqual([]);
    const grantWrites = record.writes.filter((w) => w.intent.kind !== 'assign-app-role');
    expect(grantWrites.map((w) => [w.intent.kind, w.outcome, w.httpStatus])).toEqual([
      ['create-grant', 'already-present', 409],
      ['extend-grant', 'applied', 204],
    ]);
    const extension = grantWrites[1]?.intent;
    const requested = record.plan?.delegatedGrants[0]?.addScopes ?? [];
    expect(extension?.kind === 'extend-grant' ? extension.change : null).toMatchObject({
      grantId: other.id,
      keepScopes: ['user.read', 'Calendars.ReadWrite'],
      // The grant's own spelling counts: User.Read is not added a second time.
      addScopes: requested.filter((s) => s !== 'User.Read'),
    });

    // One tenant-wide grant, holding what it held (in its spelling) and everything requested.
    const grants = tenantWideGrants(harness);
    expect(grants).toHaveLength(1);
    expect(grants[0]?.scope.split(' ')).toEqual([
      'user.read',
      'Calendars.ReadWrite',
      ...requested.filter((s) => s !== 'User.Read'),
    ]);

    record = await run.verify();
    expect(record.verification?.counts).toMatchObject({ granted: 39, missing: 0 });
  });
});
