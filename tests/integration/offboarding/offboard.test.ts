import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedTargetAccess } from '../../../scripts/chaos/target-access';
import { OnboardingRun } from '../../../src/main/onboarding/onboarding-run';
import { MICROSOFT_GRAPH_APP_ID } from '../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinTenantIds,
  builtinUserId,
  TARGET_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import type { PracticeTenant } from '../../../src/main/practice-tenant/server';
import { sha256Hex } from '../../../src/main/report/sha256-hex';
import { buildReport } from '../../../src/shared/report/build-report';
import { renderCsv } from '../../../src/shared/report/render-csv';
import { renderHtml } from '../../../src/shared/report/render-html';
import { renderMarkdown } from '../../../src/shared/report/render-markdown';
import { renderSummary } from '../../../src/shared/report/render-summary';
import {
  directoryState,
  directWrites,
  enterCredentials,
  type Harness,
  runInput,
  signedInRun,
  startHarness,
} from '../onboarding/harness';

const contoso = builtinTenantIds.contoso;

/** What the practice directory holds of the target app in Contoso. */
const holdings = (practice: PracticeTenant) => {
  const directory = practice.directory;
  const sp = directory.findServicePrincipalByAppId(contoso, TARGET_APP_ID);
  const tenant = directory.tenant(contoso);
  return {
    sp,
    grants: tenant.oauth2PermissionGrants.filter(
      (g) => sp !== undefined && g.clientId === sp.id.toLowerCase(),
    ),
    assignments: tenant.appRoleAssignments.filter(
      (a) => sp !== undefined && a.principalId === sp.id.toLowerCase(),
    ),
  };
};

/**
 * Gives the target app in Contoso what an administrator's consent to the built-in profile gives it, and two things
 * the profile does not list: the administrator's own consent to `Calendars.Read`, and the application permission
 * `Sites.Read.All`.
 */
const seedWithUnlisted = (practice: PracticeTenant): void => {
  const directory = practice.directory;
  seedTargetAccess(directory, contoso);
  const sitesRead = directory
    .findApplication(MICROSOFT_GRAPH_APP_ID)
    ?.appRoles.find((r) => r.value === 'Sites.Read.All');
  if (sitesRead === undefined) throw new Error('Microsoft Graph publishes no Sites.Read.All.');
  directory.assignAppRoles(contoso, {
    clientAppId: TARGET_APP_ID,
    resourceAppId: MICROSOFT_GRAPH_APP_ID,
    appRoleIds: [sitesRead.id],
  });
  directory.consentDelegated(contoso, {
    clientAppId: TARGET_APP_ID,
    resourceAppId: MICROSOFT_GRAPH_APP_ID,
    scopes: ['Calendars.Read'],
    consentType: 'Principal',
    principalId: builtinUserId('contoso', 'admin'),
  });
};

