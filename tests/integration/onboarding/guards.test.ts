import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OnboardingRun } from '../../../src/main/onboarding/onboarding-run';
import {
  EXCHANGE_ONLINE_APP_ID,
  MICROSOFT_TEAMS_APP_ID,
} from '../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinScenario,
  builtinTenantIds,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { ScenarioSchema } from '../../../src/main/practice-tenant/directory/scenario';
import { DEFAULT_PROFILE } from '../../../src/shared/profile/default-profile';
import type { PermissionProfile } from '../../../src/shared/profile/permission-profile';
import {
  directoryState,
  directWrites,
  enterCredentials,
  type Harness,
  runInput,
  signedInRun,
  startHarness,
} from './harness';

describe('the guards stop a run before anything is written', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness?.close();
  });

  const expectNothingWritten = (before: string): void => {
    expect(directoryState(harness.practice)).toBe(before);
    expect(directWrites(harness.practice)).toBe(0);
    expect(harness.graphRequests.filter((r) => r.method !== 'GET' && !r.url.endsWith('/$batch'))).toEqual([]);
  };

  it('blocks a helpdesk user who holds no administrator role', async () => {
    const before = directoryState(harness.practice);
    const run = await signedInRun(harness, 'contoso.com', 'helpdesk@contoso.com');
    const role = run.record.guards.find((g) => g.guard === 'role');
    expect(role).toMatchObject({ passed: false });
    expect(role?.message).toContain('neither a Global Administrator nor a Privileged Role Administrator');
    await expect(run.plan()).rejects.toThrow('identity guards');
    await expect(run.apply()).rejects.toThrow();
    expect(run.record.writes).toEqual([]);
    expectNothingWritten(before);
    expect((await run.finish()).outcome).toBe('blocked');
  });

  it('says how to activate a role that is only eligible through PIM', async () => {
    const before = directoryState(harness.practice);
    const run = await signedInRun(harness, 'contoso.com', 'pim@contoso.com');
    expect(run.record.roles).toContainEqual(
      expect.objectContaining({ displayName: 'Global Administrator', state: 'eligible' }),
    );
    const role = run.record.guards.find((g) => g.guard === 'role');
    expect(role?.passed).toBe(false);
    expect(role?.message).toContain(
      'eligible for Global Administrator through Privileged Identity Management',
    );
    expect(role?.whatToDo.join(' ')).toContain('Activate');
    await expect(run.plan()).rejects.toThrow();
    expectNothingWritten(before);
  });

  it('lets a Privileged Role Administrator through', async () => {
    const run = await signedInRun(harness, 'contoso.com', 'roles@contoso.com');
    expect(run.record.guards.map((g) => g.passed)).toEqual([true, true]);
  });

  it('refuses an account of another tenant (AADSTS50020) and writes nothing', async () => {
    const before = directoryState(harness.practice);
    const run = await OnboardingRun.start(harness.env, runInput('contoso.com'));
    await run.discover();
    const signingIn = run.signIn({ prompt: 'select_account' });
    const page = await harness.nextPage();
    await enterCredentials(page, 'admin@fabrikam.com');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('AADSTS50020');
    // The technician gives up and closes Microsoft's window.
    await page.close();
    const record = await signingIn;
    expect(record.account).toBeNull();
    expect(record.problems.at(-1)?.guidance).toMatchObject({ code: 'sign-in-window-closed' });
    expectNothingWritten(before);
  });

  it('stops on an unknown target app when Microsoft refuses its service principal, writing nothing', async () => {
    const before = directoryState(harness.practice);
    const profile = {
      ...DEFAULT_PROFILE,
      targetApp: {
        ...DEFAULT_PROFILE.targetApp,
        appId: '0f0f0f0f-1111-4222-8333-944444444444',
        displayName: 'Not registered',
      },
    };
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com', { profile });
    const planned = await run.plan();
    expect(planned.plan?.createServicePrincipals.map((sp) => sp.appId)).toContain(profile.targetApp.appId);
    const record = await run.apply();
    const guard = record.guards.find((g) => g.guard === 'target-app');
    expect(guard?.passed).toBe(false);
    expect(guard?.message).toContain('does not know Not registered');
    expect(record.problems.at(-1)?.guidance.code).toBe('target-app-unknown');
    expect(record.writes).toHaveLength(1);
    expect(record.writes[0]).toMatchObject({ outcome: 'failed', httpStatus: 400 });
    expect(directoryState(harness.practice)).toBe(before);
  });

  it('writes nothing else when Microsoft refuses the target app, not even the resource service principals that waited for it', async () => {
    // Contoso without the Exchange Online and Teams service principals: the creation batch holds the unknown target
    // app and two resources that depend on it. Graph answers 400 for the app and 424 for both resources.
    const scenario = builtinScenario();
    const lacking = new Set([EXCHANGE_ONLINE_APP_ID, MICROSOFT_TEAMS_APP_ID]);
    await harness.close();
    harness = await startHarness({
      scenario: ScenarioSchema.parse({
        ...scenario,
        tenants: scenario.tenants.map((tenant) =>
          tenant.id === builtinTenantIds.contoso
            ? {
                ...tenant,
                servicePrincipals: tenant.servicePrincipals.filter((sp) => !lacking.has(sp.appId)),
              }
            : tenant,
        ),
      }),
    });
    const before = directoryState(harness.practice);
    const profile: PermissionProfile = {
      ...DEFAULT_PROFILE,
      targetApp: {
        ...DEFAULT_PROFILE.targetApp,
        appId: '0f0f0f0f-1111-4222-8333-944444444444',
        displayName: 'Not registered',
      },
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
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com', { profile });
    const planned = await run.plan();
    expect(planned.plan?.createServicePrincipals.map((sp) => sp.role)).toEqual([
      'target',
      'resource',
      'resource',
    ]);
    const record = await run.apply();
    expect(record.problems.at(-1)?.guidance.code).toBe('target-app-unknown');
    expect(record.writes.map((w) => [w.intent.kind, w.outcome, w.httpStatus])).toEqual([
      ['create-service-principal', 'failed', 400],
      ['create-service-principal', 'failed', 424],
      ['create-service-principal', 'failed', 424],
    ]);
    expect(record.writes.slice(1).map((w) => w.guidance?.catalogKey)).toEqual(['graph:424', 'graph:424']);
    expect(directoryState(harness.practice)).toBe(before);
    // One creation batch, never sent again.
    expect(
      harness.practice.requestLog.entries
        .filter((e) => e.path.endsWith('/$batch') && e.method === 'POST')
        .map((e) => e.batchItemCount)
        .at(-1),
    ).toBe(3);
  });

  it('cancels a sign-in that is waiting for the administrator, and a timed-out one, with guidance', async () => {
    const run = await OnboardingRun.start(harness.env, runInput('contoso.com'));
    await run.discover();
    const signingIn = run.signIn({ prompt: 'select_account' });
    await (await harness.nextPage()).getByRole('textbox', { name: 'Email' }).waitFor();
    run.cancelSignIn();
    const record = await signingIn;
    expect(record.problems.at(-1)?.guidance).toMatchObject({ code: 'sign-in-cancelled', source: 'run' });

    const quick = await startHarness({ limits: { signInTimeoutMs: 4_000 } });
    try {
      const slow = await OnboardingRun.start(quick.env, runInput('contoso.com'));
      await slow.discover();
      const timingOut = slow.signIn({ prompt: 'login' });
      // The administrator sees Microsoft's page and walks away.
      const page = await quick.nextPage();
      await page.getByRole('textbox', { name: 'Email' }).waitFor();
      const firstState = new URL(page.url()).searchParams.get('state');
      expect((await timingOut).problems.at(-1)?.guidance.code).toBe('sign-in-timed-out');
      // msal-node's loopback server was released: signing in again works, in the same run's window. This time the
      // administrator has a minute (entering credentials alone can take longer than 4 s on a busy machine).
      quick.limits.signInTimeoutMs = 60_000;
      const again = slow.signIn({ prompt: 'login' });
      await expect
        .poll(() => new URL(page.url()).searchParams.get('state'), { timeout: 10_000 })
        .not.toBe(firstState);
      await enterCredentials(page, 'admin@contoso.com');
      expect((await again).account?.userPrincipalName).toBe('admin@contoso.com');
    } finally {
      await quick.close();
    }
  });
});
