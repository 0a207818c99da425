import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OnboardingRun } from '../../../src/main/onboarding/onboarding-run';
import type { RunEnvironment } from '../../../src/main/onboarding/run-environment';
import {
  builtinTenantIds,
  TARGET_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import type { FaultRuleInput } from '../../../src/main/practice-tenant/knobs/fault-rule';
import { enterCredentials, type Harness, runInput, startHarness } from './harness';

/** The target app's grants and assignments in Contoso, to check that nothing was granted twice. */
const targetHoldings = (harness: Harness) => {
  const directory = harness.practice.directory;
  const target = directory.findServicePrincipalByAppId(builtinTenantIds.contoso, TARGET_APP_ID);
  const tenant = directory.tenant(builtinTenantIds.contoso);
  return {
    servicePrincipals: tenant.servicePrincipals.filter((sp) => sp.appId === TARGET_APP_ID).length,
    tenantWideGrants: tenant.oauth2PermissionGrants.filter(
      (g) => g.clientId === target?.id && g.consentType === 'AllPrincipals',
    ).length,
    assignments: tenant.appRoleAssignments
      .filter((a) => a.principalId === target?.id)
      .map((a) => a.appRoleId),
  };
};

describe('faults in the middle of granting', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness?.close();
  });

  /** An environment that injects `fault` just before the run's first write request of the grant phase. */
  const faultWhenGranting = (fault: FaultRuleInput): RunEnvironment => {
    let armed = false;
    return {
      ...harness.env,
      onProgress: (progress) => {
        harness.env.onProgress?.(progress);
        if (!armed && progress.phase === 'grant' && progress.message.startsWith('Granting permissions')) {
          armed = true;
          harness.practice.knobs.addFault(fault);
        }
      },
    };
  };

  const signIn = async (run: OnboardingRun): Promise<void> => {
    await run.discover();
    const signingIn = run.signIn({ prompt: 'login' });
    const page = await harness.nextPage().catch(() => harness.pageOf(run.record.runId));
    await enterCredentials(page, 'admin@contoso.com');
    await signingIn;
  };

  it('honours Retry-After on throttled items inside $batch and finishes without repeating a write', async () => {
    const env = faultWhenGranting({
      host: 'graph',
      method: 'POST',
      path: '^/servicePrincipals/[^/]+/appRoleAssignments$',
      fault: { kind: 'throttle', retryAfterSeconds: 1 },
      times: 5,
    });
    const run = await OnboardingRun.start(env, runInput('contoso.com'));
    await signIn(run);
    await run.plan();
    let record = await run.apply();
    expect(record.problems).toEqual([]);
    expect(record.writes.every((w) => w.outcome === 'applied')).toBe(true);
    record = await run.verify();
    expect(record.verification?.counts.granted).toBe(39);
    expect(targetHoldings(harness).assignments).toHaveLength(21);
  });

  it('rides out 503 on whole $batch requests through the Graph SDK’s RetryHandler', async () => {
    const env = faultWhenGranting({
      host: 'graph',
      method: 'POST',
      path: '^/\\$batch$',
      fault: { kind: 'unavailable', retryAfterSeconds: 1 },
      times: 2,
    });
    const run = await OnboardingRun.start(env, runInput('contoso.com'));
    await signIn(run);
    await run.plan();
    const record = await run.apply();
    expect(record.problems).toEqual([]);
    expect((await run.verify()).verification?.counts.granted).toBe(39);
  });

  it('stops on a dropped connection, then resumes from the journal in a new session without duplicate grants', async () => {
    const env = faultWhenGranting({
      host: 'graph',
      method: 'POST',
      path: '^/\\$batch$',
      fault: { kind: 'drop' },
      times: 1,
    });
    const first = await OnboardingRun.start(env, runInput('contoso.com'));
    await signIn(first);
    await first.plan();
    let record = await first.apply();
    expect(record.problems.at(-1)?.guidance).toMatchObject({ source: 'network', retryable: true });
    // The service principal was created; the grant batch never got an answer.
    expect(record.writes.find((w) => w.intent.kind === 'create-service-principal')?.outcome).toBe('applied');
    expect(record.writes.filter((w) => w.outcome === null).length).toBeGreaterThan(0);
    // The app is closed: tokens and session gone, the run stays in history as interrupted.
    await first.close();
    const stored = await harness.runs.read(record.runId);
    expect(stored?.record.ended).toBe(false);

    const resumed = await OnboardingRun.resume(harness.env, record.runId);
    await signIn(resumed);
    record = await resumed.plan();
    expect(record.plan?.createServicePrincipals).toEqual([]);
    expect(record.plan?.appRoleAssignments).toHaveLength(21);
    record = await resumed.apply();
    expect(record.problems.filter((p) => p.step === 'grant')).toHaveLength(1);
    record = await resumed.verify();
    expect(record.verification?.counts.granted).toBe(39);
    const holdings = targetHoldings(harness);
    expect(holdings.servicePrincipals).toBe(1);
    expect(holdings.tenantWideGrants).toBe(1);
    expect(new Set(holdings.assignments).size).toBe(holdings.assignments.length);
    expect((await resumed.finish()).outcome).toBe('verified');
  });

  it('abandons a request that takes too long as a lost connection, then finishes when Microsoft answers again', async () => {
    const env: RunEnvironment = {
      ...harness.env,
      limits: { ...harness.env.limits, requestTimeoutMs: 1_500 },
    };
    const run = await OnboardingRun.start(env, runInput('contoso.com'));
    await signIn(run);
    await run.plan();
    harness.practice.knobs.setLatency(4_000);
    let record = await run.apply();
    expect(record.problems.at(-1)).toMatchObject({
      step: 'grant',
      guidance: { source: 'network', retryable: true },
    });
    expect(record.problems.at(-1)?.guidance.rawMessage).toMatch(/timeout|aborted/i);
    harness.practice.knobs.setLatency(0);
    record = await run.plan();
    record = await run.apply();
    expect(record.problems.filter((p) => p.step === 'grant')).toHaveLength(1);
    expect((await run.verify()).verification?.counts.granted).toBe(39);
    expect(targetHoldings(harness).tenantWideGrants).toBe(1);
  });

  it('renews an access token that expired in the middle of the run, without a new sign-in', async () => {
    await harness.close();
    let offset = 0;
    harness = await startHarness({ practiceClock: () => Date.now() + offset });
    const run = await OnboardingRun.start(harness.env, runInput('contoso.com'));
    await signIn(run);
    await run.plan();
    // Two hours pass at Microsoft: the token the administrator got is expired, Graph answers 401.
    offset = 2 * 60 * 60 * 1000;
    const before = harness.practice.requestLog.entries.filter((e) => e.host === 'authority').length;
    const record = await run.apply();
    expect(record.problems).toEqual([]);
    expect((await run.verify()).verification?.counts.granted).toBe(39);
    const tokenRequests = harness.practice.requestLog.entries
      .slice(before)
      .filter((e) => e.host === 'authority' && e.path.endsWith('/token'));
    expect(tokenRequests.length).toBeGreaterThanOrEqual(1);
    expect(harness.graphRequests.some((r) => r.status === 401)).toBe(true);
  });

  it.each([
    ['Graph refuses the expired token', false],
    ['the tool sees the token expire before sending', true],
  ])(
    'stops with “sign in again” when the token cannot be renewed (%s), writing nothing',
    async (_, toolSeesIt) => {
      await harness.close();
      let offset = 0;
      harness = await startHarness({ practiceClock: () => Date.now() + offset });
      // Renewed when Graph answers 401, or before sending, inside the Graph SDK's authentication handler.
      const env = toolSeesIt ? { ...harness.env, now: () => new Date(Date.now() + offset) } : harness.env;
      const run = await OnboardingRun.start(env, runInput('contoso.com'));
      await signIn(run);
      await run.plan();
      // 91 days pass: the access token and the 90-day refresh token have both expired (AADSTS700082).
      offset = 91 * 24 * 60 * 60 * 1000;
      const record = await run.apply();
      expect(record.problems.at(-1)).toMatchObject({
        step: 'grant',
        guidance: { source: 'run', code: 'token-renewal-failed', title: 'The sign-in could not be renewed' },
      });
      expect(record.problems.at(-1)?.guidance.rawMessage).toContain('AADSTS700082');
      expect(record.writes).toEqual([]);
      expect(targetHoldings(harness).tenantWideGrants).toBe(0);
    },
  );

  it('resumes after the writes reached the tenant but their answer was lost, writing nothing twice', async () => {
    const env = faultWhenGranting({
      host: 'graph',
      method: 'POST',
      path: '^/\\$batch$',
      fault: { kind: 'drop-after' },
      times: 1,
    });
    const first = await OnboardingRun.start(env, runInput('contoso.com'));
    await signIn(first);
    await first.plan();
    let record = await first.apply();
    expect(record.problems.at(-1)?.guidance.source).toBe('network');
    const unanswered = record.writes.filter((w) => w.outcome === null);
    expect(unanswered.length).toBeGreaterThan(0);
    // The tenant holds what the unanswered batch asked for, though the journal cannot know it.
    const landed = targetHoldings(harness);
    expect(landed.tenantWideGrants).toBe(1);
    await first.close();

    const resumed = await OnboardingRun.resume(harness.env, record.runId);
    await signIn(resumed);
    record = await resumed.plan();
    const remaining =
      (record.plan?.appRoleAssignments.length ?? 0) + (record.plan?.delegatedGrants.length ?? 0);
    expect(remaining).toBe(21 + 1 - unanswered.length);
    await resumed.apply();
    record = await resumed.verify();
    expect(record.verification?.counts.granted).toBe(39);
    const holdings = targetHoldings(harness);
    expect(holdings.tenantWideGrants).toBe(1);
    expect(holdings.assignments).toHaveLength(21);
    expect(new Set(holdings.assignments).size).toBe(21);
  });
});
