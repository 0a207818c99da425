import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OnboardingRun } from '../../../src/main/onboarding/onboarding-run';
import { enterCredentials, type Harness, runInput, startHarness } from './harness';

// domain_hint skips Microsoft's home realm discovery; for a federated domain it sends the browser straight to the
// organization's own identity provider, where a cloud-only or guest administrator cannot sign in.
// https://learn.microsoft.com/entra/identity/enterprise-apps/home-realm-discovery-policy

describe('the domain_hint of a run', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ limits: { signInTimeoutMs: 30_000 } });
  });
  afterEach(async () => {
    await harness?.close();
  });

  const userRealmLookups = (): number =>
    harness.practice.requestLog.entries.filter((e) => e.path.startsWith('/common/userrealm/')).length;

  /** Signs Fabrikam's cloud-only administrator in to a run for the client's federated domain. */
  const signInThroughFederatedDomain = async (): Promise<OnboardingRun> => {
    const run = await OnboardingRun.start(harness.env, runInput('fabrikamfiber.com'));
    await run.discover();
    const signedIn = run.signIn({ prompt: 'select_account' });
    const page = await harness.nextPage();
    // Microsoft's own email page, not the federation server the hint would have sent the browser to.
    await page.getByRole('textbox', { name: 'Email' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).not.toContain('/federation/');
    await enterCredentials(page, 'admin@fabrikam.com');
    await signedIn;
    return run;
  };

  it('is left out for a federated domain, so a cloud-only administrator signs in', async () => {
    const run = await signInThroughFederatedDomain();
    expect(userRealmLookups()).toBe(1);
    expect(run.record.account?.userPrincipalName).toBe('admin@fabrikam.com');
    expect(run.record.guards.every((g) => g.passed)).toBe(true);
    await run.finish();
  });

  it('is left out when home realm discovery does not answer', async () => {
    harness.practice.knobs.addFault({
      host: 'authority',
      path: '/common/userrealm',
      fault: { kind: 'drop' },
    });
    const run = await signInThroughFederatedDomain();
    expect(run.record.account?.userPrincipalName).toBe('admin@fabrikam.com');
    await run.finish();
  });
});
