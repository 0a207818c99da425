import { expect, test } from './support/fixtures';
import { startWalk } from './support/reach-step';
import { expectStep, recordStep } from './support/technician';

// Every step of a practice onboarding, checked with axe-core and photographed in the light and the dark theme. The
// walk (reach-step.ts) is taken in two halves, each a test of its own: a slow page costs that half's budget, not
// the whole walk's, and neither half walks again what it has already seen. The walk's behaviour itself is asserted
// in onboarding-direct-grant.spec.ts. The screenshots land in test-results/screenshots (the README's pictures are
// taken from there).
test.describe('each step of the checklist is accessible in both themes', () => {
  test('1. Client to 4. Confirm identity, and the wait for the administrator', async ({
    app,
    signInPages,
  }) => {
    const walk = await startWalk(app, signInPages);
    await recordStep(app, 'step-1-client', { dark: true });
    await walk.to('preflight');
    await recordStep(app, 'step-2-preflight', { dark: true });
    await walk.to('sign-in');
    await recordStep(app, 'step-3-sign-in', { dark: true });
    await walk.to('sign-in-waiting');
    await recordStep(app, 'step-3-sign-in-waiting', { dark: true });
    await walk.to('identity');
    await recordStep(app, 'step-4-identity', { dark: true });
  });

  test('5. Review plan and its confirmation to 8. Report, before and after Finish', async ({
    app,
    signInPages,
  }) => {
    const walk = await startWalk(app, signInPages);
    await walk.to('plan');
    await recordStep(app, 'step-5-plan', { dark: true });
    await walk.to('plan-confirm');
    await recordStep(app, 'step-5-plan-confirm', { dark: true });
    await walk.to('verify');
    await recordStep(app, 'step-7-verify', { dark: true });
    await app
      .getByRole('navigation', { name: 'Onboarding steps' })
      .getByRole('button', { name: /6\. Grant consent/ })
      .click();
    await expectStep(app, 6, 'Grant consent');
    await expect(app.getByText('Consent granted')).toBeVisible();
    await recordStep(app, 'step-6-grant', { dark: true });
    // The Report step is opened from the navigation, from Grant consent as well as from Verify.
    await walk.to('report');
    await recordStep(app, 'step-8-report', { dark: true });
    await walk.to('finished');
    await recordStep(app, 'step-8-report-finished', { dark: true });
  });
});
