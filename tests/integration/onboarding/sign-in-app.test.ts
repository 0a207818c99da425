import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OnboardingRun } from '../../../src/main/onboarding/onboarding-run';
import { runPreflight } from '../../../src/main/onboarding/preflight';
import { SIGN_IN_APP_ID } from '../../../src/main/practice-tenant/directory/builtin-scenario';
import type { SignInClientIds } from '../../../src/shared/cloud/sign-in-app';
import { directoryState, type Harness, runInput, startHarness } from './harness';

// Microsoft needs a registration of the sign-in app in each cloud; an app of another cloud is unknown there
// (AADSTS700016). https://learn.microsoft.com/graph/deployments#app-registration-and-token-service-root-endpoints

describe('the sign-in app of the client’s cloud', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ limits: { signInTimeoutMs: 30_000 } });
  });
  afterEach(async () => {
    await harness?.close();
  });

  const withClientIds = (signInClientIds: SignInClientIds) => ({
    ...harness.env,
    connection: { ...harness.env.connection, signInClientIds },
  });
  const authorizeRequests = (): number =>
    harness.practice.requestLog.entries.filter((e) => e.path.endsWith('/oauth2/v2.0/authorize')).length;

  it('a run in a cloud without one stops at preflight with guidance: nothing opened, nothing written', async () => {
    const before = directoryState(harness.practice);
    // A registration for Global only; the client's tenant is in another cloud (here the practice cloud).
    const env = withClientIds({ global: SIGN_IN_APP_ID });
    const run = await OnboardingRun.start(env, runInput('contoso.com'));
    await run.discover();
    const checks = await runPreflight(run.record, env.connection, () => new Date());
    const check = checks.find((c) => c.id === 'sign-in-app');
    expect(check).toMatchObject({ ok: false });
    expect(check?.detail).toContain('no sign-in app client ID is configured for Practice tenant');
    expect(check?.whatToDo.join(' ')).toContain('docs/sign-in-app.md');

    // Going on regardless changes nothing: the sign-in stops before any page is opened.
    const record = await run.signIn({ prompt: 'select_account' });
    expect(record.problems.at(-1)?.guidance).toMatchObject({
      code: 'sign-in-app-missing',
      whoCanFix: 'msp-app-owner',
    });
    expect(record.account).toBeNull();
    expect(authorizeRequests()).toBe(0);
    expect(directoryState(harness.practice)).toBe(before);
    await run.cancel();
  });

  it('a run signs in with the client ID of the tenant’s cloud', async () => {
    const env = withClientIds({ global: randomUUID(), practice: SIGN_IN_APP_ID });
    const run = await OnboardingRun.start(env, runInput('contoso.com'));
    await run.discover();
    const checks = await runPreflight(run.record, env.connection, () => new Date());
    expect(checks.find((c) => c.id === 'sign-in-app')).toMatchObject({
      ok: true,
      detail: expect.stringContaining(SIGN_IN_APP_ID),
    });
    await run.cancel();
  });

  it('a client ID Microsoft does not know in that cloud gets AADSTS700016 at authorize, and nothing is written', async () => {
    const before = directoryState(harness.practice);
    const unknown = randomUUID();
    const run = await OnboardingRun.start(withClientIds({ practice: unknown }), runInput('contoso.com'));
    await run.discover();
    const signingIn = run.signIn({ prompt: 'select_account' });
    const page: Page = await harness.nextPage();
    // Microsoft shows this on its own page: the app's redirect URI cannot be trusted for an app it does not know.
    await page
      .getByText(`AADSTS700016: Application with identifier '${unknown}' was not found`)
      .first()
      .waitFor();
    run.cancelSignIn();
    const record = await signingIn;
    expect(record.problems.at(-1)?.guidance.code).toBe('sign-in-cancelled');
    expect(directoryState(harness.practice)).toBe(before);
    await run.cancel();
  });
});