describe('an offboarding run takes the target app’s access away and proves it', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
    seedWithUnlisted(harness.practice);
  });
  afterEach(async () => {
    await harness?.close();
  });

  it('removes every grant and assignment, listed or not, then deletes the enterprise application', async () => {
    const before = holdings(harness.practice);
    expect(before.grants).toHaveLength(2);
    expect(before.assignments).toHaveLength(22);
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com', {
      offboard: { enterpriseApp: 'delete' },
    });
    const planned = await run.plan();
    const plan = planned.removalPlan;
    expect(planned.plan).toBeNull();
    expect(plan?.enterpriseApp).toMatchObject({
      id: before.sp?.id,
      appId: TARGET_APP_ID,
      accountEnabled: true,
    });
    expect(plan?.enterpriseAppChange).toBe('delete');
    expect(plan?.remove).toHaveLength(24);
    // What the profile does not list is in the plan too, marked.
    expect(plan?.remove).toContainEqual(
      expect.objectContaining({
        kind: 'delegated-grant',
        consentType: 'Principal',
        unlisted: ['Calendars.Read'],
      }),
    );
    expect(plan?.remove).toContainEqual(
      expect.objectContaining({ kind: 'app-role-assignment', permission: 'Sites.Read.All', listed: false }),
    );
    expect(plan?.remove).toContainEqual(
      expect.objectContaining({
        kind: 'app-role-assignment',
        permission: 'Directory.ReadWrite.All',
        listed: true,
      }),
    );
    // Nothing is written before the plan is confirmed.
    expect(directWrites(harness.practice)).toBe(0);
    expect(holdings(harness.practice).assignments).toHaveLength(22);

    let record = await run.apply();
    expect(record.problems).toEqual([]);
    expect(record.writes.map((w) => w.outcome)).toEqual(Array(25).fill('applied'));
    // The enterprise application goes last, in a request of its own, after every removal was answered.
    const last = record.writes.at(-1);
    expect(last?.intent.kind).toBe('delete-enterprise-app');
    expect(last?.request).toEqual({
      method: 'DELETE',
      url: `/servicePrincipals/${before.sp?.id}`,
      body: null,
    });
    expect(record.writes.slice(0, -1).every((w) => w.startedAt <= (last?.startedAt ?? ''))).toBe(true);
    expect(record.writes.filter((w) => w.request.url.includes('/appRoleAssignments/'))).toHaveLength(22);

    record = await run.verify();
    expect(record.removalCheck?.complete).toBe(true);
    expect(record.removalCheck?.enterpriseApp).toBe('removed');
    const statuses = new Set(record.removalCheck?.rows.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['not-present', 'removed']);
    // Device.ReadWrite.All is listed as delegated, which Microsoft Graph does not offer: it was never held.
    expect(record.removalCheck?.rows).toContainEqual(
      expect.objectContaining({ name: 'Device.ReadWrite.All', type: 'delegated', status: 'not-present' }),
    );
    expect(record.removalCheck?.rows).toContainEqual(
      expect.objectContaining({ name: 'Sites.Read.All', listed: false, status: 'removed' }),
    );
    // The directory holds nothing of the target app.
    const after = holdings(harness.practice);
    expect(after).toEqual({ sp: undefined, grants: [], assignments: [] });
    expect(JSON.stringify(harness.practice.directory.tenant(contoso))).not.toContain(before.sp?.id ?? 'none');
    const finished = await run.finish();
    expect(finished.outcome).toBe('verified');

    // The report says it is an offboarding, and proves each removal.
    const report = await buildReport(finished, {
      toolVersion: '0.0.0-test',
      generatedAt: finished.lastEntryAt,
      sha256Hex,
    });
    expect(report.run.kind).toBe('offboarding');
    expect(report.verdict).toMatchObject({ kind: 'complete', text: 'Access removed' });
    expect(report.verdict.detail).toContain('41 permissions removed, its enterprise application deleted');
    expect(report.removal).toMatchObject({
      action: 'delete',
      enterpriseApp: { id: before.sp?.id },
      enterpriseAppStatus: 'removed',
      counts: { removed: 41, 'not-present': 1, 'still-present': 0, 'not-verified': 0, total: 42 },
    });
    expect(report.permissions).toEqual([]);
    expect(report.changes.map((c) => c.kind)).toEqual([
      ...Array(24).fill('remove-access'),
      'delete-enterprise-app',
    ]);
    expect(report.changes.at(-1)?.summary).toBe(
      'Delete the enterprise application of Pia (restorable for 30 days)',
    );
    const html = renderHtml(report);
    expect(html).toContain('<h1>Offboarding report</h1>');
    expect(html).toContain('Access removed (42)');
    expect(html.match(/<tr data-status="removed">/g)).toHaveLength(41);
    expect(renderMarkdown(report)).toContain('# Offboarding report: Pia in Contoso');
    const csv = renderCsv(report).trim().split('\r\n');
    expect(csv).toHaveLength(43);
    expect(csv.filter((line) => line.includes(',removed,'))).toHaveLength(41);
    expect(csv.find((line) => line.includes('Sites.Read.All'))).toContain('Not in the profile');
    expect(renderSummary(report)).toContain('Pia offboarding of Contoso');
  });

  it('disables the enterprise application and removes everything it holds, leaving it in the tenant', async () => {
    const before = holdings(harness.practice);
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com', {
      offboard: { enterpriseApp: 'disable' },
    });
    await run.plan();
    let record = await run.apply();
    expect(record.problems).toEqual([]);
    // Disabling goes first, with the removals: nobody can sign in to the app even if a removal is refused.
    expect(record.writes[0]?.request).toEqual({
      method: 'PATCH',
      url: `/servicePrincipals/${before.sp?.id}`,
      body: { accountEnabled: false },
    });
    record = await run.verify();
    expect(record.removalCheck).toMatchObject({ complete: true, enterpriseApp: 'disabled' });
    const after = holdings(harness.practice);
    expect(after.sp).toMatchObject({ id: before.sp?.id, accountEnabled: false });
    expect(after.grants).toEqual([]);
    expect(after.assignments).toEqual([]);
    expect((await run.finish()).outcome).toBe('verified');
  });

  it('stops on a dropped connection, and the resumed run removes what is left without repeating a removal', async () => {
    let armed = false;
    const env = {
      ...harness.env,
      onProgress: (progress: Parameters<NonNullable<Harness['env']['onProgress']>>[0]) => {
        if (!armed && progress.phase === 'grant' && progress.message.startsWith('Removing access')) {
          armed = true;
          // The first batch reaches the directory, and its answer is lost.
          harness.practice.knobs.addFault({
            host: 'graph',
            method: 'POST',
            path: '^/\\$batch$',
            fault: { kind: 'drop-after' },
            times: 1,
          });
        }
      },
    };
    const first = await OnboardingRun.start(
      env,
      runInput('contoso.com', { offboard: { enterpriseApp: 'delete' } }),
    );
    await first.discover();
    const signingIn = first.signIn({ prompt: 'login' });
    await enterCredentials(await harness.nextPage(), 'admin@contoso.com');
    await signingIn;
    await first.plan();
    let record = await first.apply();
    expect(record.problems.at(-1)?.guidance).toMatchObject({ source: 'network', retryable: true });
    expect(record.writes.filter((w) => w.outcome === null)).toHaveLength(20);
    // Twenty removals reached the tenant; their answers did not reach the tool.
    expect(holdings(harness.practice).assignments.length + holdings(harness.practice).grants.length).toBe(4);
    await first.close();

    const resumed = await OnboardingRun.resume(harness.env, record.runId);
    await resumed.discover();
    const again = resumed.signIn({ prompt: 'login' });
    await enterCredentials(await harness.nextPage(), 'admin@contoso.com');
    await again;
    record = await resumed.plan();
    // The new plan holds only what is left.
    expect(record.removalPlan?.remove).toHaveLength(4);
    record = await resumed.apply();
    record = await resumed.verify();
    expect(record.removalCheck).toMatchObject({ complete: true, enterpriseApp: 'removed' });
    expect(holdings(harness.practice)).toEqual({ sp: undefined, grants: [], assignments: [] });
    // No removal was sent twice: the journal of both sessions names each object once, and every removal of the
    // resumed session was applied, none found gone already.
    const urls = record.writes.map((w) => w.request.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).toHaveLength(25);
    expect(
      record.writes.filter((w) => w.startedAt > (record.planConfirmedAt ?? '')).map((w) => w.outcome),
    ).toEqual(Array(5).fill('applied'));
  });

  it('reads again while Microsoft replicates the removals, and verifies once they are gone', async () => {
    await harness.close();
    harness = await startHarness({ sleep: 'skip-ahead' });
    seedWithUnlisted(harness.practice);
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com', {
      offboard: { enterpriseApp: 'disable' },
    });
    await run.plan();
    harness.practice.knobs.setTenant(contoso, { replicationDelaySeconds: 5 });
    await run.apply();
    const progress = harness.progress.length;
    const record = await run.verify();
    expect(record.removalCheck).toMatchObject({ complete: true, enterpriseApp: 'disabled' });
    expect(record.removalCheck?.attempt).toBeGreaterThan(1);
    expect(harness.progress.slice(progress).map((p) => p.message)).toContainEqual(
      expect.stringMatching(/^Waiting for Microsoft to replicate 25 removals/),
    );
  });

  it('blocks a Privileged Role Administrator before anything is written when the enterprise application would change', async () => {
    const before = directoryState(harness.practice);
    const run = await signedInRun(harness, 'contoso.com', 'roles@contoso.com', {
      offboard: { enterpriseApp: 'delete' },
    });
    const record = await run.plan();
    expect(record.removalPlan).toBeNull();
    expect(record.guards.find((g) => g.guard === 'role')).toMatchObject({ passed: false });
    expect(record.guards.find((g) => g.guard === 'role')?.message).toContain(
      'may remove permissions but not delete',
    );
    await expect(run.apply()).rejects.toThrow();
    expect(directoryState(harness.practice)).toBe(before);
    expect((await run.finish()).outcome).toBe('blocked');
  });

  it('finds nothing to remove in a tenant without the app, and says so', async () => {
    await harness.close();
    harness = await startHarness();
    const run = await signedInRun(harness, 'fabrikam.com', 'admin@fabrikam.com', {
      offboard: { enterpriseApp: 'delete' },
    });
    let record = await run.plan();
    expect(record.removalPlan).toMatchObject({ enterpriseApp: null, remove: [], enterpriseAppChange: null });
    expect(record.guards.find((g) => g.guard === 'target-app')?.message).toContain('nothing to remove');
    record = await run.apply();
    expect(record.writes).toEqual([]);
    record = await run.verify();
    expect(record.removalCheck).toMatchObject({ complete: true, enterpriseApp: 'not-present' });
    expect(record.removalCheck?.rows.every((r) => r.status === 'not-present')).toBe(true);
  });
});
