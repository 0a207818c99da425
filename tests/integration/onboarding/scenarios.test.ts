import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EXCHANGE_ONLINE_APP_ID,
  MICROSOFT_TEAMS_APP_ID,
} from '../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinTenantIds,
  builtinUserId,
  TARGET_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { DEFAULT_PROFILE } from '../../../src/shared/profile/default-profile';
import type { PermissionProfile } from '../../../src/shared/profile/permission-profile';
import {
  type Harness,
  PRACTICE_TEAMS_ROLE,
  scenarioNeedingTeams,
  signedInRun,
  startHarness,
} from './harness';

const grantsOf = (harness: Harness, tenant: keyof typeof builtinTenantIds) => {
  const target = harness.practice.directory.findServicePrincipalByAppId(
    builtinTenantIds[tenant],
    TARGET_APP_ID,
  );
  return harness.practice.directory
    .tenant(builtinTenantIds[tenant])
    .oauth2PermissionGrants.filter((g) => g.clientId === target?.id);
};

describe('onboarding the practice tenant’s situations', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness?.close();
  });

  it('completes a partial earlier onboarding: adds only what is missing, removes nothing, reports the single-user grant', async () => {
    const before = grantsOf(harness, 'adatum');
    expect(before).toHaveLength(1);
    const run = await signedInRun(harness, 'adatum.com', 'admin@adatum.com');
    let record = await run.plan();
    expect(record.plan?.createServicePrincipals).toEqual([]);
    expect(record.plan?.appRoleAssignments).toHaveLength(11);
    expect(record.plan?.delegatedGrants[0]).toMatchObject({ grantId: null, keepScopes: [] });
    expect(record.plan?.alreadyGranted).toBe(10);

    // Before granting, verification reports the one user's own consent for what it is.
    record = await run.verify();
    const userOnly = record.verification?.rows.filter((r) => r.status === 'user-consent-only') ?? [];
    expect(userOnly.map((r) => r.name).sort()).toEqual(['Mail.Read', 'User.Read', 'offline_access']);
    expect(userOnly[0]?.evidence.principalIds).toEqual([builtinUserId('adatum', 'isaiah')]);

    record = await run.apply();
    expect(record.problems).toEqual([]);
    expect(record.writes.filter((w) => w.intent.kind === 'assign-app-role')).toHaveLength(11);
    record = await run.verify();
    expect(record.verification?.counts).toMatchObject({
      granted: 39,
      'not-offered': 1,
      'user-consent-only': 0,
    });
    // Isaiah's own grant is still there, untouched, beside the new tenant-wide one.
    const after = grantsOf(harness, 'adatum');
    expect(after).toContainEqual(before[0]);
    expect(after.filter((g) => g.consentType === 'AllPrincipals')).toHaveLength(1);
  });

  it('creates the resource service principals a tenant lacks (Microsoft Teams) and reports what they do not offer', async () => {
    const profile: PermissionProfile = {
      ...DEFAULT_PROFILE,
      permissions: [
        ...DEFAULT_PROFILE.permissions,
        {
          resourceAppId: EXCHANGE_ONLINE_APP_ID,
          resourceDisplayName: 'Office 365 Exchange Online',
          application: [{ name: 'Exchange.ManageAsApp' }],
        },
        {
          resourceAppId: MICROSOFT_TEAMS_APP_ID,
          resourceDisplayName: 'Microsoft Teams Services',
          delegated: [{ name: 'Teams.AccessAsUser.All' }],
        },
      ],
    };
    const run = await signedInRun(harness, 'northwindtraders.com', 'admin@northwindtraders.com', { profile });
    let record = await run.plan();
    expect(record.plan?.createServicePrincipals.map((sp) => [sp.role, sp.appId])).toEqual([
      ['target', TARGET_APP_ID],
      ['resource', MICROSOFT_TEAMS_APP_ID],
    ]);
    expect(record.plan?.pendingResources.map((r) => r.resourceAppId)).toEqual([MICROSOFT_TEAMS_APP_ID]);
    record = await run.apply();
    expect(record.problems).toEqual([]);
    expect(
      harness.practice.directory.findServicePrincipalByAppId(
        builtinTenantIds.northwind,
        MICROSOFT_TEAMS_APP_ID,
      ),
    ).toBeDefined();
    record = await run.verify();
    const rows = record.verification?.rows ?? [];
    expect(rows.find((r) => r.name === 'Exchange.ManageAsApp')?.status).toBe('granted');
    expect(rows.find((r) => r.resourceAppId === MICROSOFT_TEAMS_APP_ID)).toMatchObject({
      status: 'not-offered',
      id: null,
    });
  });

  it('grants to a disabled service principal but reports every permission as app-disabled', async () => {
    const run = await signedInRun(harness, 'tailspintoys.com', 'admin@tailspintoys.com');
    let record = await run.plan();
    const guard = record.guards.find((g) => g.guard === 'target-app');
    expect(guard).toMatchObject({ passed: true });
    expect(guard?.message).toContain('disabled');
    expect(record.plan?.warnings).toEqual([expect.objectContaining({ kind: 'target-disabled' })]);
    record = await run.apply();
    record = await run.verify();
    expect(record.verification?.counts).toMatchObject({ 'app-disabled': 39, granted: 0 });
    expect(record.verification?.complete).toBe(false);
  });
});

