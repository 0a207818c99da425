import { expect, test } from './support/fixtures';
import { reachStep } from './support/reach-step';
import { expectStep, pressButton, recordStep } from './support/technician';

// Every step of a practice onboarding, checked with axe-core and photographed in the light and the dark theme. Each
// test is taken to its step by the walk in reach-step.ts, so a slow page costs one step's budget, not the walk's;
// the walk's behaviour itself is asserted in onboarding-direct-grant.spec.ts. The screenshots land in
// test-results/screenshots (the README's pictures are taken from there).
test.describe('each step of the checklist is accessible in both themes', () => {
  test('1. Client', async ({ app, signInPages }) => {
    await reachStep(app, signInPages, 'client');
    await recordStep(app, 'step-1-client', { dark: true });
  });

  test('2. Preflight', async ({ app, signInPages }) => {
    await reachStep(app, signInPages, 'preflight');
    await recordStep(app, 'step-2-preflight', { dark: true });
  });

  test('3. Sign in, before and while waiting for the administrator', async ({ app, signInPages }) => {
    await reachStep(app, signInPages, 'sign-in');
    await recordStep(app, 'step-3-sign-in', { dark: true });
    await pressButton(app, 'Sign in');
    await expect(app.getByText('Waiting for the administrator to sign in…')).toBeVisible();
    await recordStep(app, 'step-3-sign-in-waiting');
  });

  test('4. Confirm identity', async ({ app, signInPages }) => {
    await reachStep(app, signInPages, 'identity');
    await recordStep(app, 'step-4-identity', { dark: true });
  });

  test('5. Review plan, and its confirmation', async ({ app, signInPages }) => {
    await reachStep(app, signInPages, 'plan');
    await recordStep(app, 'step-5-plan', { dark: true });
    await pressButton(app, 'Grant consent…');
    await expect(app.getByRole('alertdialog', { name: 'Grant consent in Contoso?' })).toBeVisible();
    await recordStep(app, 'step-5-plan-confirm');
  });

  test('6. Grant consent and 7. Verify, once granted', async ({ app, signInPages }) => {
    await reachStep(app, signInPages, 'verify');
    await recordStep(app, 'step-7-verify', { dark: true });
    await app
      .getByRole('navigation', { name: 'Onboarding steps' })
      .getByRole('button', { name: /6\. Grant consent/ })
      .click();
    await expectStep(app, 6, 'Grant consent');
    await expect(app.getByText('Consent granted')).toBeVisible();
    await recordStep(app, 'step-6-grant');
  });

  test('8. Report, before and after Finish', async ({ app, signInPages }) => {
    await reachStep(app, signInPages, 'report');
    await recordStep(app, 'step-8-report', { dark: true });
    await pressButton(app, 'Finish and sign out');
    await expect(app.getByText(/^Run finished: /)).toBeVisible();
    await recordStep(app, 'step-8-report-finished');
  });
});
