import { expect, test } from './support/fixtures';
import { reachStep } from './support/reach-step';
import { expectStep, pressButton } from './support/technician';

// The confirmed grant must not wait for the dialog's closing animation: in a window that is hidden or throttled
// that animation may never finish. Here no animation ever finishes (the Web Animations API the dialog's motion
// uses is made to hang), and confirming must still grant and go on to Verify.
test('the grant starts on the confirmation, even when the dialog never finishes closing', async ({
  app,
  signInPages,
}) => {
  await reachStep(app, signInPages, 'plan');
  await app.evaluate(() => {
    Element.prototype.animate = function hangingAnimation(): Animation {
      const animation = new Animation(null);
      Object.defineProperty(animation, 'finished', { value: new Promise<never>(() => undefined) });
      return animation;
    };
  });
  await pressButton(app, 'Grant consent…');
  await expect(app.getByRole('alertdialog', { name: 'Grant consent in Contoso?' })).toBeVisible();
  await pressButton(app, 'Grant consent');
  await expectStep(app, 7, 'Verify');
  await expect(app.getByText('Every permission that can be granted is granted')).toBeVisible({
    timeout: 30_000,
  });
});
