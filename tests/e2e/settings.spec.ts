import { expect, test } from './support/fixtures';
import { recordStep } from './support/technician';

const INVALID_PROFILE = `{
  "schemaVersion": 1,
  "targetApp": { "displayName": "Helpdesk", "appId": "not-a-guid" },
  "permissions": []
}
`;

const HELPDESK_PROFILE = JSON.stringify(
  {
    schemaVersion: 1,
    name: 'Helpdesk tools',
    targetApp: { displayName: 'Helpdesk', appId: '11111111-2222-4333-8444-555555555555' },
    permissions: [
      {
        resourceAppId: '00000003-0000-0000-c000-000000000000',
        resourceDisplayName: 'Microsoft Graph',
        delegated: ['User.Read'],
        application: ['User.Read.All'],
      },
    ],
  },
  null,
  2,
);

test.describe('settings', () => {
  test('profiles are imported (pasted with line and column problems, or from a file), viewed, exported and removed', async ({
    app,
  }) => {
    await app.getByRole('button', { name: 'Settings' }).click();
    await expect(app.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
    const profiles = app.getByRole('table', { name: 'Permission profiles' });
    await expect(profiles.getByRole('row')).toHaveCount(2);
    await expect(profiles).toContainText('Pia (default permissions)');
    await recordStep(app, 'settings', { dark: true });

    // Pasted text with mistakes: every problem with its field, line and column; nothing saved.
    await app.getByRole('textbox', { name: /Import a profile/ }).fill(INVALID_PROFILE);
    await app.getByRole('button', { name: 'Import', exact: true }).click();
    const problems = app.getByRole('list', { name: 'Problems in the profile' });
    await expect(problems).toContainText('targetApp.appId: expected a GUID');
    await expect(problems).toContainText('(line 3, column');
    await expect(problems).toContainText('permissions: empty list');
    await expect(profiles.getByRole('row')).toHaveCount(2);
    await recordStep(app, 'settings-profile-problems');

    // A profile file.
    await app.getByLabel('Profile file').setInputFiles({
      name: 'helpdesk.json',
      mimeType: 'application/json',
      buffer: Buffer.from(HELPDESK_PROFILE),
    });
    await expect(app.getByRole('textbox', { name: /Import a profile/ })).toHaveValue(HELPDESK_PROFILE);
    await app.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(app.getByText('Imported Helpdesk tools.')).toBeVisible();
    const helpdesk = profiles.getByRole('row', { name: /Helpdesk tools/ });
    await expect(helpdesk).toContainText('1 delegated, 1 application');

    await helpdesk.getByRole('button', { name: 'View Helpdesk tools' }).click();
    const view = app.getByRole('dialog', { name: 'Helpdesk tools' });
    await expect(view).toContainText('User.Read.All');
    await view.getByRole('button', { name: 'Close' }).click();
    await expect(view).toHaveCount(0);

    const download = app.waitForEvent('download');
    await helpdesk.getByRole('button', { name: 'Export Helpdesk tools' }).click();
    const file = await download;
    const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
    expect(JSON.parse(text)).toMatchObject({
      name: 'Helpdesk tools',
      targetApp: { appId: '11111111-2222-4333-8444-555555555555' },
    });

    // The Client step offers it; without an admin-consent redirect URI only the direct grant is possible.
    await app.getByRole('button', { name: 'Checklist' }).click();
    const picker = app.getByRole('combobox', { name: 'Permission profile' });
    await picker.selectOption({
      label: 'Helpdesk tools: 1 delegated and 1 application permissions for Helpdesk',
    });
    await expect(app.getByRole('radio', { name: 'Microsoft’s admin-consent page' })).toBeDisabled();

    await app.getByRole('button', { name: 'Settings' }).click();
    await profiles
      .getByRole('row', { name: /Helpdesk tools/ })
      .getByRole('button', { name: 'Remove Helpdesk tools' })
      .click();
    // Removing asks first.
    await app
      .getByRole('alertdialog', { name: 'Remove the profile Helpdesk tools?' })
      .getByRole('button', { name: 'Remove', exact: true })
      .click();
    await expect(app.getByText('Removed Helpdesk tools.')).toBeVisible();
    await expect(profiles.getByRole('row')).toHaveCount(2);
  });

  test('practice mode stays on until a sign-in app is configured, and the banner follows it', async ({
    app,
  }) => {
    const banner = app.getByRole('group', { name: 'Practice mode' });
    await expect(banner).toBeVisible();
    // The one practice badge, beside the app's name.
    const badge = app.getByRole('banner').getByText('Practice', { exact: true });
    await expect(badge).toBeVisible();
    await app.getByRole('button', { name: 'Settings' }).click();
    await expect(app.getByText('docs/sign-in-app.md')).toBeVisible();

    // Without a sign-in app, practice mode applies whatever was chosen: the switch shows it on, and locked.
    const practice = app.getByRole('switch', { name: /Onboard the built-in practice tenant/ });
    await expect(practice).toBeChecked();
    await expect(practice).toBeDisabled();
    await expect(
      app.getByText('Practice mode is on, and stays on until a sign-in app client ID is saved above.'),
    ).toBeVisible();
    await expect(banner).toBeVisible();

    const clientId = app.getByRole('textbox', { name: /Sign-in app client ID: Global/ });
    await clientId.fill('not an id');
    await app.getByRole('button', { name: 'Save client IDs' }).click();
    await expect(app.getByText(/Enter the application \(client\) ID as a GUID/)).toBeVisible();
    await clientId.fill('0b2f5e8a-6c4d-4e1f-9a3b-7c8d9e0f1a2b');
    await app.getByRole('button', { name: 'Save client IDs' }).click();
    await expect(app.getByText('Sign-in app client IDs saved.')).toBeVisible();
    await expect(practice).toBeEnabled();
    await expect(practice).toBeChecked();
    await practice.click();
    await expect(
      app.getByText('Practice mode is off: runs go to real clients through your sign-in app.'),
    ).toBeVisible();
    await expect(practice).not.toBeChecked();
    await expect(banner).toHaveCount(0);
    await expect(badge).toHaveCount(0);

    // The choice is shown once the main process has saved it.
    await app.getByRole('radio', { name: 'Your default browser' }).click();
    await expect(app.getByText('Sign-in browser saved.')).toBeVisible();
    await expect(app.getByRole('radio', { name: 'Your default browser' })).toBeChecked();
    await practice.click();
    await expect(banner).toBeVisible();
    await recordStep(app, 'settings-sign-in-app');
  });
});
