import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { expectStep, startRun } from './support/technician';

// A page that throws while rendering must not leave a blank window: its error boundary says what happened, that the
// run is safe in its journal, and offers the ways on; the error reaches the app's log through the bridge.
test('a page that fails to render shows what happened and a way back, and the error is logged', async ({
  app,
  appLog,
}) => {
  await startRun(app, { client: 'contoso.com' });
  await expectStep(app, 2, 'Preflight');

  // The run history formats each run's start with toLocaleString: make that throw, as a bug in a page would.
  await app.evaluate(() => {
    const original = Date.prototype.toLocaleString;
    (globalThis as { __restoreDates?: () => void }).__restoreDates = () => {
      Date.prototype.toLocaleString = original;
    };
    Date.prototype.toLocaleString = () => {
      throw new Error('Injected failure while formatting a date');
    };
  });
  await app.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Run history' }).click();

  const failed = app.locator('[data-page-failed="history"]');
  await expect(failed.getByRole('heading', { name: 'The run history could not be shown' })).toBeFocused();
  await expect(failed).toContainText('Nothing of a run is lost');
  await expect(failed).toContainText('Error: Injected failure while formatting a date');
  await expect(app.getByRole('heading', { name: 'Pia Onboarding', level: 1 })).toBeVisible();
  await expect
    .poll(() => appLog.map((entry) => entry.message))
    .toContain("The window's history page stopped: Injected failure while formatting a date");
  await expectAccessible(app);

  // Still broken: trying again fails again, and the way back to the checklist works, with the run where it was.
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(failed).toBeVisible();
  await failed.getByRole('button', { name: 'Open the checklist' }).click();
  await expect(app.getByRole('heading', { level: 2, name: /^2\. Preflight/ })).toBeVisible();

  // Once the fault is gone, the page shows again.
  await app.evaluate(() => (globalThis as { __restoreDates?: () => void }).__restoreDates?.());
  await app.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Run history' }).click();
  await expect(app.locator('[data-run]')).toHaveCount(1);
  await expect(failed).toHaveCount(0);
});

test.describe('when the app cannot say which mode it is in', () => {
  test.use({ failingRequests: ['app.info'] });

  test('the window says so instead of hiding the practice-mode banner, and asks again on request', async ({
    app,
    bridgeCalls,
  }) => {
    const failed = app.getByRole('group', { name: 'The app did not say whether practice mode is on' });
    await expect(failed).toBeVisible();
    await expect(failed).toContainText('The app could not complete app.info.');
    await expect(app.getByRole('group', { name: 'Practice mode', exact: true })).toHaveCount(0);
    await expect(app.getByRole('group', { name: 'Connection to the app lost' })).toHaveCount(0);
    const asked = bridgeCalls.filter((method) => method === 'app.info').length;
    await failed.getByRole('button', { name: 'Ask again' }).click();
    await expect.poll(() => bridgeCalls.filter((method) => method === 'app.info').length).toBe(asked + 1);
    await expectAccessible(app);
  });
});
