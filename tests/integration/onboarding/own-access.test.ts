import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OnboardingRun } from '../../../src/main/onboarding/onboarding-run';
import {
  builtinTenantIds,
  builtinUserId,
  SIGN_IN_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import type { PracticeTenant } from '../../../src/main/practice-tenant/server';
import { reportContent } from '../../../src/shared/report/build-report';
import { enterCredentials, type Harness, runInput, signedInRun, startHarness } from './harness';

/** What the practice directory holds of the tool's own sign-in app in a tenant. */
const toolFootprint = (practice: PracticeTenant, tenant: keyof typeof builtinTenantIds) => {
  const tenantId = builtinTenantIds[tenant];
  const sp = practice.directory.findServicePrincipalByAppId(tenantId, SIGN_IN_APP_ID);
  const grants = practice.directory
    .tenant(tenantId)
    .oauth2PermissionGrants.filter((g) => sp !== undefined && g.clientId === sp.id.toLowerCase());
  return { sp, grants };
};

describe('Finish removes the tool’s own access to the client’s tenant', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness?.close();
  });

  it('removes the tenant-wide grant after a verified onboarding, keeps the enterprise application, and the outcome stays Verified', async () => {
    const before = toolFootprint(harness.practice, 'contoso');
    expect(before.grants.map((g) => g.consentType)).toEqual(['AllPrincipals']);
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com');
    // Review plan shows what the tool itself holds, read from Graph with the plan.
    expect((await run.plan()).plan?.toolFootprint).toEqual({
      signInAppId: SIGN_IN_APP_ID,
      enterpriseApp: { id: before.sp?.id, appId: SIGN_IN_APP_ID, displayName: 'Pia Onboarding' },
      grants: [expect.objectContaining({ id: before.grants[0]?.id, consentType: 'AllPrincipals' })],
    });
    await run.apply();
    expect((await run.verify()).verification?.counts).toMatchObject({ granted: 39, missing: 0 });

    const record = await run.finish({ removeGrants: true, deleteEnterpriseApp: false });
    expect(record.outcome).toBe('verified');
    expect(record.ownAccess?.decision).toMatchObject({
      skipped: null,
      footprint: { signInAppId: SIGN_IN_APP_ID, enterpriseApp: { id: before.sp?.id } },
      remove: [{ kind: 'grant', grantId: before.grants[0]?.id, consentType: 'AllPrincipals' }],
      keep: [
        {
          item: { kind: 'enterprise-app', servicePrincipalId: before.sp?.id },
          reason: 'enterprise-app-not-chosen',
        },
      ],
    });
    expect(record.ownAccess?.removals).toEqual([
      expect.objectContaining({
        removal: expect.objectContaining({ kind: 'grant', grantId: before.grants[0]?.id }),
        request: { method: 'DELETE', url: `/oauth2PermissionGrants/${before.grants[0]?.id}`, body: null },
        outcome: 'removed',
        httpStatus: 204,
        requestId: expect.any(String),
      }),
    ]);
    expect(record.ownAccess?.stopped).toBeNull();
    // The report made after Finish says what became of each part of the tool's access.
    const report = reportContent(record, { toolVersion: 'test', generatedAt: new Date().toISOString() });
    expect(report.toolAccess?.items.map((i) => [i.kind, i.status])).toEqual([
      ['grant', 'removed'],
      ['enterprise-app', 'kept'],
    ]);

    const after = toolFootprint(harness.practice, 'contoso');
    expect(after.grants).toEqual([]);
    expect(after.sp?.id).toBe(before.sp?.id);

    // Without the grant, the next sign-in in this tenant asks the administrator to consent again.
    const next = await OnboardingRun.start(harness.env, runInput('contoso.com'));
    await next.discover();
    const signedIn = next.signIn({ prompt: 'select_account' });
    const page = await harness.nextPage();
    await enterCredentials(page, 'admin@contoso.com');
    await page.getByRole('heading', { name: /Permissions requested/ }).waitFor();
    await page.getByRole('checkbox', { name: 'Consent on behalf of your organization' }).check();
    await page.getByRole('button', { name: 'Accept' }).click();
    expect((await signedIn).guards.every((g) => g.passed)).toBe(true);
    expect(toolFootprint(harness.practice, 'contoso').grants.map((g) => g.consentType)).toEqual([
      'AllPrincipals',
    ]);
    await next.finish();
  });

  it('removes the administrator’s own grant where they consented for themselves only', async () => {
    expect(toolFootprint(harness.practice, 'woodgrove').sp).toBeUndefined();
    const run = await OnboardingRun.start(harness.env, runInput('woodgrovebank.com'));
    await run.discover();
    const signedIn = run.signIn({ prompt: 'select_account' });
    const page = await harness.nextPage();
    await enterCredentials(page, 'admin@woodgrovebank.com');
    await page.getByRole('heading', { name: /Permissions requested/ }).waitFor();
    // Not ticking "Consent on behalf of your organization": a grant for this administrator alone.
    await page.getByRole('button', { name: 'Accept' }).click();
    await signedIn;
    const consented = toolFootprint(harness.practice, 'woodgrove');
    const admin = builtinUserId('woodgrove', 'admin');
    expect(consented.grants).toEqual([
      expect.objectContaining({ consentType: 'Principal', principalId: admin.toLowerCase() }),
    ]);

    const record = await run.finish({ removeGrants: true, deleteEnterpriseApp: false });
    expect(record.ownAccess?.removals).toEqual([
      expect.objectContaining({
        removal: expect.objectContaining({
          kind: 'grant',
          consentType: 'Principal',
          principalId: admin.toLowerCase(),
        }),
        outcome: 'removed',
      }),
    ]);
    expect(toolFootprint(harness.practice, 'woodgrove').grants).toEqual([]);
  });

  it('deletes the enterprise application too when chosen, after its grant', async () => {
    const before = toolFootprint(harness.practice, 'contoso');
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com');
    const record = await run.finish({ removeGrants: true, deleteEnterpriseApp: true });
    expect(record.ownAccess?.removals.map((r) => [r.removal.kind, r.request.url, r.outcome])).toEqual([
      ['grant', `/oauth2PermissionGrants/${before.grants[0]?.id}`, 'removed'],
      ['enterprise-app', `/servicePrincipals/${before.sp?.id}`, 'removed'],
    ]);
    expect(toolFootprint(harness.practice, 'contoso')).toEqual({ sp: undefined, grants: [] });
  });

  it('reports a removal Microsoft refuses with guidance, and the run’s outcome does not change', async () => {
    // A Privileged Role Administrator may remove delegated grants but not delete an enterprise application.
    const run = await signedInRun(harness, 'contoso.com', 'roles@contoso.com');
    const unchanged = run.record;
    const record = await run.finish({ removeGrants: true, deleteEnterpriseApp: true });
    expect(record.outcome).toBe('incomplete');
    expect(record.problems).toEqual(unchanged.problems);
    expect(record.ownAccess?.removals.map((r) => [r.removal.kind, r.outcome, r.httpStatus])).toEqual([
      ['grant', 'removed', 204],
      ['enterprise-app', 'failed', 403],
    ]);
    expect(record.ownAccess?.removals[1]?.guidance).toMatchObject({
      support: { requestId: expect.any(String) },
    });
    expect(toolFootprint(harness.practice, 'contoso').sp).toBeDefined();
  });

  it('reads and records what stays when the technician turns the removal off, writing nothing', async () => {
    const before = toolFootprint(harness.practice, 'contoso');
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com');
    const record = await run.finish({ removeGrants: false, deleteEnterpriseApp: false });
    expect(record.ownAccess?.decision.remove).toEqual([]);
    expect(record.ownAccess?.decision.keep.map((k) => [k.item.kind, k.reason])).toEqual([
      ['grant', 'turned-off'],
      ['enterprise-app', 'turned-off'],
    ]);
    expect(record.ownAccess?.removals).toEqual([]);
    expect(toolFootprint(harness.practice, 'contoso')).toEqual(before);
  });

  it('writes nothing of its own to a tenant whose guard failed', async () => {
    const run = await signedInRun(harness, 'contoso.com', 'helpdesk@contoso.com');
    expect(run.record.guards.some((g) => !g.passed)).toBe(true);
    const before = toolFootprint(harness.practice, 'contoso');
    const record = await run.finish({ removeGrants: true, deleteEnterpriseApp: true });
    expect(record.outcome).toBe('blocked');
    expect(record.ownAccess?.decision).toMatchObject({
      skipped: 'guards-failed',
      footprint: null,
      remove: [],
    });
    expect(toolFootprint(harness.practice, 'contoso')).toEqual(before);
  });
});