describe('replication delay', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness?.close();
  });

  it('waits for new objects to replicate before verifying, reading again with a growing pause', async () => {
    harness = await startHarness({ sleep: 'skip-ahead' });
    harness.practice.knobs.setTenant(builtinTenantIds.contoso, { replicationDelaySeconds: 2 });
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com');
    await run.plan();
    let record = await run.apply();
    expect(record.problems).toEqual([]);
    record = await run.verify();
    expect(record.problems).toEqual([]);
    expect(record.verification?.attempt).toBeGreaterThan(1);
    expect(record.verification?.counts.granted).toBe(39);
    const waits = harness.progress.filter(
      (p) => p.phase === 'verify' && p.message.startsWith('Waiting for Microsoft'),
    );
    expect(waits.length).toBeGreaterThan(0);
  });

  it('stops with guidance when the deadline passes before new objects replicate, and finishes on a second try', async () => {
    harness = await startHarness({ sleep: 'skip-ahead', limits: { replicationDeadlineMs: 500 } });
    harness.practice.knobs.setTenant(builtinTenantIds.contoso, { replicationDelaySeconds: 3 });
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com');
    await run.plan();
    let record = await run.apply();
    // The new enterprise application is not visible yet where the grants are written.
    expect(record.problems.at(-1)?.guidance).toMatchObject({
      code: 'replication-pending',
      whoCanFix: 'wait-and-retry',
    });
    expect(record.writes.find((w) => w.intent.kind === 'create-service-principal')?.outcome).toBe('applied');
    // The technician waits a few seconds before trying again.
    harness.skipAhead(3_000);
    record = await run.plan();
    expect(record.plan?.createServicePrincipals).toEqual([]);
    record = await run.apply();
    harness.skipAhead(3_000);
    record = await run.verify();
    expect(record.verification?.counts.granted).toBe(39);
    const targets = harness.practice.directory
      .tenant(builtinTenantIds.contoso)
      .servicePrincipals.filter((sp) => sp.appId === TARGET_APP_ID);
    expect(targets).toHaveLength(1);
  });
});

describe('Microsoft’s admin-consent page', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness?.close();
  });

  it('grants through the consent page in the run’s session, then verifies from Graph', async () => {
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com', {
      strategy: 'admin-consent-page',
    });
    const page = harness.pageOf(run.record.runId);
    await run.plan();
    const applying = run.apply();
    // Single sign-on from the run's own session: straight to the permissions, no password asked.
    await page.getByRole('button', { name: 'Accept' }).waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
    await page.getByRole('button', { name: 'Accept' }).click();
    let record = await applying;
    expect(record.problems).toEqual([]);
    expect(record.adminConsent).toMatchObject({ adminConsent: true, error: null });
    expect(record.writes).toEqual([]);
    record = await run.verify();
    expect(record.verification?.counts).toMatchObject({ granted: 39, 'not-offered': 1 });
    expect(grantsOf(harness, 'contoso')).toHaveLength(1);
  });

  it('reports consent declined with the identity platform’s guidance', async () => {
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com', {
      strategy: 'admin-consent-page',
    });
    const page = harness.pageOf(run.record.runId);
    await run.plan();
    const applying = run.apply();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const record = await applying;
    expect(record.adminConsent?.error).toBe('consent_required');
    expect(record.problems.at(-1)).toMatchObject({
      step: 'admin-consent',
      guidance: { code: 'AADSTS65004' },
    });
    expect(grantsOf(harness, 'contoso')).toEqual([]);
  });

  it('reports AADSTS650052 when the tenant lacks a service the app needs; the direct grant creates it', async () => {
    await harness.close();
    harness = await startHarness({ scenario: scenarioNeedingTeams() });
    const run = await signedInRun(harness, 'northwindtraders.com', 'admin@northwindtraders.com', {
      strategy: 'admin-consent-page',
    });
    const page = harness.pageOf(run.record.runId);
    await run.plan();
    const applying = run.apply();
    await page.getByRole('button', { name: 'Accept' }).click();
    const record = await applying;
    expect(record.problems.at(-1)?.guidance.code).toBe('AADSTS650052');
    expect(
      harness.practice.directory.findServicePrincipalByAppId(builtinTenantIds.northwind, TARGET_APP_ID),
    ).toBeUndefined();
    await run.cancel();

    // The same onboarding by direct grant creates the Teams service principal first.
    const profile: PermissionProfile = {
      ...DEFAULT_PROFILE,
      permissions: [
        ...DEFAULT_PROFILE.permissions,
        {
          resourceAppId: MICROSOFT_TEAMS_APP_ID,
          resourceDisplayName: 'Microsoft Teams Services',
          application: [{ name: PRACTICE_TEAMS_ROLE.value }],
        },
      ],
    };
    const direct = await signedInRun(harness, 'northwindtraders.com', 'admin@northwindtraders.com', {
      profile,
    });
    await direct.plan();
    await direct.apply();
    const verified = await direct.verify();
    expect(verified.verification?.rows.find((r) => r.name === PRACTICE_TEAMS_ROLE.value)?.status).toBe(
      'granted',
    );
  });
});
