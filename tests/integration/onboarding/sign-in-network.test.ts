import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OnboardingRun } from '../../../src/main/onboarding/onboarding-run';
import { directoryState, enterCredentials, type Harness, runInput, startHarness } from './harness';

// msal-node reports a token request that got no answer as `network_error`. Shown as "Sign-in failed", it sent the
// technician to the administrator's account, when the connection was what failed (found by the fault matrix).
describe('a sign-in whose token request gets no answer', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness?.close();
  });

  it('is reported as a lost connection, not a refused sign-in, and signing in again works', async () => {
    const before = directoryState(harness.practice);
    const run = await OnboardingRun.start(harness.env, runInput('contoso.com'));
    await run.discover();
    // The administrator's pages work; the code's redemption at the token endpoint loses its connection once.
    harness.practice.knobs.addFault({
      host: 'authority',
      method: 'POST',
      path: '/oauth2/v2\\.0/token$',
      fault: { kind: 'drop' },
      times: 1,
    });
    const signingIn = run.signIn({ prompt: 'select_account' });
    await enterCredentials(await harness.nextPage(), 'admin@contoso.com');
    let record = await signingIn;

    expect(record.account).toBeNull();
    expect(record.problems.at(-1)?.guidance).toMatchObject({
      source: 'network',
      httpStatus: null,
    });
    expect(record.problems.at(-1)?.guidance.title).not.toMatch(/sign-in failed/i);
    expect(directoryState(harness.practice)).toBe(before);

    // Signing in again opens Microsoft's page anew in the run's window (`login`: the Email page, not the account picker
    // of the session Microsoft keeps).
    const page = harness.pageOf(run.record.runId);
    const firstState = new URL(page.url()).searchParams.get('state');
    const again = run.signIn({ prompt: 'login' });
    await expect
      .poll(() => new URL(page.url()).searchParams.get('state'), { timeout: 15_000 })
      .not.toBe(firstState);
    await enterCredentials(page, 'admin@contoso.com');
    record = await again;
    expect(record.account?.userPrincipalName).toBe('admin@contoso.com');
  });
});
