import { expect, test } from './support/fixtures';
import { reachStep } from './support/reach-step';

// What the Report step says when an export or the summary does not happen: never a success, and the right thing.
test.describe('the Report step tells the truth when nothing was exported', () => {
  test.use({ saveDialog: 'closed', failingRequests: ['reports.summary'] });

  test('a closed save dialog is not a success, and a summary that could not be made is not an export', async ({
    app,
    signInPages,
  }) => {
    await reachStep(app, signInPages, 'report');

    await app.getByRole('button', { name: 'PDF', exact: true }).click();
    const notSaved = app.locator('[data-status="not-saved"]');
    await expect(notSaved).toHaveText('Not saved: the save dialog was closed.');
    await expect(app.locator('[data-status="done"]')).toHaveCount(0);
    // Nothing was exported, so there is no earlier export for the run to have changed after.
    await expect(app.getByText('The run changed after your last export')).toHaveCount(0);

    await app.getByRole('button', { name: 'Copy summary' }).click();
    const failed = app.locator('[data-status="failed"]');
    await expect(failed).toContainText('The summary could not be copied');
    await expect(failed).not.toContainText('The report could not be exported');
    await expect(notSaved).toHaveCount(0);
  });
});
