import { expect, test } from './support/fixtures';
import { expectStep, startRun } from './support/technician';

test('back from a run’s details, the focus returns to the run the technician opened', async ({ app }) => {
  await startRun(app, { client: 'contoso.com' });
  await expectStep(app, 2, 'Preflight');
  await app.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Run history' }).click();
  const open = app.getByRole('button', { name: 'Open the run for contoso.com' });
  await expect(open).toBeVisible();

  await open.focus();
  await app.keyboard.press('Enter');
  const back = app.getByRole('button', { name: 'Back to the run history' });
  await back.focus();
  await app.keyboard.press('Enter');
  await expect(open).toBeFocused();
});
